#include "widgets/shared/model_picker_dialog.h"

#include "core/store/experiment_store.h"
#include "core/train/model_choices.h"
#include "core/train/quickstart.h"
#include "core/train/run_results.h"
#include "widgets/shared/error_text.h"
#include "widgets/shared/file_dialog.h"
#include "widgets/shared/metric_text.h"
#include "widgets/shared/model_name.h"
#include "widgets/store/store_connection.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

namespace bw::gui {
namespace {

enum Column { ModelColumn, StepColumn, MetricColumn, FolderColumn };

QString metricText(const store::RunRecord& run, const store::CheckpointRecord& checkpoint) {
    if (!checkpoint.metric_value || !std::isfinite(*checkpoint.metric_value)) return {};
    // Named as the Runs table names it ("loss 0.4262" when no metric_for_best_model was given).
    return QStringLiteral("%1 %2").arg(QString::fromStdString(train::bestMetricOf(run)),
                                       metricValueText(*checkpoint.metric_value));
}

// A run's row opens one of its checkpoints: it shows that checkpoint's step, metric and folder.
void standFor(QTreeWidgetItem* run_item, const QTreeWidgetItem* checkpoint_item) {
    run_item->setData(ModelColumn, ModelPickerDialog::DirRole, checkpoint_item->data(ModelColumn, ModelPickerDialog::DirRole));
    for (int column : {StepColumn, MetricColumn, FolderColumn}) run_item->setText(column, checkpoint_item->text(column));
}

}  // namespace

ModelPickerDialog::ModelPickerDialog(const QString& store_path, const QString& current, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Choose Model"));
    filter_ = new QLineEdit;
    filter_->setObjectName("modelFilter");
    filter_->setPlaceholderText(tr("Filter by run name, id, task or folder…"));
    filter_->setClearButtonEnabled(true);
    tree_ = new QTreeWidget;
    tree_->setObjectName("modelTree");
    tree_->setHeaderLabels({tr("Model"), tr("Step"), tr("Metric at the step"), tr("Folder")});
    tree_->setRootIsDecorated(true);
    tree_->setUniformRowHeights(true);
    tree_->header()->setSectionResizeMode(ModelColumn, QHeaderView::ResizeToContents);
    tree_->header()->setSectionResizeMode(StepColumn, QHeaderView::ResizeToContents);
    tree_->header()->setSectionResizeMode(MetricColumn, QHeaderView::ResizeToContents);
    tree_->header()->setStretchLastSection(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    choose_button_ = buttons->button(QDialogButtonBox::Ok);
    choose_button_->setText(tr("Use this model"));
    choose_button_->setObjectName("modelChooseButton");
    QPushButton* folder = buttons->addButton(tr("Folder…"), QDialogButtonBox::ActionRole);
    folder->setObjectName("modelFolderButton");
    folder->setToolTip(tr("Any Hugging Face model folder (config.json with its weights and tokenizer)"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(filter_);
    layout->addWidget(tree_, 1);
    layout->addWidget(buttons);
    resize(880, 560);

    connect(filter_, &QLineEdit::textChanged, this, &ModelPickerDialog::applyFilter);
    connect(tree_, &QTreeWidget::itemDoubleClicked, this, [this] { accept(); });
    connect(tree_, &QTreeWidget::currentItemChanged, this, [this, ok = buttons->button(QDialogButtonBox::Ok)] {
        QTreeWidgetItem* item = tree_->currentItem();
        ok->setEnabled(item && !item->data(ModelColumn, DirRole).toString().isEmpty());
    });
    connect(folder, &QPushButton::clicked, this, &ModelPickerDialog::chooseFolder);
    connect(buttons, &QDialogButtonBox::accepted, this, &ModelPickerDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ModelPickerDialog::reject);
    fill(store_path);
    if (!selectDir(current) && tree_->topLevelItemCount() > 0) tree_->setCurrentItem(tree_->topLevelItem(0));
}

void ModelPickerDialog::fill(const QString& store_path) {
    const std::filesystem::path bundled = train::findBundledModel();
    if (!bundled.empty()) {
        auto* item = new QTreeWidgetItem(tree_);
        item->setText(ModelColumn, tr("Bundled: %1").arg(QString::fromStdString(bundled.filename().string())));
        item->setText(FolderColumn, QDir::toNativeSeparators(QString::fromStdString(bundled.string())));
        item->setData(ModelColumn, DirRole, QString::fromStdString(bundled.string()));
    }
    if (store_path.isEmpty()) return;
    std::vector<train::RunModelChoices> runs;
    try {
        auto store = openWorkspaceStore(store_path.toStdString());
        runs = train::runModelChoices(store);
    } catch (const std::exception& e) {
        auto* item = new QTreeWidgetItem(tree_);
        item->setText(ModelColumn, tr("The workspace's runs cannot be read: %1").arg(errorText(e)));
        item->setFlags(Qt::NoItemFlags);
        return;
    }
    for (const train::RunModelChoices& run : runs) {
        auto* run_item = new QTreeWidgetItem(tree_);
        run_item->setText(ModelColumn, tr("Run %1 “%2” · %3")
                                           .arg(run.run.id)
                                           .arg(QString::fromStdString(run.run.name), QString::fromStdString(run.run.task)));
        for (const train::CheckpointChoice& choice : run.checkpoints) {
            auto* item = new QTreeWidgetItem(run_item);
            const QString marks = checkpointMarks(choice);
            item->setText(ModelColumn, marks.isEmpty() ? tr("checkpoint") : tr("checkpoint (%1)").arg(marks));
            item->setText(StepColumn, QLocale().toString(static_cast<qlonglong>(choice.checkpoint.step)));
            item->setText(MetricColumn, metricText(run.run, choice.checkpoint));
            const QString dir = QString::fromStdString(choice.checkpoint.path);
            item->setText(FolderColumn, QDir::toNativeSeparators(dir));
            item->setToolTip(FolderColumn, QDir::toNativeSeparators(dir));
            if (choice.on_disk) {
                item->setData(ModelColumn, DirRole, dir);
            } else {
                item->setDisabled(true);
                item->setToolTip(ModelColumn, tr("The folder was deleted: this checkpoint can no longer be loaded"));
            }
            // The run's row stands for its best checkpoint.
            if (choice.is_best && choice.on_disk) standFor(run_item, item);
        }
        // Its best checkpoint's folder deleted: the latest one left, said in its tip (the row was
        // blank, and "Use this model" greyed without a reason).
        if (run_item->data(ModelColumn, DirRole).toString().isEmpty()) {
            for (int i = run_item->childCount() - 1; i >= 0; --i) {
                if (run_item->child(i)->data(ModelColumn, DirRole).toString().isEmpty()) continue;
                standFor(run_item, run_item->child(i));
                run_item->setToolTip(ModelColumn, tr("The best checkpoint's folder was deleted: this row opens the "
                                                     "latest checkpoint left"));
                break;
            }
        }
    }
}

bool ModelPickerDialog::selectDir(const QString& dir) {
    if (dir.isEmpty()) return false;
    const QString wanted = QDir::cleanPath(QDir(dir).absolutePath());
    for (QTreeWidgetItemIterator it(tree_); *it; ++it) {
        const QString item_dir = (*it)->data(ModelColumn, DirRole).toString();
        // A run's row and its best checkpoint share a folder: the checkpoint, the more exact one, wins.
        if (item_dir.isEmpty() || QDir::cleanPath(QDir(item_dir).absolutePath()) != wanted || (*it)->childCount() > 0)
            continue;
        tree_->setCurrentItem(*it);
        tree_->scrollToItem(*it);
        return true;
    }
    return false;
}

void ModelPickerDialog::setFilter(const QString& text) { filter_->setText(text); }

void ModelPickerDialog::setChooseText(const QString& text) { choose_button_->setText(text); }

void ModelPickerDialog::applyFilter() {
    const QString text = filter_->text().trimmed();
    for (int i = 0; i < tree_->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = tree_->topLevelItem(i);
        bool match = text.isEmpty() || item->text(ModelColumn).contains(text, Qt::CaseInsensitive) ||
                     item->text(FolderColumn).contains(text, Qt::CaseInsensitive);
        for (int c = 0; !match && c < item->childCount(); ++c)
            match = item->child(c)->text(FolderColumn).contains(text, Qt::CaseInsensitive);
        item->setHidden(!match);
    }
}

void ModelPickerDialog::chooseFolder() {
    const QString dir = FileDialog::getExistingDirectory(this, tr("Open Model Folder"));
    if (dir.isEmpty()) return;
    chosen_ = dir;
    QDialog::accept();
}

void ModelPickerDialog::accept() {
    QTreeWidgetItem* item = tree_->currentItem();
    const QString dir = item ? item->data(ModelColumn, DirRole).toString() : QString();
    if (dir.isEmpty()) return;
    chosen_ = dir;
    QDialog::accept();
}

}  // namespace bw::gui
