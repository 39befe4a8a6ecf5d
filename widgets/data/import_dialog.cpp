#include "widgets/data/import_dialog.h"

#include "core/data/label_set.h"
#include "core/store/dataset_import.h"
#include "widgets/data/dataset_import_job.h"
#include "widgets/data/import_suggestion.h"
#include "widgets/data/preview_table_model.h"
#include "widgets/store/store_connection.h"
#include "widgets/workbench/workspace.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace bw::gui {

namespace {

constexpr size_t kPreviewRows = 100;  // shown, and the rows the label preview looks at
constexpr int kLabelsListed = 30;

QString formatTitle(data::DataFormat format, char delimiter) {
    switch (format) {
    case data::DataFormat::Csv:
        return delimiter == ';' ? ImportDialog::tr("CSV, semicolon-separated") : ImportDialog::tr("CSV, comma-separated");
    case data::DataFormat::Tsv: return ImportDialog::tr("TSV, tab-separated");
    case data::DataFormat::Jsonl: return ImportDialog::tr("JSON Lines");
    case data::DataFormat::Conll: return ImportDialog::tr("CoNLL (token per line)");
    case data::DataFormat::PlainText: return ImportDialog::tr("Plain text (corpus)");
    case data::DataFormat::Auto: break;
    }
    return ImportDialog::tr("Detect");
}

// A combo box's first item "(none)" can only be offered when leaving the role unmapped really
// means none: an unmapped role falls back to a well-known column name (column_mapping.h).
void setNoneSelectable(QComboBox* combo, bool selectable) {
    if (auto* model = qobject_cast<QStandardItemModel*>(combo->model()))
        if (QStandardItem* none = model->item(0)) none->setEnabled(selectable);
}

int comboColumn(const QComboBox* combo) { return combo->currentData().isValid() ? combo->currentData().toInt() : -1; }

}  // namespace

ImportDialog::ImportDialog(Workspace& workspace, QWidget* parent)
    : QDialog(parent), workspace_(workspace), job_(new DatasetImportJob(this)), preview_model_(new PreviewTableModel(this)) {
    setWindowTitle(tr("Import dataset"));
    buildLayout();

    StoreConnection connection;
    if (store::ExperimentStore* store = connection.open(workspace_.storePath())) {
        try {
            existing_datasets_ = store->listDatasets();
        } catch (const std::exception& e) {
            showMessage(QString::fromStdString(e.what()), true);
        }
    }
    for (const auto& dataset : existing_datasets_) existing_combo_->addItem(QString::fromStdString(dataset.name));
    existing_dataset_radio_->setEnabled(!existing_datasets_.empty());

    connect(job_, &DatasetImportJob::progress, this, [this](int percent) {
        progress_bar_->setValue(percent);
        if (owns_workspace_job_)
            workspace_.reportJobProgress(percent, tr("Importing %1").arg(QFileInfo(file_edit_->text()).fileName()));
    });
    connect(job_, &DatasetImportJob::succeeded, this, &ImportDialog::importSucceeded);
    connect(job_, &DatasetImportJob::failed, this, [this](const QString& error) {
        importStopped(tr("The import failed; nothing was stored.\n%1").arg(error), true);
    });
    connect(job_, &DatasetImportJob::cancelled, this,
            [this] { importStopped(tr("The import was cancelled; nothing was stored."), false); });
    connect(&workspace_, &Workspace::jobCancelRequested, this, [this] {
        if (owns_workspace_job_) job_->cancel();
    });
    updateRoleWidgets();
    updateButtons();
}

ImportDialog::~ImportDialog() {
    // The job's thread is waited for by its BackgroundTask; the status bar must not stay busy.
    if (owns_workspace_job_) workspace_.endJob(tr("Import cancelled"));
}

void ImportDialog::buildLayout() {
    file_edit_ = new QLineEdit;
    file_edit_->setObjectName("fileEdit");
    file_edit_->setPlaceholderText(tr("CSV, TSV, JSON Lines, CoNLL or plain-text file"));
    browse_button_ = new QPushButton(tr("Browse…"));
    format_combo_ = new QComboBox;
    format_combo_->setObjectName("formatCombo");
    header_check_ = new QCheckBox(tr("First row names the columns"));
    header_check_->setObjectName("headerCheck");

    auto* file_row = new QHBoxLayout;
    file_row->addWidget(file_edit_, 1);
    file_row->addWidget(browse_button_);
    auto* format_row = new QHBoxLayout;
    format_row->addWidget(format_combo_, 1);
    format_row->addWidget(header_check_);
    auto* file_form = new QFormLayout;
    file_form->addRow(tr("File:"), file_row);
    file_form->addRow(tr("Format:"), format_row);

    preview_view_ = new QTableView;
    preview_view_->setObjectName("previewTable");
    preview_view_->setModel(preview_model_);
    preview_view_->setSelectionMode(QAbstractItemView::NoSelection);
    preview_view_->setWordWrap(false);
    preview_view_->horizontalHeader()->setStretchLastSection(true);
    preview_view_->verticalHeader()->setDefaultSectionSize(preview_view_->fontMetrics().height() + 6);
    preview_view_->setMinimumHeight(200);
    auto* preview_box = new QGroupBox(tr("First rows (headed by their line in the file)"));
    auto* preview_layout = new QVBoxLayout(preview_box);
    preview_layout->addWidget(preview_view_);

    text_caption_ = new QLabel;
    text_combo_ = new QComboBox;
    text_combo_->setObjectName("textColumnCombo");
    pair_caption_ = new QLabel(tr("Text pair:"));
    pair_combo_ = new QComboBox;
    pair_combo_->setObjectName("pairColumnCombo");
    label_caption_ = new QLabel;
    label_combo_ = new QComboBox;
    label_combo_->setObjectName("labelColumnCombo");
    labels_preview_ = new QLabel;
    labels_preview_->setObjectName("labelsPreview");
    labels_preview_->setWordWrap(true);
    labels_preview_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* columns_box = new QGroupBox(tr("Columns"));
    auto* columns_form = new QFormLayout(columns_box);
    columns_form->addRow(text_caption_, text_combo_);
    columns_form->addRow(pair_caption_, pair_combo_);
    columns_form->addRow(label_caption_, label_combo_);
    columns_form->addRow(tr("Labels:"), labels_preview_);

    whole_file_radio_ = new QRadioButton(tr("The whole file is the split"));
    split_combo_ = new QComboBox;
    split_combo_->setObjectName("splitCombo");
    split_combo_->addItem(tr("train"), QStringLiteral("train"));
    split_combo_->addItem(tr("validation"), QStringLiteral("validation"));
    split_combo_->addItem(tr("test"), QStringLiteral("test"));
    holdout_radio_ = new QRadioButton(tr("Train, holding out for validation"));
    holdout_radio_->setObjectName("holdoutRadio");
    fraction_spin_ = new QDoubleSpinBox;
    fraction_spin_->setObjectName("fractionSpin");
    fraction_spin_->setRange(1, 50);
    fraction_spin_->setDecimals(1);
    fraction_spin_->setValue(10);
    fraction_spin_->setSuffix(tr(" %"));
    seed_spin_ = new QSpinBox;
    seed_spin_->setRange(0, 1 << 30);
    seed_spin_->setValue(42);
    seed_spin_->setPrefix(tr("seed "));
    whole_file_radio_->setChecked(true);
    auto* split_group = new QButtonGroup(this);
    split_group->addButton(whole_file_radio_);
    split_group->addButton(holdout_radio_);
    auto* splits_box = new QGroupBox(tr("Split"));
    auto* splits_grid = new QGridLayout(splits_box);
    splits_grid->addWidget(whole_file_radio_, 0, 0);
    splits_grid->addWidget(split_combo_, 0, 1, 1, 2);
    splits_grid->addWidget(holdout_radio_, 1, 0);
    splits_grid->addWidget(fraction_spin_, 1, 1);
    splits_grid->addWidget(seed_spin_, 1, 2);
    auto* stratified_note = new QLabel(tr("The held-out share keeps each label's proportion (stratified)."));
    stratified_note->setWordWrap(true);
    stratified_note->setEnabled(false);
    splits_grid->addWidget(stratified_note, 2, 0, 1, 3);

    new_dataset_radio_ = new QRadioButton(tr("New dataset"));
    new_dataset_radio_->setChecked(true);
    name_edit_ = new QLineEdit;
    name_edit_->setObjectName("datasetNameEdit");
    existing_dataset_radio_ = new QRadioButton(tr("Add a split to"));
    existing_dataset_radio_->setObjectName("existingDatasetRadio");
    existing_combo_ = new QComboBox;
    existing_combo_->setObjectName("existingDatasetCombo");
    auto* dataset_group = new QButtonGroup(this);
    dataset_group->addButton(new_dataset_radio_);
    dataset_group->addButton(existing_dataset_radio_);
    replace_check_ = new QCheckBox;
    replace_check_->setObjectName("replaceSplitCheck");
    replace_check_->setVisible(false);
    auto* dataset_box = new QGroupBox(tr("Dataset"));
    auto* dataset_grid = new QGridLayout(dataset_box);
    dataset_grid->addWidget(new_dataset_radio_, 0, 0);
    dataset_grid->addWidget(name_edit_, 0, 1);
    dataset_grid->addWidget(existing_dataset_radio_, 1, 0);
    dataset_grid->addWidget(existing_combo_, 1, 1);
    dataset_grid->addWidget(replace_check_, 2, 1);
    dataset_problem_label_ = new QLabel;
    dataset_problem_label_->setObjectName("datasetProblemLabel");
    dataset_problem_label_->setWordWrap(true);
    dataset_problem_label_->setStyleSheet(QStringLiteral("color: #b00020;"));
    dataset_problem_label_->setVisible(false);
    dataset_grid->addWidget(dataset_problem_label_, 3, 0, 1, 2);
    dataset_grid->setColumnStretch(1, 1);

    auto* right_column = new QVBoxLayout;
    right_column->addWidget(splits_box);
    right_column->addWidget(dataset_box);
    right_column->addStretch(1);
    auto* options_row = new QHBoxLayout;
    options_row->addWidget(columns_box, 1);
    options_row->addLayout(right_column, 1);

    progress_bar_ = new QProgressBar;
    progress_bar_->setObjectName("progressBar");
    progress_bar_->setRange(0, 100);
    progress_bar_->setVisible(false);
    message_label_ = new QLabel;
    message_label_->setObjectName("messageLabel");
    message_label_->setWordWrap(true);
    message_label_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Cancel);
    import_button_ = buttons_->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    import_button_->setObjectName("importButton");
    import_button_->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(file_form);
    layout->addWidget(preview_box, 1);
    layout->addLayout(options_row);
    layout->addWidget(progress_bar_);
    layout->addWidget(message_label_);
    layout->addWidget(buttons_);
    resize(920, 720);

    connect(browse_button_, &QPushButton::clicked, this, &ImportDialog::browse);
    connect(file_edit_, &QLineEdit::editingFinished, this, [this] {
        if (file_edit_->text() != preview_model_->property("file").toString()) setFile(file_edit_->text());
    });
    connect(format_combo_, qOverload<int>(&QComboBox::activated), this, [this] {
        header_override_.reset();
        reloadPreview();
    });
    connect(header_check_, &QCheckBox::clicked, this, [this](bool checked) {
        header_override_ = checked;
        reloadPreview();
    });
    for (QComboBox* combo : {text_combo_, pair_combo_, label_combo_})
        connect(combo, qOverload<int>(&QComboBox::activated), this, &ImportDialog::mappingChanged);
    for (QRadioButton* radio : {whole_file_radio_, holdout_radio_, new_dataset_radio_})
        connect(radio, &QRadioButton::toggled, this, &ImportDialog::updateButtons);
    // The target dataset's columns are chosen as soon as it is.
    connect(existing_dataset_radio_, &QRadioButton::toggled, this, &ImportDialog::applyDatasetColumns);
    connect(existing_combo_, qOverload<int>(&QComboBox::currentIndexChanged), this, &ImportDialog::applyDatasetColumns);
    connect(split_combo_, qOverload<int>(&QComboBox::currentIndexChanged), this, &ImportDialog::updateButtons);
    connect(replace_check_, &QCheckBox::toggled, this, &ImportDialog::updateButtons);
    connect(name_edit_, &QLineEdit::textChanged, this, &ImportDialog::updateButtons);
    connect(name_edit_, &QLineEdit::textEdited, this, [this] { name_edit_->setProperty("suggested", false); });
    split_combo_->setProperty("suggested", true);
    connect(split_combo_, qOverload<int>(&QComboBox::activated), this, [this] { split_combo_->setProperty("suggested", false); });
    connect(import_button_, &QPushButton::clicked, this, &ImportDialog::startImport);
    // Import starts the job (the dialog closes once it succeeded); accepted() is left unconnected.
    connect(buttons_, &QDialogButtonBox::rejected, this, &ImportDialog::reject);
}

void ImportDialog::browse() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import dataset"), QFileInfo(file_edit_->text()).path(),
        tr("Datasets (*.csv *.tsv *.jsonl *.ndjson *.json *.conll *.conllu *.iob *.bio *.txt);;All files (*)"));
    if (!path.isEmpty()) setFile(path);
}

void ImportDialog::setFile(const QString& path) {
    file_edit_->setText(path);
    preview_model_->setProperty("file", path);
    header_override_.reset();
    showMessage({}, false);
    // The file's name (or folder) is a good first guess; the user's own choices are kept.
    const ImportSuggestion suggestion = suggestImport(path);
    if (name_edit_->text().isEmpty() || name_edit_->property("suggested").toBool()) {
        name_edit_->setText(suggestion.name);
        name_edit_->setProperty("suggested", true);
    }
    if (split_combo_->property("suggested").toBool())
        split_combo_->setCurrentIndex(std::max(0, split_combo_->findData(suggestion.split)));
    resetFormatChoices();
    reloadPreview();
}

bool ImportDialog::isImporting() const { return job_->isRunning(); }

void ImportDialog::resetFormatChoices() {
    format_choices_.clear();
    format_combo_->clear();
    data::FormatGuess guess;
    try {
        guess = data::detectFormat(file_edit_->text().toStdString());
    } catch (const std::exception& e) {
        showMessage(QString::fromStdString(e.what()), true);
        return;
    }
    const std::vector<std::pair<data::DataFormat, char>> all = {
        {data::DataFormat::Csv, ','}, {data::DataFormat::Csv, ';'},       {data::DataFormat::Tsv, '\t'},
        {data::DataFormat::Jsonl, 0}, {data::DataFormat::Conll, 0}, {data::DataFormat::PlainText, 0}};
    for (const auto& [format, delimiter] : all) {
        const bool detected = format == guess.format && (delimiter == guess.delimiter || !delimiter);
        // The import reads a CSV with ';' only as detected (core's ImportRequest has no delimiter).
        if (delimiter == ';' && !detected) continue;
        format_choices_.push_back({format, delimiter, detected});
        const QString title = formatTitle(format, delimiter);
        format_combo_->addItem(detected ? tr("%1 (detected)").arg(title) : title);
        if (detected) format_combo_->setCurrentIndex(format_combo_->count() - 1);
    }
}

data::DataFormat ImportDialog::shownFormat() const {
    const int i = format_combo_->currentIndex();
    return i < 0 ? data::DataFormat::Auto : format_choices_[static_cast<size_t>(i)].format;
}

// The detected choice is imported as Auto, so the reader detects the same delimiter the preview used.
data::DataFormat ImportDialog::requestFormat() const {
    const int i = format_combo_->currentIndex();
    if (i < 0 || format_choices_[static_cast<size_t>(i)].detected) return data::DataFormat::Auto;
    return format_choices_[static_cast<size_t>(i)].format;
}

void ImportDialog::reloadPreview() {
    preview_ok_ = false;
    data::DatasetPreview preview;
    if (!file_edit_->text().isEmpty() && format_combo_->currentIndex() >= 0) {
        data::ColumnMapping mapping;
        mapping.has_header = header_override_;
        try {
            preview = data::previewRows(file_edit_->text().toStdString(), requestFormat(), kPreviewRows, mapping);
            preview_ok_ = true;
            showMessage({}, false);
        } catch (const std::exception& e) {
            showMessage(QString::fromStdString(e.what()), true);
        }
    }
    const bool delimited = preview.format == data::DataFormat::Csv || preview.format == data::DataFormat::Tsv;
    header_check_->setVisible(delimited);
    header_check_->setChecked(preview.has_header);
    preview_model_->setPreview(std::move(preview), tokenTask());
    preview_view_->resizeColumnsToContents();
    for (int c = 0; c < preview_model_->columnCount(); ++c)
        preview_view_->setColumnWidth(c, std::min(preview_view_->columnWidth(c), 480));
    fillColumnCombos();
    updateRoleWidgets();
    applyDatasetColumns();
}

void ImportDialog::fillColumnCombos() {
    const data::DatasetPreview& preview = preview_model_->preview();
    for (QComboBox* combo : {text_combo_, pair_combo_, label_combo_}) combo->clear();
    pair_combo_->addItem(tr("(none)"));
    label_combo_->addItem(tr("(none)"));
    for (size_t c = 0; c < preview.columns.size(); ++c) {
        const QString title = previewColumnTitle(preview, c);
        for (QComboBox* combo : {text_combo_, pair_combo_, label_combo_}) combo->addItem(title, static_cast<int>(c));
    }
    text_combo_->setCurrentIndex(std::max(0, preview.mapped.text));
    pair_combo_->setCurrentIndex(preview.mapped.text_pair + 1);
    label_combo_->setCurrentIndex(preview.mapped.label + 1);
    setNoneSelectable(pair_combo_, preview.mapped.text_pair < 0);
    setNoneSelectable(label_combo_, preview.mapped.label < 0 && !tokenTask());
}

void ImportDialog::updateRoleWidgets() {
    const data::DataFormat format = shownFormat();
    const bool token = format == data::DataFormat::Conll;
    const bool corpus = format == data::DataFormat::PlainText;
    text_caption_->setText(token ? tr("Token column:") : tr("Text:"));
    label_caption_->setText(token ? tr("Tag column:") : tr("Label:"));
    pair_caption_->setVisible(!token && !corpus);
    pair_combo_->setVisible(!token && !corpus);
    label_caption_->setVisible(!corpus);
    label_combo_->setVisible(!corpus);
    text_combo_->setEnabled(!corpus);
}

void ImportDialog::mappingChanged() {
    ColumnRoles roles;
    if (preview_ok_) {
        const bool corpus = shownFormat() == data::DataFormat::PlainText;
        roles.text = comboColumn(text_combo_);
        if (!tokenTask() && !corpus) roles.text_pair = comboColumn(pair_combo_);
        if (!corpus) roles.label = comboColumn(label_combo_);
    }
    preview_model_->setRoles(roles);
    updateLabelPreview();
    updateButtons();
}

void ImportDialog::updateLabelPreview() {
    const int column = comboColumn(label_combo_);
    const data::DatasetPreview& preview = preview_model_->preview();
    if (!preview_ok_ || shownFormat() == data::DataFormat::PlainText || column < 0) {
        labels_preview_->setText(preview_ok_ ? tr("None: the file becomes a pretraining corpus, or a test split to predict.")
                                             : QString());
        return;
    }
    std::vector<std::string> cells;
    for (const auto& row : preview.rows)
        if (static_cast<size_t>(column) < row.size()) cells.push_back(row[static_cast<size_t>(column)]);
    try {
        const data::LabelSet labels =
            tokenTask() ? data::LabelSet::forTags({cells}) : data::LabelSet::forClasses(cells);
        QStringList names;
        for (const auto& label : labels.labels()) {
            if (names.size() == kLabelsListed) {
                names << QStringLiteral("…");
                break;
            }
            names << QString::fromStdString(label);
        }
        labels_preview_->setText(tr("%n label(s) in the first %1 rows: %2", "", static_cast<int>(labels.size()))
                                     .arg(preview.rows.size())
                                     .arg(names.join(QStringLiteral(", "))));
    } catch (const std::exception& e) {
        labels_preview_->setText(QString::fromStdString(e.what()));
    }
}

data::ColumnMapping ImportDialog::currentMapping() const {
    data::ColumnMapping mapping;
    mapping.has_header = header_override_;
    const auto& columns = preview_model_->preview().columns;
    auto name = [&](const QComboBox* combo) -> std::optional<std::string> {
        const int c = comboColumn(combo);
        return c >= 0 && static_cast<size_t>(c) < columns.size() ? std::optional(columns[static_cast<size_t>(c)])
                                                                  : std::nullopt;
    };
    switch (shownFormat()) {
    case data::DataFormat::Conll:
        mapping.token_column = std::max(0, comboColumn(text_combo_));
        if (comboColumn(label_combo_) >= 0) mapping.tag_column = comboColumn(label_combo_);
        break;
    case data::DataFormat::PlainText: break;
    default:
        // Columns by name: without a header the names are the indexes ("0", "1", ...).
        mapping.text = name(text_combo_);
        mapping.text_pair = name(pair_combo_);
        mapping.label = name(label_combo_);
    }
    return mapping;
}

bool ImportDialog::addSplitTo(const QString& name) {
    const int index = existing_combo_->findText(name);
    if (index < 0) return false;
    existing_combo_->setCurrentIndex(index);
    existing_dataset_radio_->setChecked(true);
    return true;
}

void ImportDialog::offerDataset(const QString& name) {
    if (const int index = existing_combo_->findText(name); index >= 0) existing_combo_->setCurrentIndex(index);
}

const store::DatasetRecord* ImportDialog::targetDataset() const {
    if (!existing_dataset_radio_->isChecked()) return nullptr;
    const int index = existing_combo_->currentIndex();
    return index >= 0 && static_cast<size_t>(index) < existing_datasets_.size() ? &existing_datasets_[static_cast<size_t>(index)]
                                                                                : nullptr;
}

int64_t ImportDialog::takenRows() const {
    const store::DatasetRecord* dataset = targetDataset();
    if (!dataset) return 0;
    const auto rows = dataset->row_counts.find(splitName().toStdString());
    return rows == dataset->row_counts.end() ? 0 : rows->second;
}

QString ImportDialog::splitName() const {
    return holdout_radio_->isChecked() ? QStringLiteral("train") : split_combo_->currentData().toString();
}

void ImportDialog::applyDatasetColumns() {
    missing_columns_.clear();
    const store::DatasetRecord* dataset = targetDataset();
    const data::DatasetPreview& preview = preview_model_->preview();
    const bool sequence_file = shownFormat() != data::DataFormat::Conll && shownFormat() != data::DataFormat::PlainText;
    if (dataset && preview_ok_ && sequence_file && dataset->task_kind == "sequence" && dataset->columns.is_object()) {
        // As the engine does (dataset_import.h): each role reads the column the dataset was made with.
        const std::pair<const char*, QComboBox*> roles[] = {{"text", text_combo_}, {"text_pair", pair_combo_}, {"label", label_combo_}};
        for (const auto& [key, combo] : roles) {
            const auto& stored = dataset->columns.value(key, nlohmann::json());
            const bool none = !stored.is_string();
            if (none && combo != text_combo_) {
                combo->setCurrentIndex(0);  // "(none)": the dataset has no such column
                continue;
            }
            if (none) continue;
            const auto it = std::find(preview.columns.begin(), preview.columns.end(), stored.get<std::string>());
            if (it != preview.columns.end()) {
                combo->setCurrentIndex(combo->findData(static_cast<int>(it - preview.columns.begin())));
            } else if (std::string(key) != "label") {  // an unlabelled file may still be the test split
                const QString role = combo == text_combo_ ? tr("text") : tr("second text");
                missing_columns_ << tr("%1 from column “%2”").arg(role, QString::fromStdString(stored.get<std::string>()));
            } else {
                combo->setCurrentIndex(0);
            }
        }
    }
    mappingChanged();
}

QString ImportDialog::datasetName() const {
    return (new_dataset_radio_->isChecked() ? name_edit_->text() : existing_combo_->currentText()).trimmed();
}

QString ImportDialog::checkChoices() const {
    if (!workspace_.hasStore()) return tr("Open or create an experiment store first.");
    if (file_edit_->text().isEmpty()) return tr("Choose a file to import.");
    if (!preview_ok_) return tr("The file cannot be read as %1.").arg(format_combo_->currentText());
    const QString name = datasetName();
    if (name.isEmpty()) return tr("Name the dataset.");
    if (new_dataset_radio_->isChecked() &&
        std::any_of(existing_datasets_.begin(), existing_datasets_.end(),
                    [&](const store::DatasetRecord& d) { return QString::fromStdString(d.name) == name; }))
        return tr("A dataset named “%1” exists: choose another name, or add a split to it.").arg(name);
    return datasetProblem();
}

QString ImportDialog::datasetProblem() const {
    if (!targetDataset() || !preview_ok_) return {};
    const QString name = datasetName();
    if (!missing_columns_.isEmpty()) {
        QStringList columns;
        for (const auto& column : preview_model_->preview().columns) columns << QString::fromStdString(column);
        return tr("Dataset “%1” reads its %2, which this file does not have (its columns: %3).")
            .arg(name, missing_columns_.join(tr(" and its ")), columns.join(QStringLiteral(", ")));
    }
    if (const int64_t taken = takenRows(); taken > 0 && !replace_check_->isChecked())
        return tr("Dataset “%1” already has a %2 split (%n row(s)): tick “Replace” to replace it.", "",
                  static_cast<int>(taken))
            .arg(name, splitName());
    return {};
}

void ImportDialog::updateButtons() {
    const bool importing = job_->isRunning();
    name_edit_->setEnabled(new_dataset_radio_->isChecked() && !importing);
    existing_combo_->setEnabled(existing_dataset_radio_->isChecked() && !importing);
    split_combo_->setEnabled(whole_file_radio_->isChecked() && !importing);
    fraction_spin_->setEnabled(holdout_radio_->isChecked() && !importing);
    seed_spin_->setEnabled(holdout_radio_->isChecked() && !importing);
    // "Replace" appears when the chosen split of the chosen dataset has rows.
    const int64_t taken = takenRows();
    replace_check_->setVisible(taken > 0);
    if (taken > 0) replace_check_->setText(tr("Replace its %1 split (%n row(s))", "", static_cast<int>(taken)).arg(splitName()));
    else replace_check_->setChecked(false);
    replace_check_->setEnabled(!importing);
    // Why the chosen dataset cannot take this file, in view (a disabled button shows no tooltip).
    const QString dataset_problem = datasetProblem();
    dataset_problem_label_->setText(dataset_problem);
    dataset_problem_label_->setVisible(!dataset_problem.isEmpty());
    const QString problem = checkChoices();
    import_button_->setEnabled(!importing && problem.isEmpty());
    import_button_->setToolTip(problem);
}

void ImportDialog::startImport() {
    if (job_->isRunning()) return;
    if (const QString problem = checkChoices(); !problem.isEmpty()) {
        showMessage(problem, true);
        return;
    }
    store::ImportRequest request;
    request.input = file_edit_->text().toStdString();
    request.name = datasetName().toStdString();
    request.format = requestFormat();
    request.mapping = currentMapping();
    request.replace = replace_check_->isVisible() && replace_check_->isChecked();
    if (holdout_radio_->isChecked()) {
        request.split = "train";
        request.validation_fraction = fraction_spin_->value() / 100.0;
        request.seed = static_cast<uint64_t>(seed_spin_->value());
    } else {
        request.split = split_combo_->currentData().toString().toStdString();
    }
    showMessage(tr("Importing…"), false);
    progress_bar_->setValue(0);
    // The status bar shows one job; a training job keeps it, and the import reports here only.
    owns_workspace_job_ = !workspace_.jobRunning();
    if (owns_workspace_job_) workspace_.beginJob(tr("Importing %1").arg(QFileInfo(file_edit_->text()).fileName()));
    job_->start(workspace_.storePath(), std::move(request));
    setImporting(true);
}

void ImportDialog::setImporting(bool importing) {
    progress_bar_->setVisible(importing);
    for (QWidget* w : std::initializer_list<QWidget*>{file_edit_, browse_button_, format_combo_, header_check_, text_combo_,
                                                      pair_combo_, label_combo_, whole_file_radio_, holdout_radio_,
                                                      new_dataset_radio_, existing_dataset_radio_})
        w->setEnabled(!importing);
    existing_dataset_radio_->setEnabled(!importing && !existing_datasets_.empty());
    updateButtons();
}

void ImportDialog::importSucceeded(const store::ImportSummary& summary) {
    int64_t rows = 0;
    for (const auto& [split, count] : summary.rows_added) rows += count;
    const QString name = QString::fromStdString(summary.dataset.name);
    if (owns_workspace_job_) workspace_.endJob(tr("Imported %n row(s) into %1", "", static_cast<int>(rows)).arg(name));
    owns_workspace_job_ = false;
    setImporting(false);
    workspace_.notifyStoreContentsChanged();
    emit imported(name);
    accept();
}

void ImportDialog::importStopped(const QString& message, bool error) {
    if (owns_workspace_job_) workspace_.endJob(error ? tr("Import failed") : tr("Import cancelled"));
    owns_workspace_job_ = false;
    setImporting(false);
    showMessage(message, error);
}

void ImportDialog::reject() {
    if (job_->isRunning()) {
        job_->cancel();
        showMessage(tr("Cancelling…"), false);
        return;
    }
    QDialog::reject();
}

void ImportDialog::showMessage(const QString& text, bool error) {
    message_label_->setText(text);
    message_label_->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
    message_label_->setProperty("error", error);
}

}  // namespace bw::gui
