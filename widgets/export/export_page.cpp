#include "widgets/export/export_page.h"

#include "core/io/export_target.h"
#include "core/store/experiment_store.h"
#include "core/train/model_choices.h"
#include "core/train/training_job.h"
#include "widgets/shared/background_task.h"
#include "widgets/shared/error_text.h"
#include "widgets/shared/file_dialog.h"
#include "widgets/shared/message_box.h"
#include "widgets/shared/metric_text.h"
#include "widgets/shared/model_name.h"
#include "widgets/shared/model_picker_dialog.h"
#include "widgets/shared/run_status_text.h"
#include "widgets/store/store_connection.h"
#include "widgets/workbench/workspace.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace bw::gui {

namespace {

// A folder name from a run name: "sst2 lr=3e-4" -> "sst2-lr-3e-4".
QString folderSafe(const QString& name) {
    QString out;
    for (QChar c : name.trimmed()) out += c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('.') ? c : QLatin1Char('-');
    return out.isEmpty() ? QStringLiteral("model") : out;
}

bool holdsModel(const QString& dir) { return !dir.isEmpty() && QFileInfo(QDir(dir).filePath(QStringLiteral("config.json"))).isFile(); }

constexpr qint64 kFolderSource = 0;  // run_combo_'s data for the chosen folder (run ids start at 1)
constexpr int CheckpointPathRole = Qt::UserRole + 1;

}  // namespace

ExportPage::ExportPage(Workspace& workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), store_(std::make_unique<StoreConnection>()), task_(new BackgroundTask(this)) {
    buildLayout();
    connect(&workspace_, &Workspace::storeChanged, this, [this] {
        forgetWorkspace();
        refresh();
    });
    connect(&workspace_, &Workspace::storeContentsChanged, this, &ExportPage::refresh);
    connect(&workspace_, &Workspace::modelChanged, this, &ExportPage::followWorkspaceModel);
    refresh();
    followWorkspaceModel(workspace_.modelDir());
}

ExportPage::~ExportPage() = default;

void ExportPage::buildLayout() {
    run_combo_ = new QComboBox;
    run_combo_->setObjectName("exportRunCombo");
    run_combo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    run_combo_->setPlaceholderText(tr("No run has a checkpoint: Choose… any model"));
    choose_model_button_ = new QPushButton(tr("Choose…"));
    choose_model_button_->setObjectName("exportChooseModelButton");
    choose_model_button_->setToolTip(tr("Any kept checkpoint of the workspace's runs, the bundled model or a model folder"));
    auto* model_row = new QHBoxLayout;
    model_row->addWidget(run_combo_, 1);
    model_row->addWidget(choose_model_button_);
    checkpoint_combo_ = new QComboBox;
    checkpoint_combo_->setObjectName("exportCheckpointCombo");
    checkpoint_combo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    dtype_combo_ = new QComboBox;
    dtype_combo_->setObjectName("exportDtypeCombo");
    dtype_combo_->addItem(tr("float32 (exact)"), QStringLiteral("float32"));
    dtype_combo_->addItem(tr("float16 (half the size, loads as float32)"), QStringLiteral("float16"));
    dtype_combo_->addItem(tr("bfloat16 (half the size, loads as float32)"), QStringLiteral("bfloat16"));
    target_edit_ = new QLineEdit;
    target_edit_->setObjectName("exportTargetEdit");
    browse_button_ = new QPushButton(tr("Browse…"));
    auto* target_row = new QHBoxLayout;
    target_row->addWidget(target_edit_, 1);
    target_row->addWidget(browse_button_);

    form_ = new QFormLayout;
    form_->addRow(tr("Model:"), model_row);
    form_->addRow(tr("Checkpoint:"), checkpoint_combo_);
    form_->addRow(tr("Weights:"), dtype_combo_);
    form_->addRow(tr("Target folder:"), target_row);

    export_button_ = new QPushButton(tr("Export"));
    export_button_->setObjectName("exportButton");
    export_button_->setDefault(true);
    progress_ = new QProgressBar;
    progress_->setRange(0, 0);  // the writing reports no fraction: a busy bar while it runs
    progress_->setVisible(false);
    auto* action_row = new QHBoxLayout;
    action_row->addWidget(export_button_);
    action_row->addWidget(progress_, 1);
    action_row->addStretch(1);

    message_label_ = new QLabel;
    message_label_->setObjectName("exportMessage");
    message_label_->setWordWrap(true);
    message_label_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    files_table_ = new QTableWidget(0, 2);
    files_table_->setObjectName("exportedFilesTable");
    files_table_->setHorizontalHeaderLabels({tr("File"), tr("Size")});
    files_table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    files_table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    files_table_->verticalHeader()->setVisible(false);
    files_table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    files_table_->setSelectionMode(QAbstractItemView::NoSelection);
    open_folder_button_ = new QPushButton(tr("Open folder"));
    use_model_button_ = new QPushButton(tr("Use this model in the workbench"));
    use_model_button_->setObjectName("useModelButton");
    use_model_button_->setToolTip(tr("The Tokenizer, Attention and Playground pages then use the exported model"));
    open_folder_button_->setEnabled(false);
    use_model_button_->setEnabled(false);
    auto* after_row = new QHBoxLayout;
    after_row->addStretch(1);
    after_row->addWidget(open_folder_button_);
    after_row->addWidget(use_model_button_);

    auto* intro = new QLabel(tr("Writes a run's checkpoint, or any model folder, as a Hugging Face model directory: "
                                "<code>AutoModel.from_pretrained(folder)</code> loads it."));
    intro->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form_);
    layout->addLayout(action_row);
    layout->addWidget(message_label_);
    layout->addWidget(new QLabel(tr("Files written:")));
    layout->addWidget(files_table_, 1);
    layout->addLayout(after_row);

    connect(run_combo_, &QComboBox::currentIndexChanged, this, [this] {
        forgetLastExport();
        fillCheckpoints();
        suggestTarget();
    });
    connect(checkpoint_combo_, &QComboBox::currentIndexChanged, this, [this] {
        forgetLastExport();
        suggestTarget();
    });
    connect(dtype_combo_, &QComboBox::currentIndexChanged, this, &ExportPage::forgetLastExport);
    // The report is of the folder written: another target makes it someone else's.
    connect(target_edit_, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (QDir::cleanPath(text.trimmed()) != exported_dir_) forgetLastExport();
    });
    connect(choose_model_button_, &QPushButton::clicked, this, &ExportPage::chooseModel);
    connect(browse_button_, &QPushButton::clicked, this, &ExportPage::chooseTarget);
    connect(export_button_, &QPushButton::clicked, this, &ExportPage::startExport);
    connect(open_folder_button_, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(exported_dir_)); });
    connect(use_model_button_, &QPushButton::clicked, this, [this] { workspace_.setModelDir(exported_dir_); });
}

void ExportPage::refresh() {
    const qint64 current = run_combo_->currentData().toLongLong();
    const QString previous_target = target_edit_->text();
    const QString previous_checkpoint = checkpoint_combo_->currentData().toString();
    const QSignalBlocker block(run_combo_);
    run_combo_->clear();
    if (!folder_dir_.isEmpty()) {
        run_combo_->addItem(tr("Folder: %1").arg(QDir(folder_dir_).dirName()), QVariant::fromValue(kFolderSource));
        run_combo_->setItemData(0, QDir::toNativeSeparators(folder_dir_), Qt::ToolTipRole);
    }
    QString error, message;
    bool failed = false;
    store::ExperimentStore* store = store_->open(workspace_.storePath(), &error);
    if (!store) {
        message = workspace_.hasStore() ? error : tr("Open a workspace to export its runs, or choose a model folder.");
        failed = workspace_.hasStore();
    } else {
        try {
            for (const auto& run : store->listRuns()) {
                if (store->checkpoints(run.id).empty()) continue;  // nothing to export
                run_combo_->addItem(QStringLiteral("#%1 %2 — %3")
                                        .arg(run.id)
                                        .arg(QString::fromStdString(run.name), runStatusTitle(run.status)),
                                    QVariant::fromValue<qint64>(run.id));
            }
            if (run_combo_->count() == 0)
                message = tr("No run of this workspace has a checkpoint yet: train one on the Train page, or choose a "
                             "model folder.");
        } catch (const std::exception& e) {
            message = errorText(e);
            failed = true;
        }
    }
    const int keep = run_combo_->findData(QVariant::fromValue<qint64>(current));
    run_combo_->setCurrentIndex(keep >= 0 ? keep : 0);
    fillCheckpoints();
    // The same run and checkpoint as before (the store changed elsewhere, or this page's own export
    // recorded its artifact): the target the user chose and the export's report stay. The target
    // once jumped to a suggestion while the report named the folder really written.
    const bool same = keep >= 0 && !previous_target.isEmpty() && checkpoint_combo_->currentData().toString() == previous_checkpoint;
    if (same) target_edit_->setText(previous_target);
    else suggestTarget();
    if (!message.isEmpty() || !same) showMessage(message, failed);
    export_button_->setEnabled(run_combo_->count() > 0 && !task_->isRunning());
}

// Another workspace was opened: nothing of the previous one (its runs, the last export) stays.
void ExportPage::forgetWorkspace() {
    {
        const QSignalBlocker block(run_combo_);
        run_combo_->clear();  // so that refresh() does not keep a run id of the previous store
    }
    folder_dir_.clear();
    checkpoints_of_run_ = 0;
    checkpoint_combo_->clear();
    target_edit_->clear();
    forgetLastExport();
}

// The files, the folder buttons and the "Wrote …" line describe one export of one model to one folder;
// once the page shows another model, checkpoint, precision or target, or refuses a new export, they go.
void ExportPage::forgetLastExport() {
    if (exported_dir_.isEmpty() && written_files_.isEmpty() && files_table_->rowCount() == 0) return;
    written_files_.clear();
    exported_dir_.clear();
    files_table_->setRowCount(0);
    open_folder_button_->setEnabled(false);
    use_model_button_->setEnabled(false);
    showMessage({}, false);
}

void ExportPage::fillCheckpoints() {
    const QSignalBlocker block(checkpoint_combo_);
    // The same run again (the store changed): the checkpoint chosen stays. Exporting one that was not
    // the best once put the best back, and the suggested folder with it, beside the report of the export.
    const qint64 previous_run = checkpoints_of_run_;
    const QString previous_step = checkpoint_combo_->currentData().toString();
    checkpoints_of_run_ = exportsAFolder() || run_combo_->currentIndex() < 0 ? 0 : run_combo_->currentData().toLongLong();
    checkpoint_combo_->clear();
    form_->setRowVisible(checkpoint_combo_, !exportsAFolder());  // a folder is one model
    store::ExperimentStore* store = store_->open(workspace_.storePath());
    if (!store || run_combo_->currentIndex() < 0 || exportsAFolder()) return;
    const qint64 run_id = run_combo_->currentData().toLongLong();
    try {
        const auto run = store->getRun(run_id);
        QString metric = run ? QString::fromStdString(run->config.value("training_args", nlohmann::json::object())
                                                          .value("metric_for_best_model", std::string()))
                             : QString();
        if (metric.isEmpty()) metric = QStringLiteral("loss");  // TrainingArguments' default for the best model
        const auto checkpoints = store->checkpoints(run_id);
        int best_index = -1;
        for (const auto& c : checkpoints) {
            QString text = tr("Step %1").arg(c.step);
            if (c.metric_value) text += QStringLiteral(" — %1 %2").arg(metric, metricValueText(*c.metric_value));
            // Marked as the model picker marks them ("best, last").
            const QString marks = checkpointMarks(c.is_best, &c == &checkpoints.back());
            if (!marks.isEmpty()) text += (c.is_best ? QStringLiteral("  ★ ") : QStringLiteral("  · ")) + marks;
            if (c.is_best) best_index = checkpoint_combo_->count();
            checkpoint_combo_->addItem(text, QString::number(c.step));
            checkpoint_combo_->setItemData(checkpoint_combo_->count() - 1, QString::fromStdString(c.path), CheckpointPathRole);
        }
        // The best checkpoint is what a user exports unless told otherwise; else the latest.
        const int kept = previous_run == run_id ? checkpoint_combo_->findData(previous_step) : -1;
        checkpoint_combo_->setCurrentIndex(kept >= 0 ? kept : best_index >= 0 ? best_index : checkpoint_combo_->count() - 1);
    } catch (const std::exception& e) {
        showMessage(errorText(e), true);
    }
}

void ExportPage::suggestTarget() {
    if (exportsAFolder()) {
        // Beside the workspace's other exports, or beside the folder when no workspace is open.
        const QString name = folderSafe(QDir(folder_dir_).dirName());
        target_edit_->setText(workspace_.hasStore()
                                  ? QFileInfo(workspace_.storePath()).absoluteDir().filePath(QStringLiteral("exports/") + name)
                                  : QFileInfo(folder_dir_).absoluteDir().filePath(name + QStringLiteral("-export")));
        return;
    }
    if (run_combo_->currentIndex() < 0 || checkpoint_combo_->currentIndex() < 0 || !workspace_.hasStore()) return;
    QString name = run_combo_->currentText().section(QLatin1Char(' '), 1).section(QStringLiteral(" — "), 0, 0);
    const QDir exports(QFileInfo(workspace_.storePath()).absoluteDir().filePath(QStringLiteral("exports")));
    target_edit_->setText(exports.filePath(folderSafe(name) + QStringLiteral("-step") + checkpoint_combo_->currentData().toString()));
}

void ExportPage::chooseTarget() {
    const QString dir = FileDialog::getExistingDirectory(this, tr("Export to folder"), target_edit_->text());
    if (!dir.isEmpty()) target_edit_->setText(dir);
}

bool ExportPage::selectRun(qint64 run_id) {
    const int index = run_combo_->findData(QVariant::fromValue<qint64>(run_id));
    if (index < 0 || run_id == kFolderSource) return false;
    run_combo_->setCurrentIndex(index);
    return true;
}

bool ExportPage::selectCheckpointOf(const QString& dir) {
    store::ExperimentStore* store = store_->open(workspace_.storePath());
    if (!store || dir.isEmpty()) return false;
    try {
        const auto found = train::checkpointOfModel(*store, dir.toStdString());
        if (!found || !selectRun(found->run.id)) return false;
        const int index = checkpoint_combo_->findData(QString::number(found->checkpoint.checkpoint.step));
        if (index < 0) return false;
        checkpoint_combo_->setCurrentIndex(index);
        return true;
    } catch (const std::exception&) {
        return false;  // the store cannot say: the folder is then exported as a folder
    }
}

bool ExportPage::selectModel(const QString& dir) {
    if (!holdsModel(dir)) return false;
    if (selectCheckpointOf(dir)) return true;  // with its run's model card and training arguments
    folder_dir_ = QDir::cleanPath(QDir(dir).absolutePath());
    refresh();
    // Selecting the folder's entry fills the checkpoint row and the target (currentIndexChanged);
    // when it was selected already, refresh() just did.
    run_combo_->setCurrentIndex(run_combo_->findData(QVariant::fromValue(kFolderSource)));
    return true;
}

// What the window's picker chose is preselected when it is a run's checkpoint. The bundled model
// is every workspace's first choice, so a folder comes only from this page's Choose….
void ExportPage::followWorkspaceModel(const QString& dir) {
    if (!task_->isRunning()) selectCheckpointOf(dir);
}

bool ExportPage::exportsAFolder() const {
    return !folder_dir_.isEmpty() && run_combo_->currentIndex() >= 0 && run_combo_->currentData().toLongLong() == kFolderSource;
}

QString ExportPage::sourceDirectory() const {
    return exportsAFolder() ? folder_dir_ : checkpoint_combo_->currentData(CheckpointPathRole).toString();
}

void ExportPage::chooseModel() {
    auto* dialog = new ModelPickerDialog(workspace_.storePath(), sourceDirectory(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setChooseText(tr("Export this model"));
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString dir = dialog->chosenDir();
        if (!selectModel(dir))
            showMessage(tr("%1 has no config.json: choose a Hugging Face model folder.").arg(QDir::toNativeSeparators(dir)),
                        true);
    });
    dialog->open();
}

bool ExportPage::startExport() {
    if (task_->isRunning()) return false;
    forgetLastExport();  // a refusal below must not stand beside the previous export's files
    if (run_combo_->currentIndex() < 0 || (!exportsAFolder() && checkpoint_combo_->currentIndex() < 0)) {
        showMessage(tr("Choose a run with a checkpoint, or a model folder."), true);
        return false;
    }
    const QString target = QDir::cleanPath(target_edit_->text().trimmed());
    if (target.isEmpty() || target == QLatin1String(".")) {
        showMessage(tr("Choose the target folder."), true);
        return false;
    }
    io::ExportTargetCheck check;
    try {
        check = io::checkExportTarget(target.toStdString(), sourceDirectory().toStdString());
    } catch (const std::exception& e) {
        showMessage(errorText(e), true);
        return false;
    }
    // The export replaces its target whole: core's rule (io/export_target.h), said in the window's words.
    switch (check.state) {
    case io::ExportTargetState::Source:
        showMessage(tr("%1 is the model being exported: choose another folder.").arg(target), true);
        return false;
    case io::ExportTargetState::File:
        showMessage(tr("%1 is a file, not a folder: choose a new or empty folder.").arg(target), true);
        return false;
    case io::ExportTargetState::Foreign:
        if (check.foreign_entry == "config.json")
            showMessage(tr("%1 is not empty and holds no model: the export replaces its target whole, so choose an "
                           "empty or new folder.").arg(target), true);
        else
            showMessage(tr("%1 holds %2, which is not part of a model: the export replaces its target whole, so "
                           "choose an empty or new folder.").arg(target, QString::fromStdString(check.foreign_entry)), true);
        return false;
    case io::ExportTargetState::EarlierModel:
        // A run's checkpoint looks like a model folder; core refuses it too, but only after this question.
        if (store::ExperimentStore* store = store_->open(workspace_.storePath())) {
            try {
                if (const auto checkpoint = store->checkpointAtPath(QDir(target).absolutePath().toStdString())) {
                    showMessage(tr("%1 is checkpoint %2 of run %3: choose another folder.")
                                    .arg(target).arg(checkpoint->step).arg(checkpoint->run_id), true);
                    return false;
                }
            } catch (const std::exception&) {
                // the store cannot say: core's own check still stands
            }
        }
        if (!askYesNo(this, tr("Replace model?"), tr("%1 already holds a model. Replace it?").arg(target))) return false;
        break;
    case io::ExportTargetState::Free: break;
    }

    struct Outcome {
        QStringList files;
        QString error;
    };
    auto outcome = std::make_shared<Outcome>();
    const std::string db = workspace_.storePath().toStdString();
    const int64_t run_id = run_combo_->currentData().toLongLong();
    const std::string which = checkpoint_combo_->currentData().toString().toStdString();
    const std::string dtype = dtype_combo_->currentData().toString().toStdString();
    const std::string folder = exportsAFolder() ? folder_dir_.toStdString() : std::string();
    export_button_->setEnabled(false);
    progress_->setVisible(true);
    showMessage(tr("Writing %1…").arg(target), false);
    task_->start(
        [=] {
            try {
                const auto files = folder.empty() ? train::exportRun(db, run_id, which, target.toStdString(), dtype)
                                                  : train::exportModelFolder(folder, target.toStdString(), dtype);
                for (const auto& file : files) outcome->files << QString::fromStdString(file);
            } catch (const std::exception& e) {
                outcome->error = errorText(e);
            }
        },
        [this, outcome, target, from_run = folder.empty()] { finishExport(target, outcome->files, outcome->error, from_run); });
    return true;
}

void ExportPage::finishExport(const QString& target, const QStringList& files, const QString& error, bool from_run) {
    progress_->setVisible(false);
    export_button_->setEnabled(run_combo_->count() > 0);
    if (!error.isEmpty()) {
        forgetLastExport();  // no file list or button may point at an earlier export's folder
        showMessage(tr("Export failed, nothing was changed: %1").arg(error), true);
        emit exportFinished(false);
        return;
    }
    showReport(target, files);
    if (from_run) workspace_.notifyStoreContentsChanged();  // the run has a new exported-model artifact
    emit exportFinished(true);
}

void ExportPage::showReport(const QString& target, const QStringList& files) {
    written_files_ = files;
    exported_dir_ = target;
    files_table_->setRowCount(0);
    const QDir dir(target);
    qint64 total = 0;
    for (const QString& file : files) {
        const qint64 size = QFileInfo(dir.filePath(file)).size();
        total += size;
        const int row = files_table_->rowCount();
        files_table_->insertRow(row);
        files_table_->setItem(row, 0, new QTableWidgetItem(file));
        auto* size_item = new QTableWidgetItem(QLocale().formattedDataSize(size));
        size_item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        files_table_->setItem(row, 1, size_item);
    }
    showMessage(tr("Wrote %n file(s), %1, to %2.", nullptr, static_cast<int>(files.size()))
                    .arg(QLocale().formattedDataSize(total), target),
                false);
    open_folder_button_->setEnabled(true);
    use_model_button_->setEnabled(true);
}

QVariantMap ExportPage::viewState() const {
    QVariantMap state{{QStringLiteral("source"), sourceDirectory()},
                      {QStringLiteral("dtype"), dtype_combo_->currentData()},
                      {QStringLiteral("target"), target_edit_->text()}};
    if (!written_files_.isEmpty() && !exported_dir_.isEmpty()) {
        state.insert(QStringLiteral("exported_to"), exported_dir_);
        state.insert(QStringLiteral("written"), written_files_);
    }
    return state;
}

void ExportPage::restoreViewState(const QVariantMap& state) {
    const QString source = state.value(QStringLiteral("source")).toString();
    if (!source.isEmpty() && source != sourceDirectory()) selectModel(source);  // skipped when it is gone
    const int dtype = dtype_combo_->findData(state.value(QStringLiteral("dtype")));
    if (dtype >= 0) dtype_combo_->setCurrentIndex(dtype);
    const QString target = state.value(QStringLiteral("target")).toString();
    if (!target.isEmpty()) target_edit_->setText(target);
    // The report, in the new language, while its folder is still the target and still there.
    const QString exported = state.value(QStringLiteral("exported_to")).toString();
    if (!exported.isEmpty() && QDir::cleanPath(target.trimmed()) == exported && QDir(exported).exists())
        showReport(exported, state.value(QStringLiteral("written")).toStringList());
}

void ExportPage::showMessage(const QString& text, bool error) {
    message_label_->setText(text);
    message_label_->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());  // the other pages' error colour
}

bool ExportPage::isExporting() const { return task_->isRunning(); }
QString ExportPage::targetDirectory() const { return target_edit_->text(); }
QStringList ExportPage::writtenFiles() const { return written_files_; }
QString ExportPage::message() const { return message_label_->text(); }

}  // namespace bw::gui
