#pragma once
// The state every page of the workbench shares: the open experiment store (the workspace file),
// the model in use, and the one background job whose progress the status bar shows.
// Pages read from it and listen to its signals; they never talk to each other directly.
#include <QObject>
#include <QString>

#include <memory>

namespace bw::analysis {
class BertPipeline;
}

namespace bw::gui {

class BackgroundTask;
class StoreWatcher;

class Workspace : public QObject {
    Q_OBJECT
public:
    explicit Workspace(QObject* parent = nullptr);
    ~Workspace() override;

    // The experiment store (SQLite file). openStore creates the file when it does not exist and
    // refuses (returning false with the reason, changing nothing) a locked or corrupt one.
    bool openStore(const QString& path, QString* error);
    // openStore in two halves, for a window that checks on a worker thread: checkStore does the
    // slow part (the schema, every page read, runs of dead processes recovered) and touches no
    // workspace, so any thread may call it; useCheckedStore then makes the store the workspace's.
    static bool checkStore(const QString& path, QString* error);
    void useCheckedStore(const QString& path);
    QString storePath() const { return store_path_; }
    bool hasStore() const { return !store_path_.isEmpty(); }
    // Called by a page after it added or changed datasets or runs, so the other pages refresh.
    // Changes made by other processes (bertwork-cli, another window) are announced the same way,
    // within StoreWatcher::kIntervalMilliseconds (widgets/store/store_watcher.h).
    void notifyStoreContentsChanged();

    // The model directory the tokenizer, attention and playground pages use. Its pipeline loads on a
    // worker thread when a page asks for it (loadPipeline), so a big model never freezes the window;
    // pipelineLoaded() says when it is ready or has failed.
    enum class ModelState { None, NotLoaded, Loading, Ready, Failed };
    void setModelDir(const QString& dir);
    QString modelDir() const { return model_dir_; }
    ModelState modelState() const;
    void loadPipeline();
    std::shared_ptr<const analysis::BertPipeline> pipeline() const { return pipeline_; }  // null unless Ready
    QString pipelineError() const { return pipeline_error_; }  // why it failed (with the load report)
    // Run the model with its encoder's Linears dynamically quantized to int8 (faster on the CPU,
    // slightly less exact; core/model/packed_linear.h). A change reloads the model: pages see
    // modelChanged() as for another model. Off at every start: exact results are the default.
    void setInt8Inference(bool on);
    bool int8Inference() const { return int8_; }

    // The background job shown in the status bar (one at a time).
    bool jobRunning() const { return job_running_; }
    QString jobTitle() const { return job_title_; }  // of the running job, "" when none
    void beginJob(const QString& title);
    void reportJobProgress(int percent, const QString& text);  // percent < 0: indeterminate
    void endJob(const QString& message);
    void requestJobCancel() { emit jobCancelRequested(); }

    // A file the user dropped on the window or chose to import; the Data page handles it.
    void requestImport(const QString& path) { emit importRequested(path); }
    // Train a stored run again with changes: the Train page opens its wizard with the run's settings.
    void requestClone(qint64 run_id) { emit cloneRequested(run_id); }
    // Show a run's error analyses: the window switches to the Errors page, which selects the run.
    void requestErrorAnalysis(qint64 run_id) { emit errorAnalysisRequested(run_id); }
    // Show a text (and its pair) on the Attention ("attention") or Playground ("playground") page,
    // with the workspace's model: the window switches to that page, which reads the text.
    void requestTextOnPage(const QString& page, const QString& text, const QString& text_pair) {
        emit textOnPageRequested(page, text, text_pair);
    }

signals:
    void storeChanged(const QString& path);
    void storeContentsChanged();
    void modelChanged(const QString& dir);
    void pipelineLoaded();
    void jobStarted(const QString& title);
    void jobProgress(int percent, const QString& text);
    void jobFinished(const QString& message);
    void jobCancelRequested();
    void importRequested(const QString& path);
    void cloneRequested(qint64 run_id);
    void errorAnalysisRequested(qint64 run_id);
    void textOnPageRequested(const QString& page, const QString& text, const QString& text_pair);

private:
    QString store_path_;
    StoreWatcher* watcher_;
    QString model_dir_;
    bool int8_ = false;
    void startLoading();
    void forgetPipeline();

    std::shared_ptr<const analysis::BertPipeline> pipeline_;
    QString pipeline_error_;  // why the model failed to load; kept so that pages do not retry it
    bool load_wanted_ = false;  // a page asked for the current model's pipeline
    BackgroundTask* loader_;
    bool job_running_ = false;
    QString job_title_;
};

}  // namespace bw::gui
