#include "widgets/data/import_dialog.h"

#include "core/store/dataset_import.h"
#include "widgets/data/column_mapping_panel.h"
#include "widgets/data/dataset_import_job.h"
#include "widgets/data/import_dataset_box.h"
#include "widgets/data/import_file_panel.h"
#include "widgets/data/import_split_box.h"
#include "widgets/data/import_suggestion.h"
#include "widgets/store/store_connection.h"
#include "widgets/workbench/workspace.h"
#include "widgets/shared/bad_rows_text.h"
#include "widgets/shared/error_text.h"
#include "widgets/shared/split_title.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace bw::gui {

ImportDialog::ImportDialog(Workspace& workspace, QWidget* parent)
    : QDialog(parent), workspace_(workspace), job_(new DatasetImportJob(this)) {
    setWindowTitle(tr("Import dataset"));
    buildLayout();

    std::vector<store::DatasetRecord> datasets;
    StoreConnection connection;
    if (store::ExperimentStore* store = connection.open(workspace_.storePath())) {
        try {
            datasets = store->listDatasets();
        } catch (const std::exception& e) {
            showMessage(errorText(e), true);
        }
    }
    dataset_box_->setDatasets(std::move(datasets));

    connect(job_, &DatasetImportJob::progress, this, [this](int percent) {
        progress_bar_->setValue(percent);
        if (owns_workspace_job_)
            workspace_.reportJobProgress(percent, tr("Importing %1").arg(QFileInfo(file_panel_->path()).fileName()));
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
    updateButtons();
}

ImportDialog::~ImportDialog() {
    // The job's thread is waited for by its BackgroundTask; the status bar must not stay busy.
    if (owns_workspace_job_) workspace_.endJob(tr("Import cancelled"));
}

void ImportDialog::buildLayout() {
    file_panel_ = new ImportFilePanel;
    columns_panel_ = new ColumnMappingPanel;
    split_box_ = new ImportSplitBox;
    dataset_box_ = new ImportDatasetBox;

    auto* right_column = new QVBoxLayout;
    right_column->addWidget(split_box_);
    right_column->addWidget(dataset_box_);
    right_column->addStretch(1);
    auto* options_row = new QHBoxLayout;
    options_row->addWidget(columns_panel_, 1);
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
    layout->addWidget(file_panel_, 1);
    layout->addLayout(options_row);
    layout->addWidget(progress_bar_);
    layout->addWidget(message_label_);
    layout->addWidget(buttons_);
    resize(920, 720);

    connect(file_panel_, &ImportFilePanel::fileChosen, this, &ImportDialog::fileChosen);
    connect(file_panel_, &ImportFilePanel::readProblem, this,
            [this](const QString& problem) { showMessage(problem, !problem.isEmpty()); });
    connect(file_panel_, &ImportFilePanel::previewChanged, this, &ImportDialog::previewChanged);
    connect(columns_panel_, &ColumnMappingPanel::mappingChanged, this, &ImportDialog::mappingChanged);
    connect(split_box_, &ImportSplitBox::changed, this, &ImportDialog::updateButtons);
    connect(dataset_box_, &ImportDatasetBox::changed, this, &ImportDialog::updateButtons);
    connect(dataset_box_, &ImportDatasetBox::targetChanged, this, &ImportDialog::applyDatasetColumns);
    connect(import_button_, &QPushButton::clicked, this, &ImportDialog::startImport);
    // Import starts the job (the dialog closes once it succeeded); accepted() is left unconnected.
    connect(buttons_, &QDialogButtonBox::rejected, this, &ImportDialog::reject);
}

void ImportDialog::setFile(const QString& path) { file_panel_->setFile(path); }

// The file's name (or folder) is a good first guess; the user's own choices are kept.
void ImportDialog::fileChosen(const QString& path) {
    showMessage({}, false);
    const ImportSuggestion suggestion = suggestImport(path);
    dataset_box_->suggestName(suggestion.name);
    file_split_ = suggestion.split;
    suggestSplit();
}

// The split the file's name stands for; else, for a dataset that gets a split added, the first one
// it lacks (adding "train" to a dataset that has it only offered an error); else train.
void ImportDialog::suggestSplit() {
    QString split = file_split_;
    for (const char* candidate : kSplitsInOrder)
        if (split.isEmpty() && dataset_box_->targetDataset() && dataset_box_->rowsIn(QLatin1String(candidate)) == 0)
            split = QLatin1String(candidate);
    split_box_->suggestSplit(split.isEmpty() ? QStringLiteral("train") : split);
}

void ImportDialog::previewChanged() {
    columns_panel_->setPreview(file_panel_->preview(), file_panel_->readable(), file_panel_->shownFormat());
    applyDatasetColumns();
}

bool ImportDialog::isImporting() const { return job_->isRunning(); }

bool ImportDialog::addSplitTo(const QString& name) { return dataset_box_->addSplitTo(name); }

void ImportDialog::offerDataset(const QString& name) { dataset_box_->offerDataset(name); }

void ImportDialog::mappingChanged() {
    file_panel_->setRoles(columns_panel_->roles());
    updateButtons();
}

void ImportDialog::applyDatasetColumns() {
    suggestSplit();
    missing_columns_.clear();
    const store::DatasetRecord* dataset = dataset_box_->targetDataset();
    const data::DataFormat format = file_panel_->shownFormat();
    const bool sequence_file = format != data::DataFormat::Conll && format != data::DataFormat::PlainText;
    if (dataset && file_panel_->readable() && sequence_file) missing_columns_ = columns_panel_->chooseDatasetColumns(*dataset);
    columns_panel_->useLabelNamesOf(dataset && sequence_file ? dataset : nullptr);
    mappingChanged();
}

QString ImportDialog::checkChoices() const {
    if (!workspace_.hasStore()) return tr("Open or create an experiment store first.");
    if (file_panel_->path().isEmpty()) return tr("Choose a file to import.");
    if (!file_panel_->readable()) return tr("The file cannot be read as %1.").arg(file_panel_->formatTitle());
    if (const QString problem = file_panel_->rowProblem(); !problem.isEmpty()) return problem;
    if (const QString problem = dataset_box_->nameProblem(); !problem.isEmpty()) return problem;
    return datasetProblem();
}

QString ImportDialog::datasetProblem() const {
    if (!dataset_box_->targetDataset() || !file_panel_->readable()) return {};
    const QString name = dataset_box_->datasetName();
    if (!missing_columns_.isEmpty()) {
        QStringList columns;
        for (const auto& column : file_panel_->preview().columns) columns << QString::fromStdString(column);
        return tr("Dataset “%1” reads its %2, which this file does not have (its columns: %3).")
            .arg(name, missing_columns_.join(tr(" and its ")), columns.join(QStringLiteral(", ")));
    }
    const QString split = split_box_->splitName();
    if (const int64_t taken = dataset_box_->rowsIn(split); taken > 0 && !dataset_box_->replaceTicked())
        return tr("Dataset “%1” already has a %2 split (%Ln row(s)): tick “Replace” to replace it.", "",
                  static_cast<int>(taken))
            .arg(name, split);
    return {};
}

void ImportDialog::updateButtons() {
    const bool importing = job_->isRunning();
    dataset_box_->offerReplace(split_box_->splitName());
    // Why the chosen dataset cannot take this file, in view (a disabled button shows no tooltip).
    dataset_box_->showProblem(datasetProblem());
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
    request.input = file_panel_->path().toStdString();
    request.name = dataset_box_->datasetName().toStdString();
    request.format = file_panel_->requestFormat();
    request.delimiter = file_panel_->requestDelimiter();
    request.quoting = file_panel_->requestQuoting();
    request.mapping = columns_panel_->mapping(file_panel_->headerChoice());
    request.replace = dataset_box_->replaces();
    request.skip_bad_rows = file_panel_->skipsBadRows();
    split_box_->applyTo(request);
    showMessage(tr("Importing…"), false);
    progress_bar_->setValue(0);
    // The status bar shows one job; a training job keeps it, and the import reports here only.
    owns_workspace_job_ = !workspace_.jobRunning();
    if (owns_workspace_job_) workspace_.beginJob(tr("Importing %1").arg(QFileInfo(file_panel_->path()).fileName()));
    job_->start(workspace_.storePath(), std::move(request));
    setImporting(true);
}

void ImportDialog::setImporting(bool importing) {
    progress_bar_->setVisible(importing);
    file_panel_->setImporting(importing);
    columns_panel_->setImporting(importing);
    split_box_->setImporting(importing);
    dataset_box_->setImporting(importing);
    updateButtons();
}

void ImportDialog::importSucceeded(const store::ImportSummary& summary) {
    int64_t rows = 0;
    for (const auto& [split, count] : summary.rows_added) rows += count;
    const QString name = QString::fromStdString(summary.dataset.name);
    QString done = tr("Imported %Ln row(s) into %1", "", static_cast<int>(rows)).arg(name);
    if (summary.skipped.count > 0)
        done += QLatin1Char(' ') + skippedRowsNote(static_cast<int64_t>(summary.skipped.count));
    if (owns_workspace_job_) workspace_.endJob(done);
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
