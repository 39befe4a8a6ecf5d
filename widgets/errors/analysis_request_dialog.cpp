#include "widgets/errors/analysis_request_dialog.h"

#include "widgets/shared/split_title.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace bw::gui {

AnalysisRequestDialog::AnalysisRequestDialog(const store::RunRecord& run,
                                             const std::vector<store::CheckpointRecord>& checkpoints,
                                             const std::vector<store::DatasetRecord>& datasets, QWidget* parent)
    : QDialog(parent), run_(run), datasets_(datasets) {
    setWindowTitle(tr("Analyse errors of run #%1").arg(run.id));
    auto* intro = new QLabel(tr("The checkpoint predicts every row of the split; each row's prediction, confidence and "
                                "loss are kept in the workspace with the metrics of that pass."));
    intro->setWordWrap(true);

    checkpoint_ = new QComboBox;
    checkpoint_->addItem(tr("Best"), QStringLiteral("best"));
    checkpoint_->addItem(tr("Last"), QStringLiteral("last"));
    for (const store::CheckpointRecord& c : checkpoints)
        checkpoint_->addItem(c.is_best ? tr("Step %1 (best)").arg(c.step) : tr("Step %1").arg(c.step), QString::number(c.step));

    dataset_ = new QComboBox;
    for (const store::DatasetRecord& d : datasets) {
        dataset_->addItem(QString::fromStdString(d.name), QString::fromStdString(d.name));
        if (run.dataset_id && d.id == *run.dataset_id) dataset_->setCurrentIndex(dataset_->count() - 1);
    }
    split_ = new QComboBox;
    rows_ = new QLabel;

    auto* form = new QFormLayout;
    form->addRow(tr("Checkpoint:"), checkpoint_);
    form->addRow(tr("Dataset:"), dataset_);
    form->addRow(tr("Split:"), split_);
    form->addRow(QString(), rows_);

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Analyse"));
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons_);

    connect(dataset_, &QComboBox::currentIndexChanged, this, &AnalysisRequestDialog::fillSplits);
    connect(split_, &QComboBox::currentIndexChanged, this, &AnalysisRequestDialog::showRowCount);
    fillSplits();
}

void AnalysisRequestDialog::showRowCount() {
    const int rows = split_->currentData(Qt::UserRole + 1).toInt();
    rows_->setText(split_->count() ? tr("%n row(s) to predict", nullptr, rows) : tr("This dataset has no rows."));
}

QString AnalysisRequestDialog::rowCountText() const { return rows_->text(); }

void AnalysisRequestDialog::fillSplits() {
    split_->clear();
    const int index = dataset_->currentIndex();
    if (index >= 0 && static_cast<size_t>(index) < datasets_.size()) {
        const store::DatasetRecord& d = datasets_[static_cast<size_t>(index)];
        for (const char* split : {"validation", "test", "train"}) {
            const auto count = d.row_counts.find(split);
            if (count == d.row_counts.end() || count->second == 0) continue;
            split_->addItem(splitTitle(split), QString::fromLatin1(split));
            split_->setItemData(split_->count() - 1, static_cast<int>(count->second), Qt::UserRole + 1);
        }
    }
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(split_->count() > 0);
    // The first addItem() made its split current before its row count was set: count now.
    showRowCount();
}

train::AnalysisRequest AnalysisRequestDialog::request() const {
    train::AnalysisRequest r;
    r.run_id = run_.id;
    r.checkpoint = checkpoint_->currentData().toString().toStdString();
    r.dataset = dataset_->currentData().toString().toStdString();
    r.split = split_->currentData().toString().toStdString();
    return r;
}

}  // namespace bw::gui
