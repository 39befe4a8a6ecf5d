#include "widgets/train/task_wizard_page.h"

#include "widgets/train/html_table_row.h"
#include "widgets/train/problem_label.h"
#include "widgets/train/setup_checks.h"
#include "widgets/train/wizard_state.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace bw::gui {
namespace {

struct TaskChoice {
    TrainTask task;
    const char* object_name;
    QString title, description;
};

std::vector<TaskChoice> taskChoices() {
    return {{TrainTask::TextClassification, "textClassificationRadio",
             TaskWizardPage::tr("Text classification / sentiment"),
             TaskWizardPage::tr("one label per text (sequence classification)")},
            {TrainTask::SentencePairs, "sentencePairsRadio", TaskWizardPage::tr("Sentence pairs"),
             TaskWizardPage::tr("one label per pair of texts: entailment, paraphrase, similarity")},
            {TrainTask::TokenTagging, "tokenTaggingRadio", TaskWizardPage::tr("Token tagging"),
             TaskWizardPage::tr("one tag per word: named entities, parts of speech (token classification)")},
            {TrainTask::MaskedLm, "maskedLmRadio", TaskWizardPage::tr("Masked language model"),
             TaskWizardPage::tr("fill in masked words: adapt a model to your domain's text")},
            {TrainTask::Pretraining, "pretrainingRadio", TaskWizardPage::tr("Pretraining (MLM + NSP)"),
             TaskWizardPage::tr("masked words and next-sentence prediction, as BERT was pretrained")}};
}

QString splitTitle(const std::string& split) {
    if (split == "train") return TaskWizardPage::tr("train");
    if (split == "validation") return TaskWizardPage::tr("validation");
    if (split == "test") return TaskWizardPage::tr("test");
    return QString::fromStdString(split);
}

}  // namespace

TaskWizardPage::TaskWizardPage(std::shared_ptr<WizardState> state, QWidget* parent)
    : QWizardPage(parent), state_(std::move(state)) {
    setObjectName(QStringLiteral("taskPage"));
    setTitle(tr("Task and data"));
    setSubTitle(tr("What the model learns, and from which examples."));
    buildLayout();
}

void TaskWizardPage::buildLayout() {
    tasks_ = new QButtonGroup(this);
    auto* task_grid = new QGridLayout;
    int row = 0;
    for (const TaskChoice& choice : taskChoices()) {
        auto* radio = new QRadioButton(choice.title);
        radio->setObjectName(QString::fromLatin1(choice.object_name));
        auto* description = new QLabel(choice.description);
        description->setEnabled(false);  // the palette's secondary text colour
        tasks_->addButton(radio, static_cast<int>(choice.task));
        task_grid->addWidget(radio, row, 0);
        task_grid->addWidget(description, row++, 1);
    }
    task_grid->setColumnStretch(1, 1);
    task_grid->setHorizontalSpacing(24);
    problem_type_label_ = new QLabel(tr("Labels:"));
    problem_type_combo_ = new QComboBox;
    problem_type_combo_->setObjectName("problemTypeCombo");
    problem_type_combo_->addItem(tr("one class per example"), QString());
    problem_type_combo_->addItem(tr("several classes per example (multi-label)"),
                                 QStringLiteral("multi_label_classification"));
    problem_type_combo_->addItem(tr("a number (regression)"), QStringLiteral("regression"));
    auto* problem_type = new QHBoxLayout;
    problem_type->addWidget(problem_type_label_);
    problem_type->addWidget(problem_type_combo_);
    problem_type->addStretch(1);
    auto* task_box = new QGroupBox(tr("Task"));
    auto* task_layout = new QVBoxLayout(task_box);
    task_layout->addLayout(task_grid);
    task_layout->addLayout(problem_type);

    dataset_radio_ = new QRadioButton(tr("A dataset of the workspace:"));
    dataset_radio_->setObjectName("storedDatasetRadio");
    corpus_radio_ = new QRadioButton(tr("A plain-text corpus file:"));
    corpus_radio_->setObjectName("corpusFileRadio");
    dataset_combo_ = new QComboBox;
    dataset_combo_->setObjectName("datasetCombo");
    corpus_edit_ = new QLineEdit;
    corpus_edit_->setObjectName("corpusEdit");
    corpus_edit_->setPlaceholderText(tr("one sentence per line, a blank line between documents"));
    corpus_browse_ = new QPushButton(tr("Browse…"));
    dataset_info_ = new QLabel;
    dataset_info_->setObjectName("datasetInfo");
    dataset_info_->setWordWrap(true);
    dataset_info_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* data_grid = new QGridLayout;
    data_grid->addWidget(dataset_radio_, 0, 0);
    data_grid->addWidget(dataset_combo_, 0, 1, 1, 2);
    data_grid->addWidget(corpus_radio_, 1, 0);
    data_grid->addWidget(corpus_edit_, 1, 1);
    data_grid->addWidget(corpus_browse_, 1, 2);
    data_grid->addWidget(dataset_info_, 2, 0, 1, 3);
    data_grid->setColumnStretch(1, 1);
    auto* data_box = new QGroupBox(tr("Data"));
    data_box->setLayout(data_grid);
    auto* sources = new QButtonGroup(this);
    sources->addButton(dataset_radio_);
    sources->addButton(corpus_radio_);

    problem_ = new ProblemLabel;
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(task_box);
    layout->addWidget(data_box);
    layout->addStretch(1);
    layout->addWidget(problem_);

    connect(tasks_, &QButtonGroup::idToggled, this, [this](int, bool on) {
        if (on) choiceChanged();
    });
    connect(problem_type_combo_, qOverload<int>(&QComboBox::currentIndexChanged), this, &TaskWizardPage::choiceChanged);
    connect(dataset_radio_, &QRadioButton::toggled, this, &TaskWizardPage::choiceChanged);
    connect(dataset_combo_, qOverload<int>(&QComboBox::currentIndexChanged), this, &TaskWizardPage::choiceChanged);
    connect(corpus_edit_, &QLineEdit::textChanged, this, &TaskWizardPage::choiceChanged);
    connect(corpus_browse_, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Corpus"), corpus_edit_->text(),
                                                          tr("Text files (*.txt);;All files (*)"));
        if (!file.isEmpty()) corpus_edit_->setText(file);
    });
}

void TaskWizardPage::initializePage() {
    TrainingSetup& s = state_->setup;
    const TrainTask task = s.task;  // the widgets below write the setup as they are filled
    const std::string wanted = s.dataset;
    {
        const QSignalBlocker block(dataset_combo_);
        dataset_combo_->clear();
        for (const store::DatasetRecord& d : state_->datasets) {
            int64_t rows = 0;
            for (const auto& [split, count] : d.row_counts) rows += count;
            dataset_combo_->addItem(tr("%1 (%2, %n row(s))", "", static_cast<int>(rows))
                                        .arg(QString::fromStdString(d.name), datasetKindTitle(d.task_kind)),
                                    QString::fromStdString(d.name));
        }
        int index = dataset_combo_->findData(QString::fromStdString(wanted));
        // None chosen yet: the first one the task can train on.
        for (size_t i = 0; index < 0 && i < state_->datasets.size(); ++i) {
            TrainingSetup candidate = s;
            candidate.data_source = DataSource::StoredDataset;
            candidate.dataset = state_->datasets[i].name;
            if (dataProblem(candidate, state_->model, state_->datasets[i]).isEmpty()) index = static_cast<int>(i);
        }
        dataset_combo_->setCurrentIndex(index >= 0 ? index : 0);
    }
    corpus_edit_->setText(QString::fromStdString(s.corpus));
    problem_type_combo_->setCurrentIndex(
        std::max(0, problem_type_combo_->findData(QString::fromStdString(s.problem_type))));
    (s.data_source == DataSource::CorpusFile ? corpus_radio_ : dataset_radio_)->setChecked(true);
    tasks_->button(static_cast<int>(task))->setChecked(true);
    choiceChanged();
}

bool TaskWizardPage::isComplete() const {
    return dataProblem(state_->setup, state_->model, state_->chosenDataset()).isEmpty();
}

void TaskWizardPage::choiceChanged() {
    TrainingSetup& s = state_->setup;
    if (tasks_->checkedId() >= 0) s.task = static_cast<TrainTask>(tasks_->checkedId());
    const bool language_modelling = isLanguageModelling(s.task);
    // Only the language-modelling tasks read a corpus file; the others train on stored labels.
    corpus_radio_->setEnabled(language_modelling);
    if (!language_modelling && corpus_radio_->isChecked()) dataset_radio_->setChecked(true);
    s.data_source = corpus_radio_->isChecked() ? DataSource::CorpusFile : DataSource::StoredDataset;
    s.dataset = dataset_combo_->currentData().toString().toStdString();
    s.corpus = corpus_edit_->text().trimmed().toStdString();
    s.problem_type = problem_type_combo_->currentData().toString().toStdString();
    problem_type_label_->setVisible(isClassification(s.task));
    problem_type_combo_->setVisible(isClassification(s.task));
    dataset_combo_->setEnabled(s.data_source == DataSource::StoredDataset);
    corpus_edit_->setEnabled(s.data_source == DataSource::CorpusFile);
    corpus_browse_->setEnabled(s.data_source == DataSource::CorpusFile);
    showDataset();
    problem_->setProblem(dataProblem(s, state_->model, state_->chosenDataset()));
    emit completeChanged();
}

void TaskWizardPage::showDataset() {
    const auto dataset = state_->chosenDataset();
    if (state_->setup.data_source == DataSource::CorpusFile || !dataset) {
        dataset_info_->setText(state_->datasets.empty() && state_->setup.data_source == DataSource::StoredDataset
                                   ? tr("The workspace has no dataset yet: import one on the Data page.")
                                   : QString());
        return;
    }
    const QLocale locale;
    QStringList splits, labels;
    for (const char* split : {"train", "validation", "test"}) {
        const auto it = dataset->row_counts.find(split);
        if (it != dataset->row_counts.end() && it->second > 0)
            splits << tr("%1 %2").arg(splitTitle(split), locale.toString(static_cast<qlonglong>(it->second)));
    }
    for (const std::string& label : dataset->label_set) labels << QString::fromStdString(label).toHtmlEscaped();
    constexpr int kLabelsShown = 20;
    const QString label_text =
        labels.isEmpty() ? tr("none")
        : labels.size() <= kLabelsShown
            ? labels.join(QStringLiteral(", "))
            : tr("%1, … (%2 in all)").arg(labels.mid(0, kLabelsShown).join(QStringLiteral(", "))).arg(labels.size());
    const auto row = htmlTableRow;
    dataset_info_->setText(
        QStringLiteral("<table>") +
        row(tr("Holds"), datasetKindTitle(dataset->task_kind) + QStringLiteral(" · ") +
                             QString::fromStdString(dataset->format).toUpper()) +
        row(tr("Splits"), splits.isEmpty() ? tr("none") : splits.join(QStringLiteral(" · "))) +
        row(tr("Labels (%1)").arg(labels.size()), label_text) +
        row(tr("Text pairs"), hasTextPair(*dataset) ? tr("yes: two texts per row") : tr("no: one text per row")) +
        QStringLiteral("</table>"));
}

}  // namespace bw::gui
