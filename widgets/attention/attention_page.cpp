#include "widgets/attention/attention_page.h"

#include "core/analysis/bert_pipeline.h"
#include "widgets/attention/attention_heatmap.h"
#include "widgets/attention/head_grid.h"
#include "widgets/shared/error_text.h"
#include "widgets/shared/model_picker_dialog.h"
#include "widgets/shared/model_name.h"
#include "widgets/shared/plot_export.h"
#include "widgets/shared/wait_cursor.h"
#include "widgets/workbench/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>

namespace bw::gui {
namespace {

struct Run {
    AttentionStack stack;
    QStringList tokens;
    std::vector<bool> special;
    std::vector<int> segments;  // token type ids: 0 for [CLS] A [SEP], 1 for B [SEP]
    bool truncated = false;
};

Run runModel(const analysis::BertPipeline& pipeline, const QString& text, const QString& pair) {
    text::TextInput input{text.toStdString(), std::nullopt};
    if (!pair.isEmpty()) input.text_pair = pair.toStdString();
    analysis::PredictOptions options;
    options.output_attentions = true;
    analysis::Prediction p = pipeline.predict({input}, options).at(0);
    Run run{AttentionStack(p.attentions.shape, std::move(p.attentions.values)), {}, {}, {}, p.encoding.truncated};
    for (size_t i = 0; i < p.encoding.size(); ++i) {
        run.tokens << QString::fromStdString(p.encoding.tokens[i]);
        run.special.push_back(p.encoding.special_tokens_mask[i] != 0);
        run.segments.push_back(p.encoding.type_ids[i]);
    }
    return run;
}

// The entries of a per-token list (tokens, type ids) for the tokens shown.
template <typename List>
List kept(const List& values, const std::vector<bool>& keep) {
    List out;
    for (size_t i = 0; i < static_cast<size_t>(values.size()) && i < keep.size(); ++i)
        if (keep[i]) out.push_back(values[static_cast<qsizetype>(i)]);
    return out;
}

}  // namespace

AttentionPage::AttentionPage(Workspace& workspace, QWidget* parent) : ModelPage(workspace, parent) {
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildControls());
    connect(&workspace, &Workspace::textOnPageRequested, this,
            [this](const QString& page, const QString& text, const QString& text_pair) {
                if (page == QLatin1String("attention")) setInputs(text, text_pair);  // again when the model loads
            });
    problem_ = new QLabel;
    problem_->setWordWrap(true);
    problem_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    problem_->hide();
    layout->addWidget(problem_);
    note_ = new QLabel;
    note_->setObjectName("truncationNote");
    note_->setWordWrap(true);
    note_->hide();
    layout->addWidget(note_);

    heatmap_ = new AttentionHeatmap;
    heatmap_->setMinimumSize(360, 320);
    grid_ = new HeadGrid;
    heads_scroll_ = new QScrollArea;
    heads_scroll_->setWidget(grid_);
    heads_scroll_->setWidgetResizable(true);
    heads_scroll_->setFrameShape(QFrame::NoFrame);
    auto* heads = new QGroupBox(tr("All heads (click to enlarge)"));
    auto* heads_layout = new QVBoxLayout(heads);
    heads_layout->addWidget(heads_scroll_);
    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(heatmap_);
    splitter->addWidget(heads);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);
    connect(grid_, &HeadGrid::headClicked, this, [this](int layer, int head) {
        setView({AttentionMode::Head, layer, head});
    });
    setContent(content);
}

QWidget* AttentionPage::buildControls() {
    auto* box = new QWidget;
    auto* form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);

    text_ = new QLineEdit(tr("The cat sat on the mat because it was tired."));
    pair_ = new QLineEdit;
    pair_->setPlaceholderText(tr("Optional: a second sentence"));
    auto* show = new QPushButton(tr("Show Attention"));
    show->setDefault(true);
    for (QLineEdit* edit : {text_, pair_}) connect(edit, &QLineEdit::returnPressed, this, &AttentionPage::run);
    connect(show, &QPushButton::clicked, this, &AttentionPage::run);
    auto* inputs = new QHBoxLayout;
    inputs->addWidget(text_, 3);
    inputs->addWidget(pair_, 2);
    inputs->addWidget(show);
    form->addRow(tr("Text:"), inputs);

    mode_ = new QComboBox;
    mode_->addItem(tr("One head"), static_cast<int>(AttentionMode::Head));
    mode_->addItem(tr("Average over heads"), static_cast<int>(AttentionMode::HeadAverage));
    mode_->addItem(tr("Attention rollout"), static_cast<int>(AttentionMode::Rollout));
    mode_->setToolTip(tr("Rollout follows attention through the layers up to the chosen one, counting the "
                         "residual connections (Abnar & Zuidema, 2020)"));
    layer_ = new QSpinBox;
    layer_->setPrefix(tr("Layer "));
    head_ = new QSpinBox;
    head_->setPrefix(tr("Head "));
    for (QSpinBox* spin : {layer_, head_}) spin->setRange(1, 1);
    hide_specials_ = new QCheckBox(tr("Hide [CLS] and [SEP]"));
    hide_specials_->setToolTip(tr("Leave out the special tokens and renormalise each row to sum to 1"));
    compare_ = new QCheckBox(tr("Difference to:"));
    compare_->setEnabled(false);
    other_label_ = new QLabel(tr("no second model"));
    auto* choose = new QPushButton(tr("Model…"));
    choose->setObjectName(QStringLiteral("comparisonModelButton"));
    choose->setToolTip(tr("Choose a second model to compare with"));
    auto* save = new QPushButton(tr("Save Image…"));
    save->setObjectName("saveImageButton");
    connect(mode_, &QComboBox::currentIndexChanged, this, &AttentionPage::redraw);
    connect(layer_, &QSpinBox::valueChanged, this, &AttentionPage::redraw);
    connect(head_, &QSpinBox::valueChanged, this, &AttentionPage::redraw);
    connect(hide_specials_, &QCheckBox::toggled, this, &AttentionPage::redraw);
    connect(compare_, &QCheckBox::toggled, this, &AttentionPage::redraw);
    connect(choose, &QPushButton::clicked, this, &AttentionPage::chooseComparisonModel);
    connect(save, &QPushButton::clicked, this, &AttentionPage::saveImage);

    auto* view = new QHBoxLayout;
    view->addWidget(mode_);
    view->addWidget(layer_);
    view->addWidget(head_);
    view->addSpacing(12);
    view->addWidget(hide_specials_);
    view->addSpacing(12);
    view->addWidget(compare_);
    view->addWidget(other_label_);
    view->addWidget(choose);
    view->addStretch(1);
    view->addWidget(save);
    form->addRow(tr("Show:"), view);
    return box;
}

void AttentionPage::modelLoaded(const std::shared_ptr<const analysis::BertPipeline>& pipeline) {
    pipeline_ = pipeline;
    run();
    if (pending_view_ && pipeline_) setView(*std::exchange(pending_view_, std::nullopt));
}

QVariantMap AttentionPage::viewState() const {
    const AttentionView view = currentView();
    return {{QStringLiteral("text"), text_->text()},
            {QStringLiteral("pair"), pair_->text()},
            {QStringLiteral("mode"), static_cast<int>(view.mode)},
            {QStringLiteral("layer"), view.layer},
            {QStringLiteral("head"), view.head},
            {QStringLiteral("hide_specials"), hide_specials_->isChecked()},
            {QStringLiteral("compare_with"), compare_->isChecked() ? other_dir_ : QString()}};
}

void AttentionPage::restoreViewState(const QVariantMap& state) {
    const QSignalBlocker block(hide_specials_);
    hide_specials_->setChecked(state.value(QStringLiteral("hide_specials")).toBool());
    const QString other = state.value(QStringLiteral("compare_with")).toString();
    if (!other.isEmpty()) setComparisonModel(other);
    setInputs(state.value(QStringLiteral("text")).toString(), state.value(QStringLiteral("pair")).toString());
    const AttentionView view{static_cast<AttentionMode>(state.value(QStringLiteral("mode")).toInt()),
                             state.value(QStringLiteral("layer")).toInt(), state.value(QStringLiteral("head")).toInt()};
    if (pipeline_) setView(view);
    else pending_view_ = view;  // the layers and heads are known once the model is
}

void AttentionPage::setInputs(const QString& text, const QString& text_pair) {
    text_->setText(text);
    pair_->setText(text_pair);
    run();
}

void AttentionPage::setView(const AttentionView& view) {
    const QSignalBlocker a(mode_), b(layer_), c(head_);
    mode_->setCurrentIndex(mode_->findData(static_cast<int>(view.mode)));
    layer_->setValue(view.layer + 1);
    head_->setValue(view.head + 1);
    redraw();
}

void AttentionPage::setHideSpecialTokens(bool hide) { hide_specials_->setChecked(hide); }

void AttentionPage::setComparisonModel(const QString& dir) {
    other_.reset();
    other_dir_ = dir;
    other_label_->setText(dir.isEmpty() ? tr("no second model") : QDir(dir).dirName());
    other_label_->setToolTip(QDir::toNativeSeparators(dir));
    other_error_.clear();
    if (!dir.isEmpty()) {
        try {
            const WaitCursor busy;
            analysis::PipelineOptions options;
            options.int8 = workspace().int8Inference();  // compared in the same precision as the first model
            other_ = analysis::BertPipeline::open(dir.toStdString(), options);
        } catch (const std::exception& e) {
            other_error_ = tr("The second model could not be loaded: %1").arg(errorText(e));
        }
    }
    compare_->setEnabled(other_ != nullptr);
    const QSignalBlocker block(compare_);
    compare_->setChecked(other_ != nullptr);
    run();
}

// The window's model picker (runs' checkpoints, the bundled model, a folder), as File ▸ Choose
// Model… offers them: a bare folder dialog made the user type a checkpoint's path.
ModelPickerDialog* AttentionPage::chooseComparisonModel() {
    auto* dialog = new ModelPickerDialog(workspace().storePath(), other_dir_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Model to Compare With"));
    dialog->setChooseText(tr("Compare with this model"));
    connect(dialog, &QDialog::accepted, this, [this, dialog] { setComparisonModel(dialog->chosenDir()); });
    dialog->open();
    return dialog;
}

QString AttentionPage::problem() const { return problem_->text(); }

QString AttentionPage::note() const { return note_->text(); }

void AttentionPage::setProblem(const QString& text) {
    problem_->setText(text);
    problem_->setVisible(!text.isEmpty());
}

void AttentionPage::run() {
    stack_ = {};
    other_stack_ = {};
    run_error_.clear();
    truncated_ = false;
    if (!pipeline_) {
        redraw();
        return;
    }
    try {
        const WaitCursor busy;
        Run mine = runModel(*pipeline_, text_->text(), pair_->text());
        stack_ = std::move(mine.stack);
        tokens_ = std::move(mine.tokens);
        special_ = std::move(mine.special);
        segments_ = std::move(mine.segments);
        truncated_ = mine.truncated;
        if (other_) {
            Run theirs = runModel(*other_, text_->text(), pair_->text());
            other_stack_ = std::move(theirs.stack);
            other_tokens_ = std::move(theirs.tokens);
        }
    } catch (const std::exception& e) {
        stack_ = {};
        run_error_ = tr("The model could not run on this text: %1").arg(errorText(e));
    }

    const QSignalBlocker a(layer_), b(head_);
    layer_->setRange(1, std::max(1, stack_.layers()));
    head_->setRange(1, std::max(1, stack_.heads()));
    note_->setText(truncated_ ? tr("The text is longer than the model's limit of %n tokens: only its first %n tokens are shown.",
                                   nullptr, stack_.tokens())
                              : QString());
    note_->setVisible(truncated_);
    redraw();
}

AttentionView AttentionPage::currentView() const {
    return {static_cast<AttentionMode>(mode_->currentData().toInt()), layer_->value() - 1, head_->value() - 1};
}

void AttentionPage::redraw() {
    const AttentionView view = currentView();
    head_->setEnabled(view.mode == AttentionMode::Head);
    heatmap_->setTitle(QString());
    if (stack_.empty()) {
        grid_->clear();
        heatmap_->clearMatrix();
        setProblem(run_error_.isEmpty() ? other_error_ : run_error_);
        return;
    }
    keep_.assign(special_.size(), true);
    if (hide_specials_->isChecked())
        for (size_t i = 0; i < special_.size(); ++i) keep_[i] = !special_[i];
    grid_->setAttention(stack_, keep_);
    // Show every head of a layer side by side when they fit in a reasonable width; scroll beyond.
    const int scrollbar = heads_scroll_->verticalScrollBar()->sizeHint().width();
    heads_scroll_->setMinimumWidth(std::min(grid_->rowWidth() + scrollbar, 520));
    grid_->setSelected(view.mode == AttentionMode::Head ? view.layer : -1, view.head);

    try {
        AttentionMatrix shown = keepTokens(select(stack_, view), keep_);
        AttentionHeatmap::Scale scale = AttentionHeatmap::Scale::Weights;
        if (compare_->isChecked() && !other_stack_.empty()) {
            if (other_tokens_ != tokens_)
                throw std::invalid_argument(tr("the two models split this text into different tokens, so their attention "
                                               "cannot be compared cell by cell").toStdString());
            shown = difference(shown, keepTokens(select(other_stack_, view), keep_));
            scale = AttentionHeatmap::Scale::Difference;
        }
        heatmap_->setMatrix(shown, kept(tokens_, keep_), scale, kept(segments_, keep_));
        heatmap_->setTitle(viewTitle());
        setProblem(other_error_);
    } catch (const std::exception& e) {
        heatmap_->clearMatrix();
        setProblem(tr("Cannot show this view: %1").arg(errorText(e)));
    }
}

QString AttentionPage::viewTitle() const {
    const AttentionView view = currentView();
    QString shown = view.mode == AttentionMode::Head ? tr("Layer %1, head %2").arg(view.layer + 1).arg(view.head + 1)
                    : view.mode == AttentionMode::HeadAverage ? tr("Layer %1, average of the heads").arg(view.layer + 1)
                                                              : tr("Rollout up to layer %1").arg(view.layer + 1);
    // The rows are renormalised without them: the title says so, or 0.67 reads as the model's 0.5.
    if (hide_specials_->isChecked()) shown = tr("%1, without [CLS] and [SEP], rows rescaled to 1").arg(shown);
    const QString model = pipeline_ ? modelName(QString::fromStdString(pipeline_->summary().directory)) : QString();
    if (compare_->isChecked() && other_)
        return tr("%1 — %2 minus %3").arg(shown, model, modelName(other_dir_));
    return tr("%1 — %2").arg(shown, model);
}

void AttentionPage::saveImage() {
    const AttentionView view = currentView();
    const QString name = view.mode == AttentionMode::Head
                             ? QStringLiteral("attention-layer%1-head%2.png").arg(view.layer + 1).arg(view.head + 1)
                         : view.mode == AttentionMode::HeadAverage ? QStringLiteral("attention-layer%1-average.png").arg(view.layer + 1)
                                                                   : QStringLiteral("attention-layer%1-rollout.png").arg(view.layer + 1);
    savePlotInteractively(*heatmap_, name, this);
}

}  // namespace bw::gui
