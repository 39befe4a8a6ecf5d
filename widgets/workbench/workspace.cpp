#include "widgets/workbench/workspace.h"

#include "core/analysis/bert_pipeline.h"
#include "core/store/experiment_store.h"
#include "widgets/shared/background_task.h"
#include "widgets/shared/error_text.h"
#include "widgets/shared/file_dialog.h"
#include "widgets/store/store_watcher.h"

namespace bw::gui {

Workspace::Workspace(QObject* parent)
    : QObject(parent), watcher_(new StoreWatcher(this)), loader_(new BackgroundTask(this)) {
    connect(watcher_, &StoreWatcher::listingsChanged, this, &Workspace::storeContentsChanged);
}
Workspace::~Workspace() = default;

bool Workspace::openStore(const QString& path, QString* error) {
    if (!checkStore(path, error)) return false;
    useCheckedStore(path);
    return true;
}

bool Workspace::checkStore(const QString& path, QString* error) {
    try {
        // Opening validates the file (schema, every page) and recovers runs left by a dead process.
        store::StoreOptions options;
        options.verify_integrity = true;
        store::ExperimentStore::open(path.toStdString(), options);
        return true;
    } catch (const std::exception& e) {
        if (error) *error = errorText(e);
        return false;
    }
}

void Workspace::useCheckedStore(const QString& path) {
    store_path_ = path;
    FileDialog::protectStore(path);  // no dialog of the window may now read or replace its files
    watcher_->watch(path);
    emit storeChanged(path);
}

void Workspace::notifyStoreContentsChanged() {
    watcher_->markSeen();  // the watcher's next tick must not announce this change a second time
    emit storeContentsChanged();
}

void Workspace::setModelDir(const QString& dir) {
    if (dir == model_dir_) return;
    model_dir_ = dir;
    forgetPipeline();
    emit modelChanged(dir);
}

void Workspace::setInt8Inference(bool on) {
    if (on == int8_) return;
    int8_ = on;
    if (model_dir_.isEmpty()) return;
    forgetPipeline();
    emit modelChanged(model_dir_);
}

void Workspace::forgetPipeline() {
    pipeline_.reset();
    pipeline_error_.clear();
    load_wanted_ = false;  // a load still running for the previous model is discarded when it ends
}

Workspace::ModelState Workspace::modelState() const {
    if (model_dir_.isEmpty()) return ModelState::None;
    if (pipeline_) return ModelState::Ready;
    if (!pipeline_error_.isEmpty()) return ModelState::Failed;
    return load_wanted_ ? ModelState::Loading : ModelState::NotLoaded;
}

void Workspace::loadPipeline() {
    if (modelState() != ModelState::NotLoaded) return;
    load_wanted_ = true;
    if (!loader_->isRunning()) startLoading();  // otherwise the end of the running load starts this one
}

void Workspace::startLoading() {
    struct Loaded {
        std::shared_ptr<const analysis::BertPipeline> pipeline;
        QString error;
    };
    const QString dir = model_dir_;
    const bool int8 = int8_;
    auto loaded = std::make_shared<Loaded>();
    loader_->start(
        [dir, int8, loaded] {
            try {
                analysis::PipelineOptions options;
                options.int8 = int8;
                loaded->pipeline = analysis::BertPipeline::open(dir.toStdString(), options);
            } catch (const std::exception& e) {
                loaded->error = errorText(e);
            }
        },
        [this, dir, int8, loaded] {
            if (dir != model_dir_ || int8 != int8_) {  // the model or its precision changed while this one loaded
                if (load_wanted_) startLoading();
                return;
            }
            load_wanted_ = false;
            pipeline_ = loaded->pipeline;
            pipeline_error_ = loaded->pipeline || !loaded->error.isEmpty() ? loaded->error : tr("unknown error");
            emit pipelineLoaded();
        });
}

void Workspace::beginJob(const QString& title) {
    job_running_ = true;
    job_title_ = title;
    emit jobStarted(title);
}

void Workspace::reportJobProgress(int percent, const QString& text) { emit jobProgress(percent, text); }

void Workspace::endJob(const QString& message) {
    job_running_ = false;
    job_title_.clear();
    emit jobFinished(message);
}

}  // namespace bw::gui
