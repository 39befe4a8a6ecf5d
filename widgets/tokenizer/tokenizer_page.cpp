#include "widgets/tokenizer/tokenizer_page.h"

#include "core/analysis/bert_pipeline.h"
#include "widgets/store/stored_datasets.h"
#include "widgets/tokenizer/token_chip.h"
#include "widgets/tokenizer/token_chip_view.h"
#include "widgets/tokenizer/token_colors.h"
#include "widgets/tokenizer/train_vocabulary_dialog.h"
#include "widgets/tokenizer/vocabulary_panel.h"
#include "widgets/workbench/workspace.h"
#include "widgets/shared/error_text.h"
#include "widgets/shared/file_dialog.h"
#include "widgets/shared/model_name.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTextBlock>
#include <QTimer>

namespace bw::gui {
namespace {

// The character under `point`, not the caret position nearest to it.
int characterAt(QPlainTextEdit* edit, const QPoint& point) {
    QTextCursor cursor = edit->cursorForPosition(point);
    const QRect caret = edit->cursorRect(cursor);
    int position = cursor.position();
    if (point.x() < caret.left() && position > cursor.block().position()) --position;
    if (position >= cursor.block().position() + cursor.block().length() - 1) return -1;  // past the line's end
    return position;
}

QPlainTextEdit* makeTextEdit(const QString& placeholder, int lines, QWidget* parent) {
    auto* edit = new QPlainTextEdit(parent);
    edit->setPlaceholderText(placeholder);
    edit->setTabChangesFocus(true);
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * lines + 2 * edit->frameWidth() +
                         static_cast<int>(edit->document()->documentMargin() * 2) + 2);
    edit->viewport()->setMouseTracking(true);
    return edit;
}

QWidget* legendEntry(const ChipToken& token, const QString& meaning, QWidget* parent) {
    auto* box = new QWidget(parent);
    auto* layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new TokenChip(token, box));
    layout->addWidget(new QLabel(meaning, box));
    return box;
}

}  // namespace

TokenizerPage::TokenizerPage(Workspace& workspace, QWidget* parent) : ModelPage(workspace, parent) {
    train_action_ = new QAction(tr("Train a vocabulary…"), this);
    train_action_->setToolTip(tr("Learn a WordPiece vocabulary from your own text files or a dataset of the workspace"));
    connect(train_action_, &QAction::triggered, this, [this] { openTrainVocabularyDialog(); });
    addMessageAction(train_action_);  // reachable without a model too
    // A vocabulary trained earlier (here, in the wizard or with train-tokenizer), or any tokenizer folder.
    open_action_ = new QAction(tr("Open a vocabulary…"), this);
    open_action_->setToolTip(tr("Look at a tokenizer folder (vocab.txt, tokenizer.json) instead of the model's tokenizer"));
    connect(open_action_, &QAction::triggered, this, [this] {
        const QString dir = FileDialog::getExistingDirectory(this, tr("Open a vocabulary"), trained_dir_);
        if (!dir.isEmpty()) showTokenizerDirectory(dir);
    });
    addMessageAction(open_action_);

    debounce_ = new QTimer(this);
    debounce_->setSingleShot(true);
    debounce_->setInterval(150);  // retokenize once typing pauses
    connect(debounce_, &QTimer::timeout, this, &TokenizerPage::retokenize);

    auto* content = new QSplitter(Qt::Horizontal);
    auto* left = new QWidget;
    auto* left_layout = new QVBoxLayout(left);
    left_layout->setContentsMargins(0, 0, 0, 0);
    left_layout->addWidget(buildInputs());

    chips_ = new TokenChipView;
    auto* scroll = new QScrollArea;
    scroll->setWidget(chips_);
    scroll->setWidgetResizable(true);
    scroll->setBackgroundRole(QPalette::Base);
    auto* tokens_box = new QGroupBox(tr("Tokens"));
    auto* tokens_layout = new QVBoxLayout(tokens_box);
    tokens_layout->addWidget(scroll, 1);
    tokens_layout->addWidget(buildLegend());
    left_layout->addWidget(tokens_box, 1);
    connect(chips_, &TokenChipView::tokenHovered, this, &TokenizerPage::highlightToken);

    auto* vocab_box = new QGroupBox(tr("Vocabulary"));
    auto* vocab_layout = new QVBoxLayout(vocab_box);
    vocabulary_ = new VocabularyPanel;
    vocab_layout->addWidget(vocabulary_);

    content->addWidget(left);
    content->addWidget(vocab_box);
    content->setStretchFactor(0, 3);
    content->setStretchFactor(1, 1);
    content->setSizes({900, 300});
    auto* page = new QWidget;
    auto* page_layout = new QVBoxLayout(page);
    page_layout->setContentsMargins(0, 0, 0, 0);
    page_layout->addWidget(buildSourceBar());
    training_note_ = new QLabel(page);
    training_note_->setObjectName(QStringLiteral("trainingNote"));
    training_note_->setWordWrap(true);
    training_note_->hide();
    page_layout->addWidget(training_note_);
    page_layout->addWidget(content, 1);
    setContent(page);
}

// Which tokenizer the page shows, and the ways to change it.
QWidget* TokenizerPage::buildSourceBar() {
    auto* bar = new QWidget;
    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    source_ = new QLabel(bar);
    source_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    use_model_ = new QPushButton(tr("Use the model's tokenizer"), bar);
    use_model_->setVisible(false);
    connect(use_model_, &QPushButton::clicked, this, &TokenizerPage::showModelTokenizer);
    layout->addWidget(source_, 1);
    layout->addWidget(use_model_);
    for (QAction* action : {open_action_, train_action_}) {
        auto* button = new QPushButton(action->text(), bar);
        button->setToolTip(action->toolTip());
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        layout->addWidget(button);
    }
    return bar;
}

QWidget* TokenizerPage::buildInputs() {
    auto* box = new QWidget;
    auto* form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    text_ = makeTextEdit(tr("Type a sentence"), 3, box);
    text_->setPlainText(tr("Bertwork splits unfamiliar words like “tokenization” into WordPiece units."));
    pair_ = makeTextEdit(tr("Optional: a second sentence, for sentence-pair tasks"), 2, box);
    for (QPlainTextEdit* edit : {text_, pair_}) {
        edit->viewport()->installEventFilter(this);
        connect(edit, &QPlainTextEdit::textChanged, debounce_, qOverload<>(&QTimer::start));
    }

    max_length_ = new QSpinBox(box);
    max_length_->setRange(2, 512);
    max_length_->setToolTip(tr("Longer inputs are truncated to this many tokens, [CLS] and [SEP] included"));
    truncation_ = new QComboBox(box);
    truncation_->addItem(tr("Longest first"), static_cast<int>(text::Truncation::LongestFirst));
    truncation_->addItem(tr("Only the first text"), static_cast<int>(text::Truncation::OnlyFirst));
    truncation_->addItem(tr("Only the second text"), static_cast<int>(text::Truncation::OnlySecond));
    note_ = new QLabel(box);
    connect(max_length_, &QSpinBox::valueChanged, this, &TokenizerPage::retokenize);
    connect(truncation_, &QComboBox::currentIndexChanged, this, &TokenizerPage::retokenize);

    auto* limits = new QHBoxLayout;
    limits->addWidget(max_length_);
    limits->addSpacing(12);
    limits->addWidget(new QLabel(tr("Truncation:"), box));
    limits->addWidget(truncation_);
    limits->addSpacing(12);
    limits->addWidget(note_, 1);

    form->addRow(tr("Text:"), text_);
    form->addRow(tr("Second text:"), pair_);
    form->addRow(tr("Max length:"), limits);
    return box;
}

QWidget* TokenizerPage::buildLegend() {
    auto* legend = new QWidget;
    auto* layout = new QHBoxLayout(legend);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(16);
    const auto entry = [&](const QString& text, int type_id, ChipToken::Kind kind, const QString& meaning) {
        ChipToken token;
        token.text = text;
        token.type_id = type_id;
        token.kind = kind;
        layout->addWidget(legendEntry(token, meaning, legend));
    };
    entry(QStringLiteral("play"), 0, ChipToken::Kind::Piece, tr("first text"));
    entry(QStringLiteral("##ing"), 1, ChipToken::Kind::Piece, tr("second text"));
    entry(QStringLiteral("[CLS]"), 0, ChipToken::Kind::Special, tr("added by the tokenizer"));
    entry(QStringLiteral("[UNK]"), 0, ChipToken::Kind::Unknown, tr("unknown"));
    auto* hint = new QLabel(tr("Each chip shows its id · type id. A line joins the pieces of one word."));
    hint->setForegroundRole(QPalette::PlaceholderText);
    hint->setWordWrap(true);
    layout->addWidget(hint, 1);
    return legend;
}

QPlainTextEdit* TokenizerPage::textEdit(int sequence) const { return sequence == 0 ? text_ : pair_; }

QString TokenizerPage::truncationNote() const { return note_->text(); }

void TokenizerPage::setTexts(const QString& text, const QString& text_pair) {
    text_->setPlainText(text);
    pair_->setPlainText(text_pair);
    debounce_->stop();
    retokenize();
}

QVariantMap TokenizerPage::viewState() const {
    return {{QStringLiteral("text"), text_->toPlainText()},
            {QStringLiteral("pair"), pair_->toPlainText()},
            {QStringLiteral("max_length"), max_length_->value()}};
}

void TokenizerPage::restoreViewState(const QVariantMap& state) {
    setMaxLength(state.value(QStringLiteral("max_length"), max_length_->value()).toInt());
    setTexts(state.value(QStringLiteral("text")).toString(), state.value(QStringLiteral("pair")).toString());
}

void TokenizerPage::setMaxLength(int tokens) { max_length_->setValue(tokens); }

void TokenizerPage::modelLoaded(const std::shared_ptr<const analysis::BertPipeline>& pipeline) {
    pipeline_ = pipeline;
    if (pipeline) {  // a model (re)loaded: its tokenizer, which the other pages use too
        trained_dir_.clear();
        // Shares the pipeline's ownership: the tokenizer lives as long as the pipeline.
        useTokenizer(std::shared_ptr<const text::BertTokenizer>(pipeline, &pipeline->tokenizer()),
                     pipeline->summary().max_length);
    } else if (!trained_dir_.isEmpty()) {  // no model, but a trained vocabulary to look at
        showContent();
        updateSource();
    } else {
        useTokenizer(nullptr, 512);
    }
}

TrainVocabularyDialog* TokenizerPage::openTrainVocabularyDialog() {
    auto* dialog = new TrainVocabularyDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString store_path = workspace().storePath();
    dialog->setDatasets(store_path, storedDatasets(store_path));
    if (!store_path.isEmpty())
        dialog->suggestOutputDirIn(QFileInfo(store_path).absoluteDir().filePath(QStringLiteral("tokenizers")));
    connect(dialog, &TrainVocabularyDialog::trained, this, &TokenizerPage::showTokenizerDirectory);
    dialog->open();
    return dialog;
}

bool TokenizerPage::showTokenizerDirectory(const QString& dir, const QString& note) {
    try {
        auto tokenizer = std::make_shared<const text::BertTokenizer>(text::BertTokenizer::fromDirectory(dir.toStdString()));
        const int max_length = static_cast<int>(std::min<int64_t>(tokenizer->options().model_max_length, 512));
        trained_dir_ = dir;
        source_error_.clear();
        training_note_->setText(note);
        showContent();
        useTokenizer(std::move(tokenizer), max_length);
        return true;
    } catch (const std::exception& e) {
        source_error_ = tr("Could not load the tokenizer in %1: %2").arg(dir, errorText(e));
        updateSource();
        return false;
    }
}

QString TokenizerPage::trainingNote() const { return training_note_->isHidden() ? QString() : training_note_->text(); }

void TokenizerPage::showModelTokenizer() {
    trained_dir_.clear();
    training_note_->clear();
    source_error_.clear();
    if (pipeline_) modelLoaded(pipeline_);
    else useTokenizer(nullptr, 512);
}

void TokenizerPage::useTokenizer(std::shared_ptr<const text::BertTokenizer> tokenizer, int max_length) {
    tokenizer_ = std::move(tokenizer);
    const auto& options = tokenizer_ ? tokenizer_->options() : text::TokenizerOptions{};
    vocabulary_->setVocabulary(tokenizer_ ? &tokenizer_->vocab() : nullptr,
                               options.strip_accents.value_or(options.do_lower_case));
    {
        const QSignalBlocker block(max_length_);
        max_length_->setMaximum(max_length);
        max_length_->setValue(max_length);
    }
    updateSource();
    retokenize();
}

QString TokenizerPage::tokenizerSource() const { return source_->text(); }

void TokenizerPage::updateSource() {
    const QLocale locale;
    const QString size = tokenizer_ ? locale.toString(static_cast<qulonglong>(tokenizer_->vocab().size())) : QString();
    QString text;
    if (!source_error_.isEmpty()) text = source_error_;
    else if (!tokenizer_) text = tr("No tokenizer: open a model or train a vocabulary.");
    else if (!trained_dir_.isEmpty()) text = tr("Trained vocabulary in %1 · %2 tokens").arg(trained_dir_, size);
    else text = tr("The model's tokenizer (%1) · %2 tokens").arg(modelName(workspace().modelDir()), size);  // a checkpoint with its run
    source_->setText(text);
    source_->setToolTip(trained_dir_.isEmpty() ? workspace().modelDir() : trained_dir_);
    training_note_->setVisible(!trained_dir_.isEmpty() && !training_note_->text().isEmpty() && source_error_.isEmpty());
    use_model_->setVisible(!trained_dir_.isEmpty() && pipeline_ != nullptr);
}

void TokenizerPage::retokenize() {
    encoding_ = {};
    if (tokenizer_) {
        const text::BertTokenizer& tokenizer = *tokenizer_;
        const std::string text = text_->toPlainText().toStdString();
        const std::string pair = pair_->toPlainText().toStdString();
        const bool has_pair = !pair_->toPlainText().isEmpty();
        text::EncodeOptions options;
        const text::Encoding full = has_pair ? tokenizer.encodePair(text, pair, options) : tokenizer.encode(text, options);
        options.max_length = max_length_->value();
        options.truncation = static_cast<text::Truncation>(truncation_->currentData().toInt());
        try {
            encoding_ = has_pair ? tokenizer.encodePair(text, pair, options) : tokenizer.encode(text, options);
            note_->setText(encoding_.truncated ? tr("Truncated: %1 of %2 tokens kept.").arg(encoding_.size()).arg(full.size())
                                               : tr("%n token(s), nothing truncated.", nullptr, static_cast<int>(full.size())));
        } catch (const std::exception& e) {  // e.g. OnlySecond without a second text
            encoding_ = full;
            note_->setText(tr("Not truncated: %1").arg(errorText(e)));
        }
        QFont font = note_->font();
        font.setBold(encoding_.truncated);  // truncation changes what the model sees: make it stand out
        note_->setFont(font);
    }
    const QString text = text_->toPlainText(), pair = pair_->toPlainText();
    map_ = TokenTextMap(encoding_, text, pair);
    QStringList originals;
    for (int i = 0; i < static_cast<int>(encoding_.size()); ++i) {
        const TextRange r = map_.rangeOf(i);
        originals << (r.isEmpty() ? QString() : (r.sequence == 0 ? text : pair).mid(r.start, r.end - r.start));
    }
    chips_->setEncoding(encoding_, tokenizer_ ? tokenizer_->unkId() : -1, originals);
    highlightToken(-1);
}

void TokenizerPage::highlightToken(int index) {
    chips_->setHighlighted(index);
    const TextRange range = map_.rangeOf(index);
    for (int sequence : {0, 1}) {
        QList<QTextEdit::ExtraSelection> selections;
        if (!range.isEmpty() && range.sequence == sequence) {
            QTextEdit::ExtraSelection selection;
            selection.cursor = QTextCursor(textEdit(sequence)->document());
            selection.cursor.setPosition(range.start);
            selection.cursor.setPosition(range.end, QTextCursor::KeepAnchor);
            selection.format.setBackground(palette().color(QPalette::Highlight));
            selection.format.setForeground(palette().color(QPalette::HighlightedText));
            selections << selection;
        }
        textEdit(sequence)->setExtraSelections(selections);
    }
}

void TokenizerPage::highlightTextPosition(int sequence, int position) {
    highlightToken(position < 0 ? -1 : map_.tokenAt(sequence, position));
}

bool TokenizerPage::eventFilter(QObject* watched, QEvent* event) {
    for (int sequence : {0, 1}) {
        if (watched != textEdit(sequence)->viewport()) continue;
        if (event->type() == QEvent::MouseMove)
            highlightTextPosition(sequence, characterAt(textEdit(sequence), static_cast<QMouseEvent*>(event)->pos()));
        else if (event->type() == QEvent::Leave)
            highlightToken(-1);
    }
    return ModelPage::eventFilter(watched, event);
}

}  // namespace bw::gui
