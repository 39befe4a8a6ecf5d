#pragma once
// The fine-tune wizard: base model, task and data, max length, settings, review with a measured
// time estimate, then Start. Every page explains what keeps it from going on. The result is the
// engine's TrainingRequest; starting the run is the Train page's business. It starts from
// defaults, or from a given setup (the last run's, or a stored run's to clone it).
#include "core/train/training_job.h"

#include <QWizard>

#include <memory>

namespace bw::gui {

class BaseModelWizardPage;
class MaxLengthWizardPage;
class ReviewWizardPage;
class SettingsWizardPage;
class TaskWizardPage;
class Workspace;
struct TrainingSetup;
struct WizardState;

class TrainingWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId { BaseModel, TaskAndData, MaxLength, Settings, Review };

    // `initial`: the fields to start from (the workspace's store replaces its store path).
    TrainingWizard(Workspace& workspace, QWidget* parent = nullptr, const TrainingSetup* initial = nullptr);
    ~TrainingWizard() override;

    // The request the pages describe (complete once the review page is).
    train::TrainingRequest request() const;
    const WizardState& state() const { return *state_; }

    BaseModelWizardPage* baseModelPage() const { return base_model_; }
    TaskWizardPage* taskPage() const { return task_; }
    MaxLengthWizardPage* maxLengthPage() const { return max_length_; }
    SettingsWizardPage* settingsPage() const { return settings_; }
    ReviewWizardPage* reviewPage() const { return review_; }

private:
    std::shared_ptr<WizardState> state_;  // the pages hold it too: it lives as long as the last of them
    BaseModelWizardPage* base_model_;
    TaskWizardPage* task_;
    MaxLengthWizardPage* max_length_;
    SettingsWizardPage* settings_;
    ReviewWizardPage* review_;
};

}  // namespace bw::gui
