#include "widgets/train/max_length_wizard_page.h"

#include "widgets/shared/background_task.h"
#include "widgets/shared/error_text.h"
#include "widgets/shared/length_histogram.h"
#include "widgets/shared/truncation.h"
#include "widgets/train/problem_label.h"
#include "widgets/train/setup_checks.h"
#include "widgets/train/wizard_state.h"

#include "core/train/training_rows.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QSpinBox>
#include <QVBoxLayout>

#include <memory>

namespace bw::gui {
namespace {

constexpr int kLargestMaxLength = 8192;

// The lengths depend on the data and the tokenizer, not on max_seq_length: a new length reuses them.
QString lengthsKey(const train::TrainingRequest& r) {
    return QString::fromStdString(r.dataset.value_or("") + '|' + r.corpus.value_or("").string() + '|' +
                                  r.model_dir.value_or("").string() + '|' + r.vocab.value_or("").string());
}

}  // namespace

MaxLengthWizardPage::MaxLengthWizardPage(std::shared_ptr<WizardState> state, QWidget* parent)
    : QWizardPage(parent), state_(std::move(state)), task_(new BackgroundTask(this)) {
    setObjectName(QStringLiteral("maxLengthPage"));
    setTitle(tr("Max length"));
    setSubTitle(
        tr("Longer inputs are truncated to this many tokens. Time and memory grow with it: pick the "
           "shortest length that keeps most rows whole."));
    buildLayout();
}

void MaxLengthWizardPage::buildLayout() {
    spin_ = new QSpinBox;
    spin_->setObjectName("maxLengthSpin");
    spin_->setRange(1, kLargestMaxLength);
    truncation_ = new QLabel;
    truncation_->setObjectName("truncationLabel");
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("max_seq_length:")));
    controls->addWidget(spin_);
    controls->addSpacing(12);
    controls->addWidget(truncation_, 1);

    histogram_ = new LengthHistogram;
    summary_ = new QLabel;
    summary_->setWordWrap(true);
    status_ = new QLabel;
    status_->setWordWrap(true);
    busy_ = new QProgressBar;
    busy_->setRange(0, 0);
    busy_->setTextVisible(false);
    busy_->setMaximumHeight(fontMetrics().height() / 2);
    busy_->setVisible(false);
    problem_ = new ProblemLabel;

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(busy_);
    layout->addWidget(histogram_, 1);
    layout->addWidget(summary_);
    layout->addWidget(status_);
    layout->addWidget(problem_);

    connect(spin_, qOverload<int>(&QSpinBox::valueChanged), this, &MaxLengthWizardPage::maxLengthChanged);
    connect(histogram_, &LengthHistogram::maxLengthChanged, spin_, &QSpinBox::setValue);
}

void MaxLengthWizardPage::initializePage() {
    {
        const QSignalBlocker block(spin_);
        spin_->setValue(static_cast<int>(state_->setup.args.max_seq_length));
    }
    histogram_->setMaxLength(spin_->value());
    maxLengthChanged(spin_->value());
    computeLengths();
}

bool MaxLengthWizardPage::isComplete() const { return lengthProblem(state_->setup, state_->model).isEmpty(); }

bool MaxLengthWizardPage::isComputing() const { return task_->isRunning(); }

void MaxLengthWizardPage::computeLengths() {
    const train::TrainingRequest request = toTrainingRequest(state_->setup);
    const QString key = lengthsKey(request);
    if (key == computed_key_) return;
    if (task_->isRunning()) {
        pending_ = true;  // computed again once the running one ends
        return;
    }
    stats_.reset();
    showStatistics();
    busy_->setVisible(true);
    status_->setText(tr("Tokenizing the training data…"));
    auto result = std::make_shared<std::optional<data::DatasetStatistics>>();
    auto error = std::make_shared<QString>();
    task_->start(
        [request, result, error] {
            try {
                *result = train::trainingLengths(request);
            } catch (const std::exception& e) {
                *error = errorText(e);
            }
        },
        [this, result, error, key] {
            busy_->setVisible(false);
            if (pending_) {
                pending_ = false;
                computeLengths();
                return;
            }
            computed_key_ = key;
            stats_ = std::move(*result);
            // The lengths are a guide: without them the run can still be set up.
            status_->setText(error->isEmpty() ? QString()
                                              : tr("The token lengths could not be computed: %1").arg(*error));
            showStatistics();
        });
}

void MaxLengthWizardPage::maxLengthChanged(int max_length) {
    state_->setup.args.max_seq_length = max_length;
    histogram_->setMaxLength(max_length);
    showStatistics();
    problem_->setProblem(lengthProblem(state_->setup, state_->model));
    emit completeChanged();
}

void MaxLengthWizardPage::showStatistics() {
    const QLocale locale;
    if (!stats_) {
        histogram_->setLengths({});
        truncation_->clear();
        summary_->clear();
        return;
    }
    const data::DatasetStatistics& s = *stats_;
    histogram_->setLengths(s.length_counts);
    const int max_length = spin_->value();
    truncation_->setText(tr("truncates %1 of %2 training rows (%3 %); the model takes up to %4 tokens")
                             .arg(locale.toString(static_cast<qulonglong>(rowsLongerThan(s.length_counts, max_length))))
                             .arg(locale.toString(static_cast<qulonglong>(s.rows)))
                             .arg(locale.toString(truncationRate(s.length_counts, max_length) * 100.0, 'f', 1))
                             .arg(state_->model.max_positions));
    QString summary = tr("Tokens per row: min %1, median %2, 95th percentile %3, max %4.")
                          .arg(s.min_length)
                          .arg(s.median_length)
                          .arg(s.p95_length)
                          .arg(s.max_length);
    if (state_->setup.definition().head == model::BertTask::PreTraining)
        summary += QLatin1Char(' ') + tr("Pretraining packs consecutive sentences of a document into sequences of up "
                                         "to max length, so only sentences longer than it are cut.");
    summary_->setText(summary);
}

}  // namespace bw::gui
