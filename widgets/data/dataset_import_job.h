#pragma once
// One dataset import (core's importDataset) on a worker thread with its own store connection.
// Progress and the outcome come back as signals on the GUI thread. A failed or cancelled import
// stores nothing (importDataset runs in one transaction).
#include "core/store/dataset_import.h"

#include <QObject>
#include <QString>

namespace bw::gui {

class BackgroundTask;

class DatasetImportJob : public QObject {
    Q_OBJECT
public:
    explicit DatasetImportJob(QObject* parent = nullptr);

    // Starts importing into the store file at `store_path`; request.cancel and request.progress
    // are the job's. False when an import is already running.
    bool start(const QString& store_path, store::ImportRequest request);
    bool isRunning() const;
    void cancel();

signals:
    void progress(int percent);
    void succeeded(const bw::store::ImportSummary& summary);
    void failed(const QString& error);  // the engine's message: file, line, what is wrong
    void cancelled();

private:
    BackgroundTask* task_;
};

}  // namespace bw::gui
