#pragma once
// Wizard page 3: max length. The token lengths of the training rows through the run's tokenizer
// (computed on a worker thread), the max_length line to drag or type, and the share of rows that
// length truncates. A length past the model's position embeddings is explained and blocks Next.
#include "core/data/dataset_statistics.h"

#include <QWizardPage>

#include <memory>

#include <optional>

class QLabel;
class QProgressBar;
class QSpinBox;

namespace bw::gui {

class BackgroundTask;
class LengthHistogram;
class ProblemLabel;
struct WizardState;

class MaxLengthWizardPage : public QWizardPage {
    Q_OBJECT
public:
    MaxLengthWizardPage(std::shared_ptr<WizardState> state, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

    bool isComputing() const;
    // The lengths of the current data, once computed.
    const data::DatasetStatistics* statistics() const { return stats_ ? &*stats_ : nullptr; }
    LengthHistogram* histogram() const { return histogram_; }

private:
    void buildLayout();
    void computeLengths();
    void maxLengthChanged(int max_length);
    void showStatistics();

    std::shared_ptr<WizardState> state_;  // shared by the wizard and its pages
    BackgroundTask* task_;
    QString computed_key_;  // the data and tokenizer the statistics are about
    bool pending_ = false;  // they changed while computing
    std::optional<data::DatasetStatistics> stats_;

    QSpinBox* spin_;
    LengthHistogram* histogram_;
    QLabel* truncation_;
    QLabel* summary_;
    QLabel* status_;
    QProgressBar* busy_;
    ProblemLabel* problem_;
};

}  // namespace bw::gui
