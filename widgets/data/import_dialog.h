#pragma once
// Importing a file into the experiment store: the format and delimiter are detected (and can be
// overridden), the first rows shown, the text / pair / label (or token / tag) columns chosen, the
// labels previewed, the split chosen (the whole file, or train with a stratified validation share),
// and the dataset named (a new one, or a split added to an existing one, which reads the columns the
// dataset was made with and may replace a split it has). The import runs on a
// worker thread with progress and Cancel; a file the engine rejects shows its error (file and line)
// here and stores nothing.
#include "core/data/data_format.h"
#include "core/data/dataset_preview.h"
#include "core/store/store_records.h"

#include <QDialog>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTableView;

namespace bw::store {
struct ImportSummary;
}

namespace bw::gui {

class DatasetImportJob;
class PreviewTableModel;
class Workspace;

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
    // A format with its delimiter, as the format combo box offers it.
    struct FormatChoice {
        data::DataFormat format;
        char delimiter;
        bool detected;
    };

    void buildLayout();
    void browse();
    void resetFormatChoices();
    void reloadPreview();
    void fillColumnCombos();
    void mappingChanged();
    void updateLabelPreview();
    void updateRoleWidgets();
    void updateButtons();
    // Adding a split: the columns the target dataset was made with, chosen in the combos when the
    // file has them; the roles whose column the file lacks, for checkChoices to name.
    void applyDatasetColumns();
    const store::DatasetRecord* targetDataset() const;  // the existing dataset chosen, or null
    QString splitName() const;  // the split the file becomes (train with a held-out share)
    int64_t takenRows() const;  // rows the target dataset already has in that split
    data::DataFormat requestFormat() const;
    data::ColumnMapping currentMapping() const;
    data::DataFormat shownFormat() const;
    bool tokenTask() const { return shownFormat() == data::DataFormat::Conll; }
    QString datasetName() const;
    QString checkChoices() const;  // what keeps the import from starting, or ""
    QString datasetProblem() const;  // why the chosen existing dataset cannot take the file, or ""
    void setImporting(bool importing);
    void importSucceeded(const store::ImportSummary& summary);
    void importStopped(const QString& message, bool error);
    void showMessage(const QString& text, bool error);

    Workspace& workspace_;
    DatasetImportJob* job_;
    PreviewTableModel* preview_model_;
    std::vector<FormatChoice> format_choices_;
    std::vector<store::DatasetRecord> existing_datasets_;
    QStringList missing_columns_;  // "second text: #2 String", ... of the target dataset, not in the file
    std::optional<bool> header_override_;
    bool preview_ok_ = false;
    bool owns_workspace_job_ = false;

    QLineEdit* file_edit_;
    QPushButton* browse_button_;
    QComboBox* format_combo_;
    QCheckBox* header_check_;
    QTableView* preview_view_;
    QLabel* text_caption_;
    QComboBox* text_combo_;
    QLabel* pair_caption_;
    QComboBox* pair_combo_;
    QLabel* label_caption_;
    QComboBox* label_combo_;
    QLabel* labels_preview_;
    QRadioButton* whole_file_radio_;
    QComboBox* split_combo_;
    QRadioButton* holdout_radio_;
    QDoubleSpinBox* fraction_spin_;
    QSpinBox* seed_spin_;
    QRadioButton* new_dataset_radio_;
    QLineEdit* name_edit_;
    QRadioButton* existing_dataset_radio_;
    QComboBox* existing_combo_;
    QCheckBox* replace_check_;  // the target split has rows: replace them
    QLabel* dataset_problem_label_;
    QProgressBar* progress_bar_;
    QLabel* message_label_;
    QDialogButtonBox* buttons_;
    QPushButton* import_button_;
};

}  // namespace bw::gui
