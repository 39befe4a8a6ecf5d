#include "widgets/train/probe_view.h"

#include "widgets/shared/background_task.h"
#include "widgets/shared/error_text.h"
#include "widgets/shared/probability_chart.h"

#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QHBoxLayout>
#include <QListWidget>
#include <QVBoxLayout>

namespace bw::gui {
namespace {

// As the bars write it ("5%"): a space there let "2 %" break over two lines of the history.
QString percent(float p) { return QStringLiteral("%1%").arg(100.0 * p, 0, 'f', 0); }

}  // namespace

ProbeView::ProbeView(QWidget* parent) : QWidget(parent), task_(new BackgroundTask(this)) {
    setObjectName(QStringLiteral("probeView"));
    // A cell of the chart grid: as tall as the charts beside it.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    auto* title = new QLabel(tr("<b>Probe</b>: the model's guesses for [MASK] after each checkpoint"));
    title->setWordWrap(true);
    sentence_ = new QLineEdit(tr("The movie was [MASK], and I would watch it again."));
    sentence_->setObjectName("probeSentenceEdit");
    sentence_->setCursorPosition(0);  // the sentence's start, with its [MASK], in a narrow cell
    source_ = new QLabel;
    source_->setObjectName("probeSource");
    source_->setWordWrap(true);
    chart_ = new ProbabilityChart;
    chart_->setObjectName("probeChart");
    chart_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);  // the cell's height, not one per bar
    chart_->setMinimumHeight(100);
    history_ = new QListWidget;
    history_->setObjectName("probeHistory");
    history_->setWordWrap(true);
    history_->setMinimumHeight(40);
    history_->setToolTip(tr("The top guesses of the earlier checkpoints, newest first"));

    auto* right = new QVBoxLayout;
    right->addWidget(new QLabel(tr("Earlier checkpoints:")));
    right->addWidget(history_, 1);
    auto* results = new QHBoxLayout;
    results->addWidget(chart_, 1);
    results->addLayout(right, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(title);
    layout->addWidget(sentence_);
    layout->addWidget(source_);
    layout->addLayout(results, 1);

    // Another sentence: ask the checkpoint shown again, and start its history afresh.
    connect(sentence_, &QLineEdit::editingFinished, this, [this] {
        history_->clear();
        if (!shown_.checkpoint.isEmpty()) probe(shown_.checkpoint, shown_.step);
    });
}

QString ProbeView::sentence() const { return sentence_->text(); }

void ProbeView::setSentence(const QString& text) {
    sentence_->setText(text);
    sentence_->setCursorPosition(0);
    emit sentence_->editingFinished();
}

bool ProbeView::isLoading() const { return task_->isRunning() || waiting_.has_value(); }

void ProbeView::clear() {
    ++generation_;
    waiting_.reset();
    shown_ = {};
    pipeline_.reset();
    candidates_.clear();
    source_->clear();
    if (!chart_->labels().isEmpty()) chart_->clearProbabilities();  // a hidden, empty chart need not draw
    history_->clear();
}

void ProbeView::probe(const QString& checkpoint_dir, qint64 step) {
    waiting_ = Request{checkpoint_dir, step, generation_};
    if (!task_->isRunning()) startNext();
}

void ProbeView::startNext() {
    if (!waiting_) return;
    const Request request = *waiting_;
    waiting_.reset();
    source_->setText(tr("Loading step %1…").arg(request.step));
    // The pipeline of the checkpoint shown is reused when only the sentence changed.
    std::shared_ptr<const analysis::BertPipeline> known = request.checkpoint == shown_.checkpoint ? pipeline_ : nullptr;
    const std::string text = sentence_->text().toStdString();
    auto pipeline = std::make_shared<std::shared_ptr<const analysis::BertPipeline>>(known);
    auto fills = std::make_shared<std::vector<analysis::MaskFill>>();
    auto error = std::make_shared<QString>();
    task_->start(
        [request, text, pipeline, fills, error] {
            try {
                if (!*pipeline) *pipeline = analysis::BertPipeline::open(request.checkpoint.toStdString());
                *fills = (*pipeline)->fillMask(text, kTopK);
            } catch (const std::exception& e) {
                *error = errorText(e);
            }
        },
        [this, request, pipeline, fills, error] {
            if (request.generation == generation_) showResult(request, *pipeline, *fills, *error);
            startNext();
        });
}

void ProbeView::showResult(const Request& request, std::shared_ptr<const analysis::BertPipeline> pipeline,
                           const std::vector<analysis::MaskFill>& fills, const QString& error) {
    const QString checkpoint = QDir(request.checkpoint).dirName();
    if (!error.isEmpty()) {
        // A checkpoint pruned by save_total_limit before it was read, a sentence without [MASK]: say so, keep going.
        source_->setText(tr("%1: %2").arg(checkpoint, error));
        return;
    }
    const bool new_checkpoint = request.checkpoint != shown_.checkpoint;
    shown_ = request;
    pipeline_ = std::move(pipeline);
    candidates_ = fills.empty() ? std::vector<analysis::MaskCandidate>{} : fills.front().candidates;
    source_->setText(tr("%1 (step %2)").arg(checkpoint).arg(request.step));
    QStringList tokens;
    std::vector<float> scores;
    for (const analysis::MaskCandidate& c : candidates_) {
        tokens << QString::fromStdString(c.token);
        scores.push_back(c.score);
    }
    chart_->setProbabilities(tokens, scores);
    if (new_checkpoint && !candidates_.empty()) {
        QStringList top;
        for (size_t i = 0; i < candidates_.size() && i < 3; ++i)
            top << tokens[static_cast<int>(i)] + QLatin1Char(' ') + percent(scores[i]);
        history_->insertItem(0, tr("step %1: %2").arg(request.step).arg(top.join(QStringLiteral(", "))));
    }
    emit updated();
}

}  // namespace bw::gui
