#pragma once
// Shared by the GUI tests: the golden model folders and settings kept away from the user's own.
#include "widgets/workbench/workspace.h"

#include <QCoreApplication>
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
}

// Pages load the workspace's model on a worker thread: waits until it has loaded or failed.
inline bool waitForModel(const gui::Workspace& workspace, int timeout_ms = 60000) {
    return QTest::qWaitFor([&] { return workspace.modelState() != gui::Workspace::ModelState::Loading; }, timeout_ms);
}

inline void showAndWaitForModel(QWidget& page, const gui::Workspace& workspace) {
    page.show();
    waitForModel(workspace);
}

}  // namespace bw::test
