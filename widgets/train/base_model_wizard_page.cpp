#include "widgets/train/base_model_wizard_page.h"

#include "widgets/shared/background_task.h"
#include "widgets/shared/file_dialog.h"
#include "widgets/tokenizer/train_vocabulary_dialog.h"
#include "widgets/train/problem_label.h"
#include "widgets/train/setup_checks.h"
#include "widgets/train/wizard_state.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include <memory>

namespace bw::gui {
namespace {

constexpr int kTypingPauseMs = 300;


QString choiceKey(const TrainingSetup& s) {
    return QStringLiteral("%1|%2|%3|%4")
        .arg(static_cast<int>(s.model_kind))
        .arg(QString::fromStdString(s.model_dir), QString::fromStdString(s.scratch_size),
             QString::fromStdString(s.vocab));
}

}  // namespace

BaseModelWizardPage::BaseModelWizardPage(std::shared_ptr<WizardState> state, QWidget* parent)
    : QWizardPage(parent), state_(std::move(state)), task_(new BackgroundTask(this)), typing_(new QTimer(this)) {
    setObjectName(QStringLiteral("baseModelPage"));
    setTitle(tr("Base model"));
    setSubTitle(
        tr("Fine-tune a model that already knows the language, or start a new one from scratch to pretrain it."));
    typing_->setSingleShot(true);
    typing_->setInterval(kTypingPauseMs);
    connect(typing_, &QTimer::timeout, this, &BaseModelWizardPage::inspect);
    bundled_dir_ = bundledModelDir(&bundled_error_);
    buildLayout();

    // A copy: each field set below reports its change, which writes the setup from the fields
    // (a from-scratch setup was read back as an empty model folder by the time its radio was chosen).
    const TrainingSetup s = state_->setup;
    if (s.model_kind == BaseModelKind::Directory) directory_edit_->setText(QString::fromStdString(s.model_dir));
    vocab_edit_->setText(QString::fromStdString(s.vocab));
    size_combo_->setCurrentText(QString::fromStdString(s.scratch_size));
    const bool bundled = s.model_kind == BaseModelKind::Bundled && !bundled_dir_.isEmpty();
    (bundled                                  ? bundled_radio_
     : s.model_kind == BaseModelKind::Scratch ? scratch_radio_
                                              : directory_radio_)
        ->setChecked(true);
    choiceChanged();
}

void BaseModelWizardPage::buildLayout() {
    bundled_radio_ =
        new QRadioButton(bundled_dir_.isEmpty() ? tr("The bundled model (not installed)")
                                                : tr("The bundled model: %1").arg(QFileInfo(bundled_dir_).fileName()));
    bundled_radio_->setObjectName("bundledModelRadio");
    bundled_radio_->setEnabled(!bundled_dir_.isEmpty());
    bundled_radio_->setToolTip(bundled_dir_.isEmpty() ? bundled_error_ : bundled_dir_);
    directory_radio_ = new QRadioButton(tr("A Hugging Face model folder:"));
    directory_radio_->setObjectName("directoryModelRadio");
    scratch_radio_ = new QRadioButton(tr("A new model, from scratch:"));
    scratch_radio_->setObjectName("scratchModelRadio");
    auto* group = new QButtonGroup(this);
    for (QRadioButton* r : {bundled_radio_, directory_radio_, scratch_radio_}) group->addButton(r);

    directory_edit_ = new QLineEdit;
    directory_edit_->setObjectName("modelDirEdit");
    directory_edit_->setPlaceholderText(tr("a folder with config.json, weights and vocab.txt"));
    directory_browse_ = new QPushButton(tr("Browse…"));
    size_combo_ = new QComboBox;
    size_combo_->setObjectName("scratchSizeCombo");
    for (const std::string& size : kScratchSizes) size_combo_->addItem(QString::fromStdString(size));
    vocab_edit_ = new QLineEdit;
    vocab_edit_->setObjectName("vocabEdit");
    vocab_edit_->setPlaceholderText(tr("vocab.txt"));
    vocab_browse_ = new QPushButton(tr("Browse…"));
    train_vocab_button_ = new QPushButton(tr("Train a vocabulary…"));
    train_vocab_button_->setObjectName("trainVocabularyButton");
    train_vocab_button_->setToolTip(tr("Learn a WordPiece vocabulary from a dataset of this workspace (the corpus "
                                       "you will pretrain on) or from text files"));

    auto* grid = new QGridLayout;
    grid->addWidget(bundled_radio_, 0, 0, 1, 4);
    grid->addWidget(directory_radio_, 1, 0);
    grid->addWidget(directory_edit_, 1, 1, 1, 2);
    grid->addWidget(directory_browse_, 1, 3);
    grid->addWidget(scratch_radio_, 2, 0);
    grid->addWidget(size_combo_, 2, 1);
    grid->addWidget(vocab_edit_, 2, 2);
    grid->addWidget(vocab_browse_, 2, 3);
    grid->addWidget(train_vocab_button_, 3, 2, 1, 2, Qt::AlignRight);
    // What the text did not allow of the vocabulary just trained here (fewer tokens than asked, an
    // alphabet cut short), as the Tokenizer page says it: the summary below gives only the count.
    vocab_note_ = new QLabel;
    vocab_note_->setObjectName("vocabTrainingNote");
    vocab_note_->setWordWrap(true);
    vocab_note_->setVisible(false);
    grid->addWidget(vocab_note_, 4, 1, 1, 3);
    grid->setColumnStretch(2, 1);

    busy_ = new QProgressBar;
    busy_->setRange(0, 0);
    busy_->setTextVisible(false);
    busy_->setMaximumHeight(fontMetrics().height() / 2);
    summary_ = new QTextBrowser;
    summary_->setObjectName("modelSummary");
    summary_->setOpenLinks(false);
    problem_ = new ProblemLabel;

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(busy_);
    layout->addWidget(summary_, 1);
    layout->addWidget(problem_);

    for (QRadioButton* r : {bundled_radio_, directory_radio_, scratch_radio_})
        connect(r, &QRadioButton::toggled, this, [this](bool on) {
            if (on) choiceChanged();
        });
    connect(directory_edit_, &QLineEdit::textChanged, this, &BaseModelWizardPage::choiceChanged);
    connect(vocab_edit_, &QLineEdit::textChanged, this, &BaseModelWizardPage::choiceChanged);
    connect(size_combo_, &QComboBox::currentTextChanged, this, &BaseModelWizardPage::choiceChanged);
    connect(directory_browse_, &QPushButton::clicked, this, [this] {
        const QString dir = FileDialog::getExistingDirectory(this, tr("Model folder"), directory_edit_->text());
        if (!dir.isEmpty()) directory_edit_->setText(dir);
    });
    connect(vocab_browse_, &QPushButton::clicked, this, [this] {
        const QString file = FileDialog::getOpenFileName(this, tr("Vocabulary"), vocab_edit_->text(),
                                                          tr("WordPiece vocabulary (*.txt);;All files (*)"));
        if (!file.isEmpty()) vocab_edit_->setText(file);
    });
    connect(train_vocab_button_, &QPushButton::clicked, this, [this] { openTrainVocabularyDialog(); });
}

TrainVocabularyDialog* BaseModelWizardPage::openTrainVocabularyDialog() {
    auto* dialog = new TrainVocabularyDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString store_path = QString::fromStdString(state_->setup.store_path);
    dialog->setDatasets(store_path, state_->datasets);
    // The dataset the run will train on if the Data page chose one; else the first corpus; else the
    // first dataset.
    QString dataset = QString::fromStdString(state_->setup.dataset);
    for (const store::DatasetRecord& d : state_->datasets)
        if (dataset.isEmpty() && d.task_kind == "corpus") dataset = QString::fromStdString(d.name);
    if (dataset.isEmpty() && !state_->datasets.empty()) dataset = QString::fromStdString(state_->datasets.front().name);
    if (!dataset.isEmpty()) dialog->selectDataset(dataset);
    dialog->suggestOutputDirIn(QFileInfo(store_path).absoluteDir().filePath(QStringLiteral("tokenizers")));
    connect(dialog, &TrainVocabularyDialog::trained, this, [this](const QString& dir, const QString& note) {
        noted_vocab_ = QDir(dir).filePath(QStringLiteral("vocab.txt"));
        vocab_note_->setText(note);
        vocab_edit_->setText(noted_vocab_);
    });
    dialog->open();
    return dialog;
}

bool BaseModelWizardPage::isInspecting() const { return task_->isRunning() || typing_->isActive(); }

bool BaseModelWizardPage::isComplete() const {
    return !isInspecting() && inspected_key_ == choiceKey(state_->setup) && state_->model.usable &&
           modelProblem(state_->setup, state_->model).isEmpty();
}

void BaseModelWizardPage::choiceChanged() {
    TrainingSetup& s = state_->setup;
    s.model_kind = bundled_radio_->isChecked()   ? BaseModelKind::Bundled
                   : scratch_radio_->isChecked() ? BaseModelKind::Scratch
                                                 : BaseModelKind::Directory;
    s.model_dir = s.model_kind == BaseModelKind::Bundled ? bundled_dir_.toStdString()
                                                         : directory_edit_->text().trimmed().toStdString();
    s.scratch_size = size_combo_->currentText().toStdString();
    s.vocab = vocab_edit_->text().trimmed().toStdString();
    directory_edit_->setEnabled(s.model_kind == BaseModelKind::Directory);
    directory_browse_->setEnabled(s.model_kind == BaseModelKind::Directory);
    for (QWidget* w : std::initializer_list<QWidget*>{size_combo_, vocab_edit_, vocab_browse_, train_vocab_button_})
        w->setEnabled(s.model_kind == BaseModelKind::Scratch);
    vocab_note_->setVisible(s.model_kind == BaseModelKind::Scratch && !vocab_note_->text().isEmpty() &&
                            vocab_edit_->text().trimmed() == noted_vocab_);
    typing_->start();
    busy_->setVisible(true);
    emit completeChanged();
}

void BaseModelWizardPage::inspect() {
    if (task_->isRunning()) {
        pending_ = true;  // read again once the running one ends
        return;
    }
    const TrainingSetup setup = state_->setup;
    const QString key = choiceKey(setup);
    if (key == inspected_key_) {  // toggled back to what was read last
        showFacts();
        return;
    }
    // Nothing chosen yet: no need to load anything to say so.
    if (!modelProblem(setup, ModelFacts{}).isEmpty()) {
        state_->model = ModelFacts{};
        inspected_key_ = key;
        showFacts();
        return;
    }
    auto facts = std::make_shared<ModelFacts>();
    task_->start([setup, facts] { *facts = inspectBaseModel(setup); },
                 [this, facts, key] {
                     if (pending_) {
                         pending_ = false;
                         inspect();
                         return;
                     }
                     state_->model = *facts;
                     inspected_key_ = key;
                     showFacts();
                 });
}

void BaseModelWizardPage::showFacts() {
    busy_->setVisible(isInspecting());
    summary_->setHtml(state_->model.summary_html);
    problem_->setProblem(modelProblem(state_->setup, state_->model));
    emit completeChanged();
}

}  // namespace bw::gui
