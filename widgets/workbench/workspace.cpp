#include "widgets/workbench/workspace.h"

#include "core/analysis/bert_pipeline.h"
#include "core/store/experiment_store.h"

namespace bw::gui {

Workspace::Workspace(QObject* parent) : QObject(parent) {}
Workspace::~Workspace() = default;

bool Workspace::openStore(const QString& path, QString* error) {
    try {
        // Opening validates the file (schema, integrity) and recovers runs left by a dead process.
        store::ExperimentStore::open(path.toStdString());
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    store_path_ = path;
    emit storeChanged(path);
    return true;
}

void Workspace::setModelDir(const QString& dir) {
    if (dir == model_dir_) return;
    model_dir_ = dir;
    pipeline_.reset();
    pipeline_error_.clear();
    emit modelChanged(dir);
}

std::shared_ptr<const analysis::BertPipeline> Workspace::pipeline(QString* error) {
    if (model_dir_.isEmpty()) {
        if (error) *error = tr("No model is selected.");
        return nullptr;
    }
    if (!pipeline_ && pipeline_error_.isEmpty()) {
        try {
            pipeline_ = analysis::BertPipeline::open(model_dir_.toStdString());
        } catch (const std::exception& e) {
            pipeline_error_ = QString::fromStdString(e.what());
        }
    }
    if (!pipeline_ && error) *error = pipeline_error_;
    return pipeline_;
}

void Workspace::beginJob(const QString& title) {
    job_running_ = true;
    emit jobStarted(title);
}

void Workspace::reportJobProgress(int percent, const QString& text) { emit jobProgress(percent, text); }

void Workspace::endJob(const QString& message) {
    job_running_ = false;
    emit jobFinished(message);
}

}  // namespace bw::gui
