#pragma once
// The Export page: a run and one of its kept checkpoints written as a complete Hugging Face model
// directory (weights in float32, float16 or bfloat16, tokenizer files, config, model card,
// training_args.json) that transformers loads with from_pretrained; or, chosen with the window's
// model picker, any model folder (the bundled model, a transformers 4 folder) written the same way.
// A run checkpoint the workspace's model picker chose is preselected. The writing runs on a worker
// thread and is atomic: a failure leaves the target as it was. The files written are listed, and
// the model can be opened in the other pages at once.
#include "widgets/workbench/page_state.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace bw::gui {

class BackgroundTask;
class StoreConnection;
class Workspace;

// Keeps across a language or theme switch: the model chosen, the precision, the target folder and
// the report of the export shown.
class ExportPage : public QWidget, public PageState {
    Q_OBJECT
public:
    ExportPage(Workspace& workspace, QWidget* parent = nullptr);
    ~ExportPage() override;

    QVariantMap viewState() const override;
    void restoreViewState(const QVariantMap& state) override;

    // Chooses the run (false when the store has no such run with a checkpoint).
    bool selectRun(qint64 run_id);
    // Chooses what the model picker offers: a run's kept checkpoint (its run and step are selected)
    // or any model folder. False when `dir` holds no model.
    bool selectModel(const QString& dir);
    // The folder of the model to be exported: the checkpoint's, or the chosen folder.
    QString sourceDirectory() const;
    bool exportsAFolder() const;
    // Starts writing; false (with the reason on the page) when the choices are incomplete.
    bool startExport();
    bool isExporting() const;
    QString targetDirectory() const;
    QStringList writtenFiles() const;  // of the last export, sorted
    QString message() const;

signals:
    void exportFinished(bool ok);

public slots:
    void refresh();

private:
    void buildLayout();
    void forgetWorkspace();
    void forgetLastExport();
    void fillCheckpoints();
    bool selectCheckpointOf(const QString& dir);
    void followWorkspaceModel(const QString& dir);
    void chooseModel();
    void suggestTarget();
    void chooseTarget();
    void finishExport(const QString& target, const QStringList& files, const QString& error, bool from_run);
    void showReport(const QString& target, const QStringList& files);  // the files written, their sizes
    void showMessage(const QString& text, bool error);

    Workspace& workspace_;
    std::unique_ptr<StoreConnection> store_;
    BackgroundTask* task_;

    QComboBox* run_combo_;
    QPushButton* choose_model_button_;
    QComboBox* checkpoint_combo_;
    QComboBox* dtype_combo_;
    QLineEdit* target_edit_;
    QPushButton* browse_button_;
    QPushButton* export_button_;
    QProgressBar* progress_;
    QLabel* message_label_;
    QTableWidget* files_table_;
    QPushButton* open_folder_button_;
    QPushButton* use_model_button_;
    QFormLayout* form_;
    qint64 checkpoints_of_run_ = 0;  // the run checkpoint_combo_ lists
    QString folder_dir_;  // a model folder chosen with the picker, offered first in run_combo_
    QStringList written_files_;
    QString exported_dir_;
};

}  // namespace bw::gui
