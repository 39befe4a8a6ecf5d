#pragma once
// The import dialog's "Dataset" box: a new dataset and its name, or an existing one to add the split
// to, with "Replace" offered when it already has rows in that split, and why it cannot take the file.
#include "core/store/store_records.h"

#include <QGroupBox>

#include <cstdint>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace bw::gui {

class ImportDatasetBox : public QGroupBox {
    Q_OBJECT
public:
    explicit ImportDatasetBox(QWidget* parent = nullptr);

    void setDatasets(std::vector<store::DatasetRecord> datasets);  // the store's, to add a split to
    // Chooses "Add a split to" `name`; false when there is no dataset by that name.
    bool addSplitTo(const QString& name);
    void offerDataset(const QString& name);  // the dataset "Add a split to" offers, not chosen
    void suggestName(const QString& name);   // the new dataset's name, unless the user typed one

    const store::DatasetRecord* targetDataset() const;  // the existing dataset chosen, or null
    QString datasetName() const;
    QString nameProblem() const;  // why the name cannot be imported into, or ""
    int64_t rowsIn(const QString& split) const;  // the target dataset's rows in `split`
    // "Replace" is offered while the target dataset has rows in `split`, and unticked otherwise.
    void offerReplace(const QString& split);
    bool replaceTicked() const;
    bool replaces() const;  // ticked, and offered in view
    void showProblem(const QString& problem);  // why the chosen dataset cannot take the file
    void setImporting(bool importing);

signals:
    void changed();        // the name, the Replace choice, or a new dataset chosen
    void targetChanged();  // another existing dataset chosen, or "Add a split to" (un)chosen

private:
    void updateEnabled();
    void updateNameNote();  // why a new dataset's name is taken, under it, when a dataset has it
    bool nameTaken(const QString& name) const;

    std::vector<store::DatasetRecord> datasets_;
    bool importing_ = false;
    QRadioButton* new_dataset_radio_;
    QLineEdit* name_edit_;
    QLabel* name_note_;
    QRadioButton* existing_dataset_radio_;
    QComboBox* existing_combo_;
    QCheckBox* replace_check_;  // the target split has rows: replace them
    QLabel* problem_label_;
};

}  // namespace bw::gui
