#include "widgets/playground/playground_page.h"

#include "core/analysis/bert_pipeline.h"
#include "core/store/experiment_store.h"
#include "core/train/model_origin.h"
#include "core/train/task_catalogue.h"
#include "widgets/store/store_connection.h"
#include "widgets/workbench/workspace.h"
#include "widgets/shared/error_text.h"
#include "widgets/shared/model_summary_html.h"
#include "widgets/shared/probability_chart.h"
#include "widgets/shared/wait_cursor.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTextBrowser>
#include <QTreeView>

namespace bw::gui {
namespace {

// What the loaded model's head does, as the task catalogue says (null: no head we train).
const train::TaskDefinition* taskOf(const analysis::BertPipeline* p) {
    return p ? train::firstTaskWithHead(p->summary().task) : nullptr;
}

bool predictsPerToken(const analysis::BertPipeline* p) {
    const train::TaskDefinition* task = taskOf(p);
    return task && task->predictsPerToken();
}

QStringList labelNames(const nlohmann::json& config, size_t count) {
    QStringList names;
    const auto it = config.find("id2label");
    for (size_t i = 0; i < count; ++i) {
        const std::string key = std::to_string(i);
        if (it != config.end() && it->is_object() && it->contains(key) && (*it)[key].is_string())
            names << QString::fromStdString((*it)[key].get<std::string>());
        else
            names << QStringLiteral("LABEL_%1").arg(i);
    }
    return names;
}

QString percent(float p) { return QStringLiteral("%1%").arg(100.0 * p, 0, 'f', 1); }

QTreeView* makeResultView(QStandardItemModel* model) {
    auto* view = new QTreeView;
    view->setModel(model);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->header()->setStretchLastSection(false);
    view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return view;
}

}  // namespace

PlaygroundPage::PlaygroundPage(Workspace& workspace, QWidget* parent)
    : ModelPage(workspace, parent), store_(std::make_unique<StoreConnection>()) {
    connect(&workspace, &Workspace::textOnPageRequested, this,
            [this](const QString& page, const QString& text, const QString& text_pair) {
                if (page == QLatin1String("playground")) classify(text, text_pair);  // again when the model loads
            });
    summary_ = new QTextBrowser;
    summary_->setOpenLinks(false);
    auto* summary_box = new QGroupBox(tr("Model"));
    auto* summary_layout = new QVBoxLayout(summary_box);
    summary_layout->addWidget(summary_);

    no_head_ = new QLabel(tr("This model has no classification or masked-LM head, so there is nothing to try "
                             "here yet: fine-tune it on the Train page."));
    no_head_->setWordWrap(true);
    no_head_->setAlignment(Qt::AlignCenter);

    auto* right = new QWidget;
    auto* right_layout = new QVBoxLayout(right);
    right_layout->setContentsMargins(0, 0, 0, 0);
    right_layout->addWidget(buildClassifyBox(), 1);
    right_layout->addWidget(buildFillMaskBox(), 1);
    right_layout->addWidget(no_head_, 1);

    auto* content = new QSplitter(Qt::Horizontal);
    content->addWidget(summary_box);
    content->addWidget(right);
    content->setStretchFactor(0, 2);
    content->setStretchFactor(1, 3);
    content->setSizes({450, 750});
    setContent(content);
    // Another workspace knows other runs: the model may be one of its pair models, or no longer.
    connect(&workspace, &Workspace::storeChanged, this, [this] {
        pair_run_ = pipeline_ && canClassify() ? pairRunOf(*pipeline_) : QString();
        updatePairWarning();
    });
}

PlaygroundPage::~PlaygroundPage() = default;

QGroupBox* PlaygroundPage::buildClassifyBox() {
    classify_box_ = new QGroupBox(tr("Classify"));
    text_ = new QPlainTextEdit(tr("A charming and often affecting journey."));
    text_->setTabChangesFocus(true);
    text_->setMaximumHeight(text_->fontMetrics().lineSpacing() * 3 + 12);
    pair_ = new QLineEdit;
    pair_->setPlaceholderText(tr("Optional: a second sentence, for sentence-pair models"));
    classify_button_ = new QPushButton(tr("Classify"));
    QPushButton* run = classify_button_;
    connect(run, &QPushButton::clicked, this, &PlaygroundPage::runClassification);
    connect(pair_, &QLineEdit::returnPressed, this, &PlaygroundPage::runClassification);
    connect(pair_, &QLineEdit::textChanged, this, &PlaygroundPage::updatePairWarning);
    pair_warning_ = new QLabel;
    pair_warning_->setObjectName("pairWarning");
    pair_warning_->setWordWrap(true);
    pair_warning_->setStyleSheet(QStringLiteral("color: #b00020;"));  // the other pages' problem colour
    pair_warning_->hide();
    prediction_ = new QLabel;
    prediction_->setWordWrap(true);
    prediction_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    truncation_note_ = new QLabel;
    truncation_note_->setObjectName("truncationNote");
    truncation_note_->setWordWrap(true);
    truncation_note_->hide();
    chart_ = new ProbabilityChart;
    token_model_ = new QStandardItemModel(this);
    token_labels_ = makeResultView(token_model_);
    token_labels_->setRootIsDecorated(false);

    auto* inputs = new QHBoxLayout;
    inputs->addWidget(pair_, 1);
    inputs->addWidget(run);
    auto* layout = new QVBoxLayout(classify_box_);
    layout->addWidget(text_);
    layout->addLayout(inputs);
    layout->addWidget(pair_warning_);
    layout->addWidget(prediction_);
    layout->addWidget(truncation_note_);
    layout->addWidget(chart_);
    layout->addWidget(token_labels_, 1);
    layout->addStretch(0);
    return classify_box_;
}

QGroupBox* PlaygroundPage::buildFillMaskBox() {
    mask_box_ = new QGroupBox(tr("Fill in the blank"));
    mask_text_ = new QLineEdit;
    top_k_ = new QSpinBox;
    top_k_->setRange(1, 50);
    top_k_->setValue(5);
    top_k_->setPrefix(tr("top "));
    auto* run = new QPushButton(tr("Fill"));
    connect(run, &QPushButton::clicked, this, &PlaygroundPage::runFillMask);
    connect(mask_text_, &QLineEdit::returnPressed, this, &PlaygroundPage::runFillMask);
    mask_problem_ = new QLabel;
    mask_problem_->setWordWrap(true);
    mask_problem_->hide();
    mask_results_ = new QStandardItemModel(this);
    mask_view_ = makeResultView(mask_results_);

    auto* inputs = new QHBoxLayout;
    inputs->addWidget(mask_text_, 1);
    inputs->addWidget(top_k_);
    inputs->addWidget(run);
    auto* layout = new QVBoxLayout(mask_box_);
    layout->addLayout(inputs);
    layout->addWidget(mask_problem_);
    layout->addWidget(mask_view_, 1);
    return mask_box_;
}

bool PlaygroundPage::canClassify() const {
    const train::TaskDefinition* task = taskOf(pipeline_.get());
    return task && (task->isClassification() || task->predictsPerToken());
}

bool PlaygroundPage::canFillMask() const {
    const train::TaskDefinition* task = taskOf(pipeline_.get());
    return task && task->isLanguageModelling();
}

QString PlaygroundPage::predictionText() const { return prediction_->text(); }
QString PlaygroundPage::summaryText() const { return summary_->toPlainText(); }

void PlaygroundPage::modelLoaded(const std::shared_ptr<const analysis::BertPipeline>& pipeline) {
    pipeline_ = pipeline;
    summary_->setHtml(pipeline ? modelSummaryHtml(pipeline->summary()) : QString());
    classify_box_->setVisible(canClassify());
    mask_box_->setVisible(canFillMask());
    no_head_->setVisible(pipeline && !canClassify() && !canFillMask());
    const bool per_token = predictsPerToken(pipeline.get());
    // A tagger labels words, it does not classify the text.
    classify_box_->setTitle(per_token ? tr("Tag each token") : tr("Classify"));
    classify_button_->setText(per_token ? tr("Tag") : tr("Classify"));
    chart_->setVisible(!per_token);
    token_labels_->setVisible(per_token);
    chart_->clearProbabilities();
    prediction_->clear();
    showTruncation(false, 0);
    token_model_->clear();
    mask_results_->clear();
    pair_run_ = pipeline && canClassify() ? pairRunOf(*pipeline) : QString();
    pair_->setPlaceholderText(readsPairs() ? tr("The second sentence: this model reads pairs")
                                           : tr("Optional: a second sentence, for sentence-pair models"));
    updatePairWarning();
    if (canClassify()) runClassification();
    if (canFillMask()) {
        const QString mask = QString::fromStdString(pipeline->tokenizer().options().mask_token);
        if (!mask_text_->text().contains(mask)) mask_text_->setText(tr("The cat sat on the %1.").arg(mask));
        runFillMask();
    }
}

// The run of the workspace that made the model (a checkpoint or an export of it), when it trained
// on pairs: config.json alone cannot tell a classifier of pairs from one of single texts.
QString PlaygroundPage::pairRunOf(const analysis::BertPipeline& pipeline) {
    store::ExperimentStore* store = store_->open(workspace().storePath());
    if (!store) return {};
    try {
        const auto run = train::runThatMadeModel(*store, pipeline.summary().directory);
        if (run && train::taskOfRun(*store, *run).input == train::TaskInput::TextPair)
            return tr("#%1 “%2”").arg(run->id).arg(QString::fromStdString(run->name));
    } catch (const std::exception&) {
        // A store that cannot be read tells nothing about the model: no warning.
    }
    return {};
}

QString PlaygroundPage::pairWarning() const { return pair_warning_->isHidden() ? QString() : pair_warning_->text(); }

void PlaygroundPage::updatePairWarning() {
    const bool missing = readsPairs() && pair_->text().trimmed().isEmpty();
    pair_warning_->setText(missing ? tr("Run %1 trained this model on sentence pairs: with one sentence only, "
                                        "its prediction means little. Give the second sentence.")
                                         .arg(pair_run_)
                                   : QString());
    pair_warning_->setVisible(missing);
}

void PlaygroundPage::classify(const QString& text, const QString& text_pair) {
    text_->setPlainText(text);
    pair_->setText(text_pair);
    runClassification();
}

void PlaygroundPage::fillMask(const QString& text, int top_k) {
    mask_text_->setText(text);
    top_k_->setValue(top_k);
    runFillMask();
}

void PlaygroundPage::runClassification() {
    if (!canClassify()) return;
    if (text_->toPlainText().trimmed().isEmpty()) {
        // The model would answer for [CLS] [SEP] alone, as if that were a text.
        prediction_->setText(tr("Type a text first: an empty one is [CLS] [SEP] alone, which the model would "
                                "answer all the same."));
        showTruncation(false, 0);
        chart_->clearProbabilities();
        token_model_->clear();
        return;
    }
    text::TextInput input{text_->toPlainText().toStdString(), std::nullopt};
    if (!pair_->text().isEmpty()) input.text_pair = pair_->text().toStdString();
    analysis::Prediction p;
    try {
        const WaitCursor busy;
        p = pipeline_->predict({input}).at(0);
    } catch (const std::exception& e) {
        prediction_->setText(tr("The model could not run: %1").arg(errorText(e)));
        showTruncation(false, 0);
        chart_->clearProbabilities();
        return;
    }
    showTruncation(p.encoding.truncated, p.encoding.size());
    const nlohmann::json& config = pipeline_->summary().config;
    if (p.probabilities.empty()) {  // regression: one score per output, no probabilities
        QStringList values;
        for (float v : p.logits.values) values << QString::number(v, 'g', 5);
        prediction_->setText(tr("Predicted value: %1").arg(values.join(QStringLiteral(", "))));
        chart_->clearProbabilities();
        return;
    }
    if (predictsPerToken(pipeline_.get())) {
        const size_t labels = static_cast<size_t>(p.probabilities.shape.back());
        token_model_->clear();
        token_model_->setHorizontalHeaderLabels({tr("Token"), tr("Label"), tr("Probability")});
        for (size_t i = 0; i < p.encoding.size() && i < p.labels.size(); ++i) {
            // The text's tokens, as pipeline("ner") lists them: [CLS] and [SEP] are no words.
            if (i < p.encoding.special_tokens_mask.size() && p.encoding.special_tokens_mask[i]) continue;
            const auto row = p.probabilities.values.begin() + static_cast<std::ptrdiff_t>(i * labels);
            const float best = *std::max_element(row, row + static_cast<std::ptrdiff_t>(labels));
            token_model_->appendRow({new QStandardItem(QString::fromStdString(p.encoding.tokens[i])),
                                     new QStandardItem(QString::fromStdString(p.labels[i])), new QStandardItem(percent(best))});
        }
        prediction_->setText(tr("One label per token:"));
        return;
    }
    const QStringList names = labelNames(config, p.probabilities.values.size());
    chart_->setProbabilities(names, p.probabilities.values);
    QStringList predicted;
    for (const std::string& label : p.labels) predicted << QString::fromStdString(label);
    prediction_->setText(predicted.isEmpty() ? tr("No label is above 50%.")
                                             : tr("Prediction: <b>%1</b>").arg(predicted.join(QStringLiteral(", ")).toHtmlEscaped()));
}

void PlaygroundPage::showTruncation(bool truncated, size_t tokens) {
    // The model's limit cuts a long text silently; the Attention page says so, and so does this one.
    const int read = static_cast<int>(tokens);
    truncation_note_->setText(truncated ? tr("The text is longer than the model reads: the prediction is of its "
                                             "first %n token(s) only.", "", read)
                                        : QString());
    truncation_note_->setVisible(truncated);
}

QVariantMap PlaygroundPage::viewState() const {
    return {{QStringLiteral("text"), text_->toPlainText()},
            {QStringLiteral("pair"), pair_->text()},
            {QStringLiteral("mask_text"), mask_text_->text()},
            {QStringLiteral("top_k"), top_k_->value()}};
}

void PlaygroundPage::restoreViewState(const QVariantMap& state) {
    text_->setPlainText(state.value(QStringLiteral("text")).toString());
    pair_->setText(state.value(QStringLiteral("pair")).toString());
    mask_text_->setText(state.value(QStringLiteral("mask_text"), mask_text_->text()).toString());
    top_k_->setValue(state.value(QStringLiteral("top_k"), top_k_->value()).toInt());
}

QString PlaygroundPage::maskNote() const { return mask_problem_->isHidden() ? QString() : mask_problem_->text(); }

QString PlaygroundPage::truncationNote() const { return truncation_note_->isHidden() ? QString() : truncation_note_->text(); }

void PlaygroundPage::runFillMask() {
    if (!canFillMask()) return;
    mask_results_->clear();
    mask_results_->setHorizontalHeaderLabels({tr("Token"), tr("Id"), tr("Probability"), tr("Text with it")});
    std::vector<analysis::MaskFill> fills;
    bool truncated = false;
    try {
        fills = pipeline_->fillMask(mask_text_->text().toStdString(), top_k_->value(), &truncated);
    } catch (const std::exception& e) {
        mask_problem_->setText(errorText(e));
        mask_problem_->show();
        return;
    }
    // A text cut to the model's limit is said here too, as under a classification.
    mask_problem_->setText(truncated ? tr("The text is longer than the model reads: the masks are filled from its "
                                          "first %n token(s) only.", "", static_cast<int>(pipeline_->summary().max_length))
                                     : QString());
    mask_problem_->setVisible(truncated);
    // Masks are counted as a reader counts them, from 1 in the text; their place among the model's
    // tokens ([CLS] is 0, the CLI's "position") is in the tooltip.
    const int masks = static_cast<int>(fills.size());
    for (int m = 0; m < masks; ++m) {
        const analysis::MaskFill& fill = fills[static_cast<size_t>(m)];
        auto* mask = new QStandardItem(masks == 1 ? tr("[MASK]") : tr("[MASK] %1 of %2").arg(m + 1).arg(masks));
        mask->setToolTip(tr("Token %1 of the model's input, counting [CLS] as 0").arg(fill.position));
        for (const analysis::MaskCandidate& c : fill.candidates) {
            auto* id = new QStandardItem(QString::number(c.id));
            id->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            auto* score = new QStandardItem(percent(c.score));
            score->setData(c.score, Qt::UserRole);
            score->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            mask->appendRow({new QStandardItem(QString::fromStdString(c.token)), id, score,
                             new QStandardItem(QString::fromStdString(c.sequence))});
        }
        mask_results_->appendRow({mask, new QStandardItem, new QStandardItem, new QStandardItem});
    }
    mask_view_->expandAll();
}

}  // namespace bw::gui
