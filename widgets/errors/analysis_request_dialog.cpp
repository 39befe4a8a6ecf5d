#include "widgets/errors/analysis_request_dialog.h"

#include "core/data/label_set.h"
#include "core/model/bert_config.h"
#include "widgets/shared/dataset_kind_text.h"
#include "widgets/shared/model_name.h"
#include "widgets/shared/split_title.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTextDocument>
#include <QVBoxLayout>

#include <algorithm>
#include <filesystem>

namespace bw::gui {
namespace {

constexpr int kMissingLabelsNamed = 5;

QString quotedList(const std::vector<std::string>& names, size_t at_most) {
    QStringList quoted;
    for (size_t i = 0; i < names.size() && i < at_most; ++i)
        quoted << QStringLiteral("“%1”").arg(QString::fromStdString(names[i]));
    QString text = quoted.join(QStringLiteral(", "));
    const int more = static_cast<int>(names.size() > at_most ? names.size() - at_most : 0);
    if (more > 0) text += AnalysisRequestDialog::tr(" and %Ln more", nullptr, more);
    return text;
}

}  // namespace

// The head the analysis checks rows against (split_evaluation.cpp's requireModelLabels).
AnalysisRequestDialog::ModelHead AnalysisRequestDialog::readModelHead(const std::vector<store::CheckpointRecord>& checkpoints) {
    ModelHead head;
    for (const store::CheckpointRecord& c : checkpoints) {
        const std::filesystem::path config_json = std::filesystem::path(c.path) / "config.json";
        if (!QFileInfo(QString::fromStdString(config_json.string())).isFile()) continue;
        model::BertConfig config;
        try {
            config = model::BertConfig::fromFile(config_json);
        } catch (const std::exception&) {
            continue;
        }
        head.known = true;
        head.regression = config.problemTypeAsRead() == model::ProblemType::Regression;
        head.multi_label = config.problemTypeAsRead() == model::ProblemType::MultiLabel;
        for (int64_t i = 0; i < config.numLabels(); ++i) head.labels.push_back(config.labelName(i));
        return head;
    }
    return head;
}

const std::vector<std::string>& AnalysisRequestDialog::labelsOf(const store::DatasetRecord& dataset) const {
    if (!dataset.label_set.empty()) return dataset.label_set;
    const auto in_rows = labels_in_rows_.find(dataset.id);
    return in_rows != labels_in_rows_.end() ? in_rows->second : dataset.label_set;
}

AnalysisRequestDialog::AnalysisRequestDialog(const store::RunRecord& run,
                                             const std::vector<store::CheckpointRecord>& checkpoints,
                                             const std::vector<store::DatasetRecord>& datasets,
                                             std::map<int64_t, std::vector<std::string>> labels_in_rows, QWidget* parent)
    : QDialog(parent), run_(run), datasets_(datasets), labels_in_rows_(std::move(labels_in_rows)),
      head_(readModelHead(checkpoints)) {
    setWindowTitle(tr("Analyse errors of run #%1").arg(run.id));
    auto* intro = new QLabel(tr("The checkpoint predicts every row of the split; each row's prediction, confidence and "
                                "loss are kept in the workspace with the metrics of that pass."));
    intro->setWordWrap(true);

    checkpoint_ = new QComboBox;
    // "Best" only where an evaluation chose one: without, it would quietly be the last.
    // Each names its step, and a step is marked as the model picker marks it ("best, last"): "Last"
    // beside "Step 85 (best)" once hid that both were the same checkpoint.
    const auto best = std::find_if(checkpoints.begin(), checkpoints.end(), [](const auto& c) { return c.is_best; });
    if (best != checkpoints.end()) checkpoint_->addItem(tr("Best (step %1)").arg(best->step), QStringLiteral("best"));
    else if (checkpoints.empty()) checkpoint_->addItem(tr("Best"), QStringLiteral("best"));
    checkpoint_->addItem(checkpoints.empty() ? tr("Last") : tr("Last (step %1)").arg(checkpoints.back().step), QStringLiteral("last"));
    for (const store::CheckpointRecord& c : checkpoints) {
        const QString marks = checkpointMarks(c.is_best, &c == &checkpoints.back());
        checkpoint_->addItem(marks.isEmpty() ? tr("Step %1").arg(c.step) : tr("Step %1 (%2)").arg(c.step).arg(marks),
                             QString::number(c.step));
    }

    dataset_ = new QComboBox;
    auto* items = qobject_cast<QStandardItemModel*>(dataset_->model());
    int usable = 0, first_usable = -1, runs_own = -1;
    for (const store::DatasetRecord& d : datasets) {
        const QString problem = datasetProblem(d);
        const int index = dataset_->count();
        dataset_->addItem(problem.isEmpty() ? QString::fromStdString(d.name)
                                            : tr("%1 (not for this model)").arg(QString::fromStdString(d.name)),
                          QString::fromStdString(d.name));
        if (!problem.isEmpty()) {
            // A tip that looks like rich text (a name such as "<b>x</b>") is shown as rich text: escape it
            // then, so it reads as written. Plain tips stay plain, which Qt lays out wider.
            dataset_->setItemData(index,
                                  Qt::mightBeRichText(problem) ? QStringLiteral("<p>%1</p>").arg(problem.toHtmlEscaped())
                                                               : problem,
                                  Qt::ToolTipRole);
            if (items && items->item(index)) items->item(index)->setEnabled(false);
        } else {
            ++usable;
            if (first_usable < 0) first_usable = index;
            if (run.dataset_id && d.id == *run.dataset_id) runs_own = index;
        }
    }
    // The run's own dataset when the model can predict it, else the first one it can.
    if (runs_own >= 0) dataset_->setCurrentIndex(runs_own);
    else if (first_usable >= 0) dataset_->setCurrentIndex(first_usable);
    split_ = new QComboBox;
    rows_ = new QLabel;
    rows_->setWordWrap(true);
    rows_->setTextFormat(Qt::PlainText);  // it may name a dataset
    const int greyed = static_cast<int>(datasets.size()) - usable;
    if (greyed > 0) {
        greyed_note_ = new QLabel(
            usable == 0 ? tr("No dataset of the workspace has rows this model can predict (hover over one for why).")
                        : tr("%n dataset(s) greyed: the model cannot predict their rows (hover over one for why).",
                             nullptr, greyed));
        greyed_note_->setObjectName(QStringLiteral("greyedDatasetsNote"));
        greyed_note_->setWordWrap(true);
    }

    auto* form = new QFormLayout;
    form->addRow(tr("Checkpoint:"), checkpoint_);
    form->addRow(tr("Dataset:"), dataset_);
    form->addRow(tr("Split:"), split_);
    form->addRow(QString(), rows_);
    if (greyed_note_) form->addRow(QString(), greyed_note_);

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

QString AnalysisRequestDialog::datasetProblem(const store::DatasetRecord& d) const {
    const QString name = QString::fromStdString(d.name);
    const bool tagger = run_.task == "token-classification";
    // A dataset of another kind has no rows the head reads (an empty kind or task: cannot tell).
    if (!d.task_kind.empty() && !run_.task.empty()) {
        if (tagger && d.task_kind != "token")
            return tr("The model tags words, but “%1” holds %2.").arg(name, datasetKindTitle(d));
        if (run_.task == "sequence-classification" && d.task_kind != "sequence")
            return tr("The model classifies texts, but “%1” holds %2.").arg(name, datasetKindTitle(d));
    }
    if (!head_.known || head_.multi_label) return {};
    const std::vector<std::string>& labels = labelsOf(d);
    if (head_.regression) {
        std::vector<std::string> not_numbers;
        for (const std::string& label : labels)
            if (!data::regressionValue(label)) not_numbers.push_back(label);
        if (not_numbers.empty()) return {};
        return tr("The model predicts a score (regression), but “%1” has %n label(s) that are not numbers: %2.", nullptr,
                  static_cast<int>(not_numbers.size()))
            .arg(name, quotedList(not_numbers, kMissingLabelsNamed));
    }
    std::vector<std::string> missing;
    for (const std::string& label : labels)
        if (std::find(head_.labels.begin(), head_.labels.end(), label) == head_.labels.end()) missing.push_back(label);
    if (missing.empty()) return {};
    const int count = static_cast<int>(missing.size());
    const QString known = quotedList(head_.labels, 20);
    return tagger ? tr("“%1” has %n tag(s) the model does not: %2. The model's tags are %3.", nullptr, count)
                        .arg(name, quotedList(missing, kMissingLabelsNamed), known)
                  : tr("“%1” has %n label(s) the model does not: %2. The model's labels are %3.", nullptr, count)
                        .arg(name, quotedList(missing, kMissingLabelsNamed), known);
}

void AnalysisRequestDialog::showRowCount() {
    const int index = dataset_->currentIndex();
    if (index >= 0 && static_cast<size_t>(index) < datasets_.size()) {
        const QString problem = datasetProblem(datasets_[static_cast<size_t>(index)]);
        if (!problem.isEmpty()) {
            rows_->setText(problem);
            return;
        }
    }
    const int rows = split_->currentData(Qt::UserRole + 1).toInt();
    rows_->setText(split_->count() ? tr("%Ln row(s) to predict", nullptr, rows) : tr("This dataset has no rows."));
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
    const bool predictable = index >= 0 && static_cast<size_t>(index) < datasets_.size() &&
                             datasetProblem(datasets_[static_cast<size_t>(index)]).isEmpty();
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(split_->count() > 0 && predictable);
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
