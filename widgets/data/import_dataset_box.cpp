#include "widgets/data/import_dataset_box.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>

#include <algorithm>

namespace bw::gui {

ImportDatasetBox::ImportDatasetBox(QWidget* parent) : QGroupBox(tr("Dataset"), parent) {
    new_dataset_radio_ = new QRadioButton(tr("New dataset"));
    new_dataset_radio_->setChecked(true);
    name_edit_ = new QLineEdit;
    name_edit_->setObjectName("datasetNameEdit");
    name_note_ = new QLabel;  // a taken name, said as it is typed, not only once Import is pressed
    name_note_->setObjectName("datasetNameNote");
    name_note_->setStyleSheet(QStringLiteral("color: #b00020;"));
    name_note_->setWordWrap(true);
    name_note_->setVisible(false);
    existing_dataset_radio_ = new QRadioButton(tr("Add a split to"));
    existing_dataset_radio_->setObjectName("existingDatasetRadio");
    existing_combo_ = new QComboBox;
    existing_combo_->setObjectName("existingDatasetCombo");
    auto* group = new QButtonGroup(this);
    group->addButton(new_dataset_radio_);
    group->addButton(existing_dataset_radio_);
    replace_check_ = new QCheckBox;
    replace_check_->setObjectName("replaceSplitCheck");
    replace_check_->setVisible(false);
    problem_label_ = new QLabel;
    problem_label_->setObjectName("datasetProblemLabel");
    problem_label_->setWordWrap(true);
    problem_label_->setStyleSheet(QStringLiteral("color: #b00020;"));
    problem_label_->setVisible(false);
    auto* grid = new QGridLayout(this);
    grid->addWidget(new_dataset_radio_, 0, 0);
    grid->addWidget(name_edit_, 0, 1);
    grid->addWidget(name_note_, 1, 1);
    grid->addWidget(existing_dataset_radio_, 2, 0);
    grid->addWidget(existing_combo_, 2, 1);
    grid->addWidget(replace_check_, 3, 1);
    grid->addWidget(problem_label_, 4, 0, 1, 2);
    grid->setColumnStretch(1, 1);

    connect(new_dataset_radio_, &QRadioButton::toggled, this, [this] {
        updateEnabled();
        emit changed();
    });
    // The target dataset's columns are chosen as soon as it is.
    connect(existing_dataset_radio_, &QRadioButton::toggled, this, [this] {
        updateEnabled();
        emit targetChanged();
    });
    connect(existing_combo_, qOverload<int>(&QComboBox::currentIndexChanged), this, &ImportDatasetBox::targetChanged);
    connect(replace_check_, &QCheckBox::toggled, this, &ImportDatasetBox::changed);
    connect(name_edit_, &QLineEdit::textChanged, this, [this] {
        updateNameNote();
        emit changed();
    });
    // The file's name suggests the dataset's until the user types one.
    connect(name_edit_, &QLineEdit::textEdited, this, [this] { name_edit_->setProperty("suggested", false); });
    updateEnabled();
}

void ImportDatasetBox::setDatasets(std::vector<store::DatasetRecord> datasets) {
    datasets_ = std::move(datasets);
    existing_combo_->clear();
    for (const auto& dataset : datasets_) existing_combo_->addItem(QString::fromStdString(dataset.name));
    updateEnabled();
}

bool ImportDatasetBox::nameTaken(const QString& name) const {
    return std::any_of(datasets_.begin(), datasets_.end(),
                       [&](const store::DatasetRecord& d) { return QString::fromStdString(d.name) == name; });
}

void ImportDatasetBox::updateNameNote() {
    const bool taken = new_dataset_radio_->isChecked() && nameTaken(name_edit_->text().trimmed());
    name_note_->setText(taken ? nameProblem() : QString());
    name_note_->setVisible(taken);
}

bool ImportDatasetBox::addSplitTo(const QString& name) {
    const int index = existing_combo_->findText(name);
    if (index < 0) return false;
    existing_combo_->setCurrentIndex(index);
    existing_dataset_radio_->setChecked(true);
    return true;
}

void ImportDatasetBox::offerDataset(const QString& name) {
    if (const int index = existing_combo_->findText(name); index >= 0) existing_combo_->setCurrentIndex(index);
}

void ImportDatasetBox::suggestName(const QString& name) {
    if (name_edit_->text().isEmpty() || name_edit_->property("suggested").toBool()) {
        name_edit_->setText(name);
        name_edit_->setProperty("suggested", true);
    }
}

const store::DatasetRecord* ImportDatasetBox::targetDataset() const {
    if (!existing_dataset_radio_->isChecked()) return nullptr;
    const int index = existing_combo_->currentIndex();
    return index >= 0 && static_cast<size_t>(index) < datasets_.size() ? &datasets_[static_cast<size_t>(index)] : nullptr;
}

QString ImportDatasetBox::datasetName() const {
    return (new_dataset_radio_->isChecked() ? name_edit_->text() : existing_combo_->currentText()).trimmed();
}

QString ImportDatasetBox::nameProblem() const {
    const QString name = datasetName();
    if (name.isEmpty()) return tr("Name the dataset.");
    if (new_dataset_radio_->isChecked() && nameTaken(name))
        return tr("A dataset named “%1” exists: choose another name, or add a split to it.").arg(name);
    return {};
}

int64_t ImportDatasetBox::rowsIn(const QString& split) const {
    const store::DatasetRecord* dataset = targetDataset();
    if (!dataset) return 0;
    const auto rows = dataset->row_counts.find(split.toStdString());
    return rows == dataset->row_counts.end() ? 0 : rows->second;
}

void ImportDatasetBox::offerReplace(const QString& split) {
    const int64_t taken = rowsIn(split);
    replace_check_->setVisible(taken > 0);
    if (taken > 0) replace_check_->setText(tr("Replace its %1 split (%Ln row(s))", "", static_cast<int>(taken)).arg(split));
    else replace_check_->setChecked(false);
}

bool ImportDatasetBox::replaceTicked() const { return replace_check_->isChecked(); }

bool ImportDatasetBox::replaces() const { return replace_check_->isVisible() && replace_check_->isChecked(); }

void ImportDatasetBox::showProblem(const QString& problem) {
    problem_label_->setText(problem);
    problem_label_->setVisible(!problem.isEmpty());
}

void ImportDatasetBox::setImporting(bool importing) {
    importing_ = importing;
    updateEnabled();
}

// The options of the choice not made stay in view, disabled; "Add a split to" needs a dataset.
void ImportDatasetBox::updateEnabled() {
    new_dataset_radio_->setEnabled(!importing_);
    existing_dataset_radio_->setEnabled(!importing_ && !datasets_.empty());
    name_edit_->setEnabled(new_dataset_radio_->isChecked() && !importing_);
    existing_combo_->setEnabled(existing_dataset_radio_->isChecked() && !importing_);
    replace_check_->setEnabled(!importing_);
    updateNameNote();
}

}  // namespace bw::gui
