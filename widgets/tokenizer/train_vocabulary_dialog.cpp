#include "widgets/tokenizer/train_vocabulary_dialog.h"

#include "widgets/shared/file_dialog.h"
#include "widgets/shared/message_box.h"
#include "widgets/shared/split_title.h"
#include "widgets/tokenizer/vocabulary_training_job.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QRegularExpression>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace bw::gui {

TrainVocabularyDialog::TrainVocabularyDialog(QWidget* parent)
    : QDialog(parent), job_(new VocabularyTrainingJob(this)) {
    setWindowTitle(tr("Train a vocabulary"));

    auto* output_row = new QHBoxLayout;
    output_dir_ = new QLineEdit;
    output_dir_->setObjectName("outputDir");
    output_dir_->setPlaceholderText(tr("A folder for vocab.txt, tokenizer.json and their settings"));
    browse_button_ = new QPushButton(tr("Browse…"));
    output_row->addWidget(new QLabel(tr("Save in:")));
    output_row->addWidget(output_dir_, 1);
    output_row->addWidget(browse_button_);

    progress_bar_ = new QProgressBar;
    progress_bar_->setObjectName("progressBar");
    progress_bar_->setRange(0, 100);
    progress_bar_->setVisible(false);
    message_label_ = new QLabel;
    message_label_->setObjectName("messageLabel");
    message_label_->setWordWrap(true);
    message_label_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Close);
    train_button_ = buttons_->addButton(tr("Train"), QDialogButtonBox::AcceptRole);
    train_button_->setObjectName("trainButton");
    train_button_->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildCorpusBox(), 1);
    layout->addWidget(buildSettingsBox());
    layout->addLayout(output_row);
    layout->addWidget(progress_bar_);
    layout->addWidget(message_label_);
    layout->addWidget(buttons_);
    resize(680, 540);

    connect(browse_button_, &QPushButton::clicked, this, &TrainVocabularyDialog::chooseOutputDir);
    connect(output_dir_, &QLineEdit::textChanged, this, &TrainVocabularyDialog::updateButtons);
    connect(output_dir_, &QLineEdit::textEdited, this, [this] { output_chosen_ = true; });
    connect(train_button_, &QPushButton::clicked, this, &TrainVocabularyDialog::startTraining);
    connect(buttons_, &QDialogButtonBox::rejected, this, &TrainVocabularyDialog::reject);

    connect(job_, &VocabularyTrainingJob::progress, this, [this](int percent, const QString& stage) {
        progress_bar_->setValue(percent);
        showMessage(stage, false);
    });
    connect(job_, &VocabularyTrainingJob::succeeded, this, &TrainVocabularyDialog::trainingSucceeded);
    connect(job_, &VocabularyTrainingJob::failed, this, [this](const QString& error) {
        setTraining(false);
        showMessage(tr("The training failed; nothing was written.\n%1").arg(error), true);
    });
    connect(job_, &VocabularyTrainingJob::cancelled, this, [this] {
        setTraining(false);
        showMessage(tr("The training was cancelled; nothing was written."), false);
    });
    restoreChoices();
    updateButtons();
}

namespace {
const char* const kChoicesGroup = "trainVocabulary";
}  // namespace

void TrainVocabularyDialog::restoreChoices() {
    QSettings settings;
    settings.beginGroup(QLatin1String(kChoicesGroup));
    if (!settings.contains(QStringLiteral("vocabSize"))) return;  // never closed before: the defaults
    vocab_size_->setValue(settings.value(QStringLiteral("vocabSize")).toInt());
    min_frequency_->setValue(settings.value(QStringLiteral("minFrequency")).toInt());
    limit_alphabet_->setValue(settings.value(QStringLiteral("limitAlphabet")).toInt());
    lower_case_->setChecked(settings.value(QStringLiteral("lowerCase")).toBool());
    strip_accents_->setChecked(settings.value(QStringLiteral("stripAccents")).toBool());
    special_tokens_->setText(settings.value(QStringLiteral("specialTokens")).toString());
    QStringList files;
    for (const QString& file : settings.value(QStringLiteral("corpusFiles")).toStringList())
        if (QFileInfo(file).isFile()) files << file;
    addCorpusFiles(files);
    remembered_dataset_ = settings.value(QStringLiteral("dataset")).toString();
    remembered_split_ = settings.value(QStringLiteral("split")).toString();
}

void TrainVocabularyDialog::rememberChoices() const {
    QSettings settings;
    settings.beginGroup(QLatin1String(kChoicesGroup));
    settings.setValue(QStringLiteral("vocabSize"), vocab_size_->value());
    settings.setValue(QStringLiteral("minFrequency"), min_frequency_->value());
    settings.setValue(QStringLiteral("limitAlphabet"), limit_alphabet_->value());
    settings.setValue(QStringLiteral("lowerCase"), lower_case_->isChecked());
    settings.setValue(QStringLiteral("stripAccents"), strip_accents_->isChecked());
    settings.setValue(QStringLiteral("specialTokens"), special_tokens_->text());
    settings.setValue(QStringLiteral("corpusFiles"), corpusFiles());
    const bool dataset = learnsFromDataset();
    settings.setValue(QStringLiteral("dataset"), dataset ? dataset_combo_->currentText() : QString());
    settings.setValue(QStringLiteral("split"), dataset ? split_combo_->currentData().toString() : QString());
}

void TrainVocabularyDialog::done(int result) {
    rememberChoices();
    QDialog::done(result);
}

QWidget* TrainVocabularyDialog::buildCorpusBox() {
    auto* box = new QGroupBox(tr("Text to learn from"));
    auto* hint = new QLabel(tr("The more text, the better the pieces: BERT's own vocabulary came from billions of words. "
                               "Learn it from the text the model will be pretrained on."));
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    files_radio_ = new QRadioButton(tr("Text files, one text per line:"));
    files_radio_->setObjectName("filesRadio");
    files_radio_->setChecked(true);
    corpus_ = new QListWidget;
    corpus_->setObjectName("corpusList");
    corpus_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    add_button_ = new QPushButton(tr("Add files…"));
    remove_button_ = new QPushButton(tr("Remove"));
    auto* buttons = new QVBoxLayout;
    buttons->addWidget(add_button_);
    buttons->addWidget(remove_button_);
    buttons->addStretch(1);
    auto* files_row = new QHBoxLayout;
    files_row->addWidget(corpus_, 1);
    files_row->addLayout(buttons);
    tables_note_ = new QLabel;
    tables_note_->setObjectName("corpusTablesNote");
    tables_note_->setWordWrap(true);
    tables_note_->setVisible(false);

    // Shown once setDatasets offers some: the text of a dataset already imported.
    dataset_radio_ = new QRadioButton(tr("A dataset of this workspace:"));
    dataset_radio_->setObjectName("datasetRadio");
    dataset_combo_ = new QComboBox;
    dataset_combo_->setObjectName("datasetCombo");
    dataset_combo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    split_combo_ = new QComboBox;
    split_combo_->setObjectName("splitCombo");
    auto* dataset_row = new QHBoxLayout;
    dataset_row->addWidget(dataset_radio_);
    dataset_row->addWidget(dataset_combo_, 1);
    dataset_row->addWidget(split_combo_);
    for (QWidget* w : std::initializer_list<QWidget*>{dataset_radio_, dataset_combo_, split_combo_}) w->setVisible(false);
    auto* sources = new QButtonGroup(box);
    sources->addButton(files_radio_);
    sources->addButton(dataset_radio_);

    auto* layout = new QVBoxLayout(box);
    layout->addWidget(hint);
    layout->addWidget(files_radio_);
    layout->addLayout(files_row, 1);
    layout->addWidget(tables_note_);
    layout->addLayout(dataset_row);

    connect(add_button_, &QPushButton::clicked, this, &TrainVocabularyDialog::chooseCorpusFiles);
    connect(remove_button_, &QPushButton::clicked, this, [this] {
        qDeleteAll(corpus_->selectedItems());
        updateTablesNote();
        updateButtons();
    });
    connect(corpus_, &QListWidget::itemSelectionChanged, this, &TrainVocabularyDialog::updateButtons);
    connect(files_radio_, &QRadioButton::toggled, this, [this] {
        suggestOutputDir();
        updateButtons();
    });
    connect(dataset_combo_, &QComboBox::currentIndexChanged, this, [this] {
        fillSplits();
        dataset_radio_->setChecked(true);
        suggestOutputDir();
        updateButtons();
    });
    connect(split_combo_, &QComboBox::activated, this, [this] { dataset_radio_->setChecked(true); });
    connect(split_combo_, &QComboBox::currentIndexChanged, this, &TrainVocabularyDialog::updateButtons);
    return box;
}

QWidget* TrainVocabularyDialog::buildSettingsBox() {
    auto* box = new QGroupBox(tr("Vocabulary"));
    auto* form = new QFormLayout(box);

    vocab_size_ = new QSpinBox;
    vocab_size_->setRange(10, 1000000);
    vocab_size_->setGroupSeparatorShown(true);
    vocab_size_->setValue(30522);
    vocab_size_->setSuffix(tr(" tokens"));
    vocab_size_->setToolTip(tr("Entries in vocab.txt, special tokens included (BERT's: 30,522)"));
    min_frequency_ = new QSpinBox;
    min_frequency_->setRange(0, 1000000);
    min_frequency_->setGroupSeparatorShown(true);
    min_frequency_->setValue(2);
    min_frequency_->setSuffix(tr(" times"));
    min_frequency_->setToolTip(tr("Two pieces are joined only when they occur side by side at least this often"));
    limit_alphabet_ = new QSpinBox;
    limit_alphabet_->setRange(0, 1000000);
    limit_alphabet_->setGroupSeparatorShown(true);
    limit_alphabet_->setValue(1000);
    limit_alphabet_->setSpecialValueText(tr("No limit"));
    limit_alphabet_->setSuffix(tr(" characters"));
    limit_alphabet_->setToolTip(tr("Keep only the most frequent characters; rarer ones become [UNK]. "
                                   "Chinese or Japanese text needs a higher limit, or none."));

    lower_case_ = new QCheckBox(tr("Lower-case"));
    lower_case_->setChecked(true);
    strip_accents_ = new QCheckBox(tr("Strip accents"));
    strip_accents_->setChecked(true);
    strip_accents_->setToolTip(tr("é becomes e, as in BERT's uncased vocabularies. It follows Lower-case unless you "
                                  "change it afterwards, as --no-lower-case and --strip-accents do."));
    // As Hugging Face's BertNormalizer (strip_accents unset follows lowercase) and the CLI: a cased
    // vocabulary keeps its accents unless asked (unticking Lower-case alone once stripped them).
    connect(lower_case_, &QCheckBox::toggled, strip_accents_, &QCheckBox::setChecked);
    auto* casing = new QHBoxLayout;
    casing->addWidget(lower_case_);
    casing->addWidget(strip_accents_);
    casing->addStretch(1);

    special_tokens_ = new QLineEdit(QStringLiteral("[PAD] [UNK] [CLS] [SEP] [MASK]"));
    special_tokens_->setToolTip(tr("The first ids, in this order, separated by spaces; "
                                   "[UNK], [CLS] and [SEP] are needed"));

    form->addRow(tr("Size:"), vocab_size_);
    form->addRow(tr("Join pairs seen at least:"), min_frequency_);
    form->addRow(tr("Alphabet limit:"), limit_alphabet_);
    form->addRow(tr("Text:"), casing);
    form->addRow(tr("Special tokens:"), special_tokens_);
    return box;
}

void TrainVocabularyDialog::addCorpusFiles(const QStringList& paths) {
    for (const QString& path : paths) {
        if (corpus_->findItems(path, Qt::MatchExactly).isEmpty()) corpus_->addItem(path);
    }
    if (!paths.isEmpty()) files_radio_->setChecked(true);
    updateTablesNote();
    suggestOutputDir();
    updateButtons();
}

// A table read line by line brings its delimiters, keys and labels into the vocabulary ("{",
// "label", "positif"): say where its texts are read as texts.
void TrainVocabularyDialog::updateTablesNote() {
    QStringList tables;
    for (int i = 0; i < corpus_->count(); ++i) {
        const QFileInfo file(corpus_->item(i)->text());
        const QString suffix = file.suffix().toLower();
        if (suffix == QLatin1String("csv") || suffix == QLatin1String("tsv") || suffix == QLatin1String("jsonl") ||
            suffix == QLatin1String("json"))
            tables << file.fileName();
    }
    tables_note_->setText(tables.isEmpty() ? QString()
                                           : tr("%1: each line is read whole, with its delimiters, keys and labels. To "
                                                "learn from the texts alone, import the file on the Data page and "
                                                "choose it as a dataset here.")
                                                 .arg(tables.join(QStringLiteral(", "))));
    tables_note_->setVisible(!tables.isEmpty());
}

void TrainVocabularyDialog::setDatasets(const QString& store_path, const std::vector<store::DatasetRecord>& datasets) {
    store_path_ = store_path;
    datasets_.clear();
    for (const store::DatasetRecord& d : datasets) {
        int64_t rows = 0;
        for (const auto& [split, count] : d.row_counts) rows += count;
        if (rows > 0) datasets_.push_back(d);
    }
    {
        const QSignalBlocker block(dataset_combo_);
        dataset_combo_->clear();
        for (const store::DatasetRecord& d : datasets_) dataset_combo_->addItem(QString::fromStdString(d.name));
        fillSplits();
    }
    const bool offered = !datasets_.empty();
    for (QWidget* w : std::initializer_list<QWidget*>{dataset_radio_, dataset_combo_, split_combo_}) w->setVisible(offered);
    if (!offered) files_radio_->setChecked(true);
    // With the combo's signals on again: choosing the dataset refills the splits (they once showed
    // the first dataset's counts beside the remembered one's name).
    if (!remembered_dataset_.isEmpty()) selectDataset(remembered_dataset_, remembered_split_);
    updateButtons();
}

bool TrainVocabularyDialog::selectDataset(const QString& name, const QString& split) {
    const int index = dataset_combo_->findText(name);
    if (index < 0) return false;
    dataset_combo_->setCurrentIndex(index);  // a change refills the splits
    const int split_index = split_combo_->findData(split);
    if (split_index < 0) return false;
    split_combo_->setCurrentIndex(split_index);
    dataset_radio_->setChecked(true);
    suggestOutputDir();
    updateButtons();
    return true;
}

bool TrainVocabularyDialog::learnsFromDataset() const { return dataset_radio_->isChecked() && chosenDataset(); }

const store::DatasetRecord* TrainVocabularyDialog::chosenDataset() const {
    const int index = dataset_combo_->currentIndex();
    return index >= 0 && index < static_cast<int>(datasets_.size()) ? &datasets_[static_cast<size_t>(index)] : nullptr;
}

// The chosen dataset's splits that have rows, train first, each with its row count.
void TrainVocabularyDialog::fillSplits() {
    const QSignalBlocker block(split_combo_);
    split_combo_->clear();
    const store::DatasetRecord* dataset = chosenDataset();
    if (!dataset) return;
    const QLocale locale;
    for (const char* split : kSplitsInOrder) {
        const auto it = dataset->row_counts.find(split);
        if (it == dataset->row_counts.end() || it->second == 0) continue;
        split_combo_->addItem(tr("%1 (%Ln row(s))", "", static_cast<int>(std::min<int64_t>(it->second, INT_MAX)))
                                  .arg(QString::fromLatin1(split)),
                              QString::fromLatin1(split));
    }
}

QStringList TrainVocabularyDialog::corpusFiles() const {
    QStringList files;
    for (int i = 0; i < corpus_->count(); ++i) files << corpus_->item(i)->text();
    return files;
}

void TrainVocabularyDialog::setVocabSize(int size) { vocab_size_->setValue(size); }
void TrainVocabularyDialog::setMinFrequency(int count) { min_frequency_->setValue(count); }
void TrainVocabularyDialog::setLimitAlphabet(int characters) { limit_alphabet_->setValue(characters); }
void TrainVocabularyDialog::setLowerCase(bool lower) { lower_case_->setChecked(lower); }
void TrainVocabularyDialog::setStripAccents(bool strip) { strip_accents_->setChecked(strip); }
void TrainVocabularyDialog::setOutputDir(const QString& dir) {
    output_chosen_ = true;
    output_dir_->setText(dir);
}

void TrainVocabularyDialog::suggestOutputDirIn(const QString& parent_dir) {
    suggestion_parent_ = parent_dir;
    suggestOutputDir();
}

void TrainVocabularyDialog::suggestOutputDir() {
    if (suggestion_parent_.isEmpty() || output_chosen_) return;
    QString name = QStringLiteral("vocabulary");
    if (learnsFromDataset()) name = QString::fromStdString(chosenDataset()->name);
    else if (corpus_->count() > 0) name = QFileInfo(corpus_->item(0)->text()).completeBaseName();
    const QDir parent(suggestion_parent_);
    QString dir = parent.filePath(name);
    for (int n = 2; QFileInfo::exists(dir); ++n) dir = parent.filePath(QStringLiteral("%1-%2").arg(name).arg(n));
    output_dir_->setText(dir);
}

text::WordPieceTrainerOptions TrainVocabularyDialog::trainerOptions() const {
    text::WordPieceTrainerOptions options;
    options.vocab_size = static_cast<size_t>(vocab_size_->value());
    options.min_frequency = static_cast<uint64_t>(min_frequency_->value());
    options.limit_alphabet = static_cast<size_t>(limit_alphabet_->value());
    options.lowercase = lower_case_->isChecked();
    // Written as BERT writes it: no setting of its own when it follows lower-casing.
    if (strip_accents_->isChecked() != lower_case_->isChecked()) options.strip_accents = strip_accents_->isChecked();
    options.special_tokens.clear();
    for (const QString& token : special_tokens_->text().split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts))
        options.special_tokens.push_back(token.toStdString());
    return options;
}

bool TrainVocabularyDialog::isTraining() const { return job_->isRunning(); }

QString TrainVocabularyDialog::message() const { return message_label_->text(); }

void TrainVocabularyDialog::chooseCorpusFiles() {
    const QStringList paths = FileDialog::getOpenFileNames(this, tr("Text to learn from"), QString(),
                                                            tr("Text files (*.txt *.text *.raw *.tokens);;All files (*)"));
    addCorpusFiles(paths);
}

void TrainVocabularyDialog::chooseOutputDir() {
    const QString dir = FileDialog::getExistingDirectory(this, tr("Save the tokenizer in"), output_dir_->text());
    if (!dir.isEmpty()) setOutputDir(dir);
}

QString TrainVocabularyDialog::checkChoices() const {
    if (dataset_radio_->isChecked()) {
        if (!chosenDataset() || split_combo_->currentIndex() < 0) return tr("Choose the dataset to learn from.");
    } else if (corpus_->count() == 0) {
        return tr("Add the text files to learn from.");
    }
    const QString dir = output_dir_->text().trimmed();
    if (dir.isEmpty()) return tr("Choose a folder for the tokenizer files.");
    if (QFileInfo::exists(QDir(dir).filePath(QStringLiteral("config.json"))))
        return tr("%1 holds a model (config.json): a new vocabulary would no longer match its weights. "
                  "Choose another folder.").arg(dir);
    return {};
}

void TrainVocabularyDialog::updateButtons() {
    const bool training = job_->isRunning();
    const bool files = files_radio_->isChecked();
    corpus_->setEnabled(files);
    add_button_->setEnabled(!training && files);
    remove_button_->setEnabled(!training && files && !corpus_->selectedItems().isEmpty());
    const QString problem = checkChoices();
    train_button_->setEnabled(!training && problem.isEmpty());
    if (!training) showMessage(problem, false);
}

void TrainVocabularyDialog::startTraining() {
    if (job_->isRunning() || !checkChoices().isEmpty()) return;
    const QString output_dir = output_dir_->text().trimmed();
    // An earlier vocabulary there is written over whole: ask first (one walk lost a German vocabulary
    // to a French one this way).
    for (const char* file : {"vocab.txt", "tokenizer.json"}) {
        if (!QFileInfo::exists(QDir(output_dir).filePath(QLatin1String(file)))) continue;
        if (!askYesNo(this, tr("Replace vocabulary?"),
                      tr("%1 already holds a tokenizer (%2). Training writes a new one over it. Replace it?")
                          .arg(QDir::toNativeSeparators(output_dir), QLatin1String(file))))
            return;
        break;
    }
    progress_bar_->setValue(0);
    const bool started = learnsFromDataset()
                             ? job_->startOnDataset(store_path_, *chosenDataset(), split_combo_->currentData().toString(),
                                                    trainerOptions(), output_dir)
                             : job_->start(corpusFiles(), trainerOptions(), output_dir);
    if (!started) return;
    setTraining(true);
    showMessage(tr("Reading the text…"), false);
}

void TrainVocabularyDialog::reject() {
    if (job_->isRunning()) {
        job_->cancel();
        showMessage(tr("Cancelling…"), false);
        return;
    }
    QDialog::reject();
}

void TrainVocabularyDialog::setTraining(bool training) {
    for (QWidget* input : findChildren<QGroupBox*>()) input->setEnabled(!training);
    output_dir_->setEnabled(!training);
    browse_button_->setEnabled(!training);
    progress_bar_->setVisible(training);
    buttons_->button(QDialogButtonBox::Close)->setText(training ? tr("Cancel") : tr("Close"));
    updateButtons();
}

void TrainVocabularyDialog::trainingSucceeded(const VocabularyTrainingSummary& summary) {
    setTraining(false);
    const QLocale locale;
    showMessage(tr("Learnt %1 tokens from %2 words (%3 MB) in %4 s; saved in %5.")
                    .arg(locale.toString(summary.vocab_size), locale.toString(summary.corpus_words),
                         locale.toString(static_cast<double>(summary.corpus_bytes) / 1e6, 'f', 1),
                         locale.toString(summary.seconds, 'f', 1), summary.output_dir),
                false);
    emit trained(summary.output_dir, vocabularyTrainingNote(summary));
    accept();
}

void TrainVocabularyDialog::showMessage(const QString& text, bool error) {
    message_label_->setText(text);
    message_label_->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());  // as the import dialog
    message_label_->setProperty("error", error);
}

}  // namespace bw::gui
