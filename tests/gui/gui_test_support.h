#pragma once
// Shared by the GUI tests: the golden model folders and settings kept away from the user's own.
#include "core/store/dataset_import.h"
#include "core/store/experiment_store.h"
#include "widgets/workbench/workspace.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QString>
#include <QTest>
#include <QWidget>

namespace bw::test {

inline QString goldenModel(const char* name) {
    return QStringLiteral(BW_FIXTURES_DIR "/golden/") + QString::fromLatin1(name);
}

// QSettings and QStandardPaths go to a test location (~/.qttest), never the user's configuration.
inline void isolateSettings(const char* test_name) {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BertworkTests"));
    QCoreApplication::setApplicationName(QString::fromLatin1(test_name));
    QSettings().clear();  // test mode keeps the file between runs: each run starts from nothing
}

// Pages load the workspace's model on a worker thread: waits until it has loaded or failed.
inline bool waitForModel(const gui::Workspace& workspace, int timeout_ms = 60000) {
    return QTest::qWaitFor([&] { return workspace.modelState() != gui::Workspace::ModelState::Loading; }, timeout_ms);
}

// A store at `store_path` with dataset "sst2": the fixture's train slice `train_file` (under
// tests/fixtures/data) and the SST-2 dev set as its validation split.
inline void importSst2(const QString& store_path, const char* train_file) {
    store::ExperimentStore store = store::ExperimentStore::open(store_path.toStdString());
    store::ImportRequest train;
    train.input = std::string(BW_FIXTURES_DIR "/data/") + train_file;
    train.name = "sst2";
    store::importDataset(store, train);
    store::ImportRequest dev = train;
    dev.input = BW_FIXTURES_DIR "/data/sst2_dev.tsv";
    dev.split = "validation";
    store::importDataset(store, dev);
}

inline void showAndWaitForModel(QWidget& page, const gui::Workspace& workspace) {
    page.show();
    waitForModel(workspace);
}

}  // namespace bw::test
