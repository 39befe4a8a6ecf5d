#include "widgets/train/task_wizard_page.h"

#include "core/store/validation_hold_out.h"
#include "widgets/shared/dataset_kind_text.h"
#include "widgets/shared/file_dialog.h"
#include "widgets/shared/hold_out_dialog.h"
#include "widgets/shared/split_title.h"
#include "widgets/train/html_table_row.h"
#include "widgets/train/problem_label.h"
#include "widgets/train/setup_checks.h"
#include "widgets/train/wizard_state.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QCoreApplication>
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

// "sentence-pairs" -> "sentencePairsRadio": the radio buttons' object names follow the catalogue ids.
QString radioName(const std::string& id) {
    QString name;
    bool upper = false;
    for (char c : id) {
        if (c == '-') {
            upper = true;
            continue;
        }
        name += upper ? QChar(c).toUpper() : QChar(c);
        upper = false;
    }
    return name + QStringLiteral("Radio");
}

QString problemTypeTitle(const std::string& problem_type) {
    if (problem_type == train::kMultiLabel) return TaskWizardPage::tr("several classes per example (multi-label)");
    if (problem_type == train::kRegression) return TaskWizardPage::tr("a number (regression)");
    return TaskWizardPage::tr("one class per example");
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
    // One choice per task of the catalogue, in its order; the button id is the catalogue index.
    for (const train::TaskDefinition& task : train::taskCatalogue()) {
        auto* radio = new QRadioButton(QCoreApplication::translate("TaskCatalogue", task.title.c_str()));
        radio->setObjectName(radioName(task.id));
        auto* description = new QLabel(QCoreApplication::translate("TaskCatalogue", task.description.c_str()));
        description->setEnabled(false);  // the palette's secondary text colour
        tasks_->addButton(radio, row);
        task_grid->addWidget(radio, row, 0);
        task_grid->addWidget(description, row++, 1);
    }
    task_grid->setColumnStretch(1, 1);
    task_grid->setHorizontalSpacing(24);
    problem_type_label_ = new QLabel(tr("Labels:"));
    problem_type_combo_ = new QComboBox;
    problem_type_combo_->setObjectName("problemTypeCombo");
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
    hold_out_button_ = new QPushButton(tr("Hold out validation rows…"));
    hold_out_button_->setObjectName("holdOutButton");
    hold_out_button_->setToolTip(tr("Move a share of the train rows into a validation split, so that the run can "
                                    "be evaluated and its best checkpoint chosen"));
    hold_out_button_->hide();
    auto* hold_out_row = new QHBoxLayout;
    hold_out_row->addWidget(hold_out_button_);
    hold_out_row->addStretch(1);
    auto* data_grid = new QGridLayout;
    data_grid->addWidget(dataset_radio_, 0, 0);
    data_grid->addWidget(dataset_combo_, 0, 1, 1, 2);
    data_grid->addWidget(corpus_radio_, 1, 0);
    data_grid->addWidget(corpus_edit_, 1, 1);
    data_grid->addWidget(corpus_browse_, 1, 2);
    data_grid->addWidget(dataset_info_, 2, 0, 1, 3);
    data_grid->addLayout(hold_out_row, 3, 0, 1, 3);
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
        if (!on) return;
        state_->task_chosen = true;  // the page sets its radios with signals blocked: this is the user's
        choiceChanged();
    });
    connect(problem_type_combo_, qOverload<int>(&QComboBox::currentIndexChanged), this, &TaskWizardPage::choiceChanged);
    connect(dataset_radio_, &QRadioButton::toggled, this, &TaskWizardPage::choiceChanged);
    connect(dataset_combo_, qOverload<int>(&QComboBox::currentIndexChanged), this, &TaskWizardPage::choiceChanged);
    connect(corpus_edit_, &QLineEdit::textChanged, this, &TaskWizardPage::choiceChanged);
    connect(hold_out_button_, &QPushButton::clicked, this, &TaskWizardPage::holdOutValidation);
    connect(corpus_browse_, &QPushButton::clicked, this, [this] {
        const QString file = FileDialog::getOpenFileName(this, tr("Corpus"), corpus_edit_->text(),
                                                          tr("Text files (*.txt);;All files (*)"));
        if (!file.isEmpty()) corpus_edit_->setText(file);
    });
}

void TaskWizardPage::initializePage() {
    TrainingSetup& s = state_->setup;
    // A model from scratch knows no language yet: pretraining it with masked LM comes first (a walk
    // was offered classification for one).
    if (!state_->task_chosen) s.task = s.model_kind == BaseModelKind::Scratch ? "masked-lm" : TrainingSetup{}.task;
    const std::string task = s.task;  // the widgets below write the setup as they are filled
    const std::string problem_type = s.problem_type;
    const std::string wanted = s.dataset;
    {
        const QSignalBlocker block(dataset_combo_);
        dataset_combo_->clear();
        for (const store::DatasetRecord& d : state_->datasets) {
            int64_t rows = 0;
            for (const auto& [split, count] : d.row_counts) rows += count;
            dataset_combo_->addItem(tr("%1 (%2, %Ln row(s))", "", static_cast<int>(rows))
                                        .arg(QString::fromStdString(d.name), datasetKindTitle(d)),
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
    (s.data_source == DataSource::CorpusFile ? corpus_radio_ : dataset_radio_)->setChecked(true);
    const auto& tasks = train::taskCatalogue();
    const auto chosen = std::find_if(tasks.begin(), tasks.end(), [&](const auto& t) { return t.id == task; });
    {
        const QSignalBlocker block(tasks_);
        tasks_->button(chosen == tasks.end() ? 0 : static_cast<int>(chosen - tasks.begin()))->setChecked(true);
    }
    showProblemTypes(chosen == tasks.end() ? tasks.front() : *chosen, problem_type);
    followed_dataset_.clear();  // the dataset the page opens on counts as just chosen
    choiceChanged();
}

bool TaskWizardPage::isComplete() const {
    return dataProblem(state_->setup, state_->model, state_->chosenDataset()).isEmpty();
}

void TaskWizardPage::followPairDataset() {
    const std::string name = dataset_combo_->currentData().toString().toStdString();
    if (name == followed_dataset_) return;  // the user changed the task, not the dataset: theirs
    followed_dataset_ = name;
    const auto dataset = std::find_if(state_->datasets.begin(), state_->datasets.end(),
                                      [&](const store::DatasetRecord& d) { return d.name == name; });
    const auto& tasks = train::taskCatalogue();
    if (!dataset_radio_->isChecked() || dataset == state_->datasets.end() || tasks_->checkedId() < 0) return;
    if (!readsPairsAsOneText(tasks.at(static_cast<size_t>(tasks_->checkedId())), *dataset)) return;
    const bool score = problem_type_combo_->currentData().toString().toStdString() == train::kRegression;
    const std::string pair_task = score ? "sentence-similarity" : "sentence-pairs";
    const auto found = std::find_if(tasks.begin(), tasks.end(), [&](const auto& t) { return t.id == pair_task; });
    const QSignalBlocker block(tasks_);
    tasks_->button(static_cast<int>(found - tasks.begin()))->setChecked(true);
}

void TaskWizardPage::choiceChanged() {
    TrainingSetup& s = state_->setup;
    followPairDataset();
    if (tasks_->checkedId() >= 0) s.task = train::taskCatalogue().at(static_cast<size_t>(tasks_->checkedId())).id;
    const train::TaskDefinition& task = s.definition();
    if (problem_types_of_ != task.id)
        showProblemTypes(task, s.problem_type);
    const bool language_modelling = task.isLanguageModelling();
    // Only the language-modelling tasks read a corpus file; the others train on stored labels.
    corpus_radio_->setEnabled(language_modelling);
    if (!language_modelling && corpus_radio_->isChecked()) dataset_radio_->setChecked(true);
    s.data_source = corpus_radio_->isChecked() ? DataSource::CorpusFile : DataSource::StoredDataset;
    s.dataset = dataset_combo_->currentData().toString().toStdString();
    s.corpus = corpus_edit_->text().trimmed().toStdString();
    s.problem_type = problem_type_combo_->currentData().toString().toStdString();
    // A choice only where the task offers more than one way to read its labels.
    problem_type_label_->setVisible(task.problem_types.size() > 1);
    problem_type_combo_->setVisible(task.problem_types.size() > 1);
    dataset_combo_->setEnabled(s.data_source == DataSource::StoredDataset);
    corpus_edit_->setEnabled(s.data_source == DataSource::CorpusFile);
    corpus_browse_->setEnabled(s.data_source == DataSource::CorpusFile);
    showDataset();
    problem_->setProblem(dataProblem(s, state_->model, state_->chosenDataset()));
    emit completeChanged();
}

void TaskWizardPage::showProblemTypes(const train::TaskDefinition& task, const std::string& wanted) {
    const QSignalBlocker block(problem_type_combo_);
    problem_type_combo_->clear();
    for (const std::string& problem_type : task.problem_types)
        problem_type_combo_->addItem(problemTypeTitle(problem_type), QString::fromStdString(problem_type));
    problem_type_combo_->setCurrentIndex(std::max(0, problem_type_combo_->findData(QString::fromStdString(wanted))));
    problem_types_of_ = task.id;
}

void TaskWizardPage::holdOutValidation() {
    const auto dataset = state_->chosenDataset();
    if (!dataset) return;
    auto* dialog = new HoldOutDialog(QString::fromStdString(state_->setup.store_path), *dataset, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSeed(static_cast<int>(state_->setup.args.seed));
    connect(dialog, &HoldOutDialog::heldOut, this, &TaskWizardPage::datasetsChanged);
    dialog->open();
}

void TaskWizardPage::showDataset() {
    const auto dataset = state_->chosenDataset();
    hold_out_button_->setVisible(state_->setup.data_source == DataSource::StoredDataset && dataset &&
                                 !state_->setup.definition().isLanguageModelling() &&
                                 store::canHoldOutValidation(*dataset));
    if (state_->setup.data_source == DataSource::CorpusFile || !dataset) {
        dataset_info_->setText(state_->datasets.empty() && state_->setup.data_source == DataSource::StoredDataset
                                   ? tr("The workspace has no dataset yet: import one on the Data page.")
                                   : QString());
        return;
    }
    const QLocale locale;
    QStringList splits, labels;
    for (const char* split : kSplitsInOrder) {
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
        row(tr("Holds"), datasetKindTitle(*dataset) + QStringLiteral(" · ") +
                             QString::fromStdString(dataset->format).toUpper()) +
        row(tr("Splits"), splits.isEmpty() ? tr("none") : splits.join(QStringLiteral(" · "))) +
        row(tr("Labels (%1)").arg(labels.size()), label_text) +
        row(tr("Text pairs"), train::hasTextPairs(*dataset) ? tr("yes: two texts per row") : tr("no: one text per row")) +
        QStringLiteral("</table>"));
}

}  // namespace bw::gui
