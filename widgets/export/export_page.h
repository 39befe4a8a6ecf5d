#pragma once
// The Export page: a run and one of its kept checkpoints written as a complete Hugging Face model
// directory (weights in float32, float16 or bfloat16, tokenizer files, config, model card,
// training_args.json) that transformers loads with from_pretrained. The writing runs on a worker
// thread and is atomic: a failure leaves the target as it was. The files written are listed, and
// the model can be opened in the other pages at once.
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace bw::gui {

class BackgroundTask;
class StoreConnection;
class Workspace;

class ExportPage : public QWidget {
    Q_OBJECT
public:
    ExportPage(Workspace& workspace, QWidget* parent = nullptr);
    ~ExportPage() override;

    // Chooses the run (false when the store has no such run with a checkpoint).
    bool selectRun(qint64 run_id);
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
    void fillCheckpoints();
    void suggestTarget();
    void chooseTarget();
    void finishExport(const QString& target, const QStringList& files, const QString& error);
    void showMessage(const QString& text, bool error);

    Workspace& workspace_;
    std::unique_ptr<StoreConnection> store_;
    BackgroundTask* task_;

    QComboBox* run_combo_;
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
    QStringList written_files_;
    QString exported_dir_;
};

}  // namespace bw::gui
