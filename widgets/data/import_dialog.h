#pragma once
// Importing a file into the experiment store: its file and format, columns, split and dataset are
// chosen, then it runs on a worker thread with progress and Cancel (a file refused stores nothing).
#include <QDialog>
#include <QStringList>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace bw::store {
struct ImportSummary;
}

namespace bw::gui {

class ColumnMappingPanel;
class DatasetImportJob;
class ImportDatasetBox;
class ImportFilePanel;
class ImportSplitBox;
class Workspace;

// Brings the parts together (ImportFilePanel, ColumnMappingPanel, ImportSplitBox, ImportDatasetBox),
// says what keeps the import from starting, runs it, and shows the engine's error (file and line).
class ImportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ImportDialog(Workspace& workspace, QWidget* parent = nullptr);
    ~ImportDialog() override;

    // Detects the file's format and shows its first rows.
    void setFile(const QString& path);
    // Chooses "Add a split to" `name` (an existing dataset); false when the store has none by that name.
    bool addSplitTo(const QString& name);
    // Makes `name` the dataset "Add a split to" offers, without choosing it.
    void offerDataset(const QString& name);
    bool isImporting() const;

public slots:
    void startImport();
    void reject() override;  // while importing: cancels the import and stays open

signals:
    void imported(const QString& dataset);

private:
    void buildLayout();
    void fileChosen(const QString& path);
    void suggestSplit();
    void previewChanged();
    void mappingChanged();
    void updateButtons();
    // Adding a split: the columns the target dataset was made with, chosen in the combos when the
    // file has them; the roles whose column the file lacks, for datasetProblem to name.
    void applyDatasetColumns();
    QString checkChoices() const;  // what keeps the import from starting, or ""
    QString datasetProblem() const;  // why the chosen existing dataset cannot take the file, or ""
    void setImporting(bool importing);
    void importSucceeded(const store::ImportSummary& summary);
    void importStopped(const QString& message, bool error);
    void showMessage(const QString& text, bool error);

    Workspace& workspace_;
    DatasetImportJob* job_;
    QString file_split_;  // the split the chosen file's name stands for, if any
    QStringList missing_columns_;  // "second text from column “#2 String”", ...: of the target dataset, not in the file
    bool owns_workspace_job_ = false;

    ImportFilePanel* file_panel_;
    ColumnMappingPanel* columns_panel_;
    ImportSplitBox* split_box_;
    ImportDatasetBox* dataset_box_;
    QProgressBar* progress_bar_;
    QLabel* message_label_;
    QDialogButtonBox* buttons_;
    QPushButton* import_button_;
};

}  // namespace bw::gui
