#include "widgets/train/run_view.h"

#include "widgets/shared/elided_label.h"
#include "widgets/train/probe_view.h"
#include "widgets/train/problem_label.h"
#include "widgets/train/run_progress_row.h"
#include "widgets/train/training_charts.h"

#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace bw::gui {
namespace {

enum BodyPage { EmptyState, Charts };

}  // namespace

RunView::RunView(QWidget* parent)
    : QWidget(parent), status_(new ElidedLabel), progress_(new RunProgressRow), problem_(new ProblemLabel),
      body_(new QStackedWidget), charts_(new TrainingCharts) {
    status_->setObjectName("runStatusLabel");  // "Run #3 completed: … metrics" must not widen the window
    probe_ = new ProbeView(charts_);
    auto* empty =
        new QLabel(tr("<h3>No run to show yet</h3><p>Start one with <b>New training run…</b>: choose a model, a "
                      "task and a dataset, and its curves draw here while it trains.</p><p>Runs started before "
                      "(here or with bertwork-cli) are in the run list above.</p>"));
    empty->setObjectName("emptyState");
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    body_->insertWidget(EmptyState, empty);
    body_->insertWidget(Charts, charts_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(progress_);
    layout->addWidget(problem_);
    layout->addWidget(body_, 1);
    showProbe(false);
}

void RunView::setStatus(const QString& text) { status_->setFullText(text); }

void RunView::setProblem(const QString& text) { problem_->setProblem(text); }

QString RunView::problem() const { return problem_->isHidden() ? QString() : problem_->text(); }

void RunView::showProbe(bool on) {
    charts_->setCompanion(on ? probe_ : nullptr);
    probe_->setVisible(on);
}

void RunView::showCharts() { body_->setCurrentIndex(Charts); }

void RunView::showEmptyState() { body_->setCurrentIndex(EmptyState); }

void RunView::clear() {
    charts_->history().clear();
    charts_->redrawNow();
    probe_->clear();
    showProbe(false);
    setProblem({});
    setStatus({});
    progress_->clear();
    showEmptyState();
}

}  // namespace bw::gui
