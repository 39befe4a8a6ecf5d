#include "widgets/train/run_progress_row.h"

#include "widgets/shared/duration_text.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>

namespace bw::gui {

RunProgressRow::RunProgressRow(QWidget* parent)
    : QWidget(parent), bar_(new QProgressBar), step_(new QLabel), speed_(new QLabel), eta_(new QLabel) {
    bar_->setObjectName("progressBar");
    bar_->setFormat(QStringLiteral("%p %"));
    step_->setObjectName("stepLabel");
    speed_->setObjectName("speedLabel");
    eta_->setObjectName("etaLabel");
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bar_, 1);
    for (QLabel* label : {step_, speed_, eta_}) {
        layout->addSpacing(12);
        layout->addWidget(label);
    }
    bar_->setVisible(false);
}

void RunProgressRow::showPreparing() {
    for (QLabel* label : {step_, speed_, eta_}) label->clear();
    since_start_.start();
    bar_->setRange(0, 0);
    bar_->setVisible(true);
}

void RunProgressRow::showProgress(const train::ProgressEvent& e) {
    const QLocale locale;
    bar_->setRange(0, static_cast<int>(e.total_steps));
    bar_->setValue(static_cast<int>(e.step));
    step_->setText(tr("step %1 / %2 · epoch %3")
                       .arg(locale.toString(static_cast<qlonglong>(e.step)),
                            locale.toString(static_cast<qlonglong>(e.total_steps)))
                       .arg(locale.toString(e.epoch, 'f', 2)));
    speed_->setText(tr("%1 sequences/s").arg(locale.toString(e.sequences_per_second, 'f', 1)));
    if (!estimate_ || !since_start_.isValid()) {
        eta_->setText(tr("ETA %1").arg(durationText(e.eta_seconds)));
        return;
    }
    // What the run has taken so far and what it still needs: the estimate, corrected by the run itself.
    const double in_all = static_cast<double>(since_start_.elapsed()) / 1000.0 + e.eta_seconds;
    eta_->setText(tr("ETA %1 · about %2 in all (%3 estimated before the start)")
                      .arg(durationText(e.eta_seconds), durationText(in_all), durationText(*estimate_)));
}

QString RunProgressRow::etaText() const { return eta_->text(); }

void RunProgressRow::showEnded() {
    if (bar_->maximum() == 0) bar_->setRange(0, 1);  // no longer busy
    eta_->clear();
}

void RunProgressRow::showStoredRun(int64_t last_logged_step) {
    bar_->setVisible(false);
    step_->setText(last_logged_step > 0
                       ? tr("last logged step %1").arg(QLocale().toString(static_cast<qlonglong>(last_logged_step)))
                       : QString());
    speed_->clear();
    eta_->clear();
}

void RunProgressRow::hideBar() { bar_->setVisible(false); }

void RunProgressRow::clear() {
    for (QLabel* label : {step_, speed_, eta_}) label->clear();
    bar_->setVisible(false);
}

}  // namespace bw::gui
