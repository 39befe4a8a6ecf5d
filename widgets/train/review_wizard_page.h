#pragma once
// Wizard page 5: the whole configuration, and how long the run will take, measured by the engine
// on a few real training steps of this model and data (estimateTraining, on a worker thread). The
// engine validates the request as it would for the run, so what it refuses shows here and Start
// stays disabled.
#include "core/train/training_job.h"

#include <QWizardPage>

#include <memory>

#include <optional>

class QLabel;
class QProgressBar;
class QTreeWidget;

namespace bw::gui {

class BackgroundTask;
class ProblemLabel;
struct WizardState;

class ReviewWizardPage : public QWizardPage {
    Q_OBJECT
public:
    ReviewWizardPage(std::shared_ptr<WizardState> state, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

    bool isEstimating() const;
    const std::optional<train::TrainingEstimate>& estimate() const { return estimate_; }

private:
    void buildLayout();
    void showConfiguration();
    void startEstimate();
    void showEstimate(const QString& error);

    std::shared_ptr<WizardState> state_;  // shared by the wizard and its pages
    BackgroundTask* task_;
    bool pending_ = false;  // the setup changed (Back, then Next) while estimating
    std::optional<train::TrainingEstimate> estimate_;

    QTreeWidget* configuration_;
    QProgressBar* busy_;
    QLabel* estimate_label_;
    QLabel* data_notes_label_;  // what the data's size means for the run (train::DataSizeNotes)
    ProblemLabel* problem_;
};

}  // namespace bw::gui
