#include "widgets/train/training_wizard.h"

#include "widgets/store/stored_datasets.h"
#include "widgets/train/base_model_wizard_page.h"
#include "widgets/train/max_length_wizard_page.h"
#include "widgets/train/review_wizard_page.h"
#include "widgets/train/settings_wizard_page.h"
#include "widgets/train/task_wizard_page.h"
#include "widgets/train/wizard_state.h"
#include "widgets/workbench/workspace.h"

namespace bw::gui {

TrainingWizard::TrainingWizard(Workspace& workspace, QWidget* parent, const TrainingSetup* initial)
    : QWizard(parent), state_(std::make_shared<WizardState>()) {
    setObjectName(QStringLiteral("trainingWizard"));
    setWindowTitle(tr("New training run"));
    setOption(QWizard::NoBackButtonOnStartPage);
    setButtonText(QWizard::FinishButton, tr("Start training"));
    if (initial) state_->setup = *initial;
    state_->task_chosen = initial != nullptr;
    state_->setup.store_path = workspace.storePath().toStdString();
    state_->datasets = storedDatasets(workspace.storePath());
    state_->run_names = storedRunNames(workspace.storePath());
    // A clone's (or the last run's) name is taken: the new run gets the next free one.
    if (!state_->setup.run_name.empty())
        state_->setup.run_name = freeRunName(QString::fromStdString(state_->setup.run_name), state_->run_names).toStdString();
    state_->carried_name = state_->setup.run_name;
    state_->carried_name_for = defaultRunName(state_->setup).toStdString();
    // The model the other pages look at is the natural one to fine-tune; else the bundled one.
    QString bundled_error;
    const QString bundled = bundledModelDir(&bundled_error);
    if (!initial && !workspace.modelDir().isEmpty() && !isBundledModel(workspace.modelDir(), bundled)) {
        state_->setup.model_kind = BaseModelKind::Directory;
        state_->setup.model_dir = workspace.modelDir().toStdString();
    }

    base_model_ = new BaseModelWizardPage(state_);
    task_ = new TaskWizardPage(state_);
    max_length_ = new MaxLengthWizardPage(state_);
    settings_ = new SettingsWizardPage(state_);
    review_ = new ReviewWizardPage(state_);
    setPage(BaseModel, base_model_);
    setPage(TaskAndData, task_);
    setPage(MaxLength, max_length_);
    setPage(Settings, settings_);
    setPage(Review, review_);
    connect(task_, &TaskWizardPage::datasetsChanged, this, [this, &workspace] {
        state_->datasets = storedDatasets(workspace.storePath());
        workspace.notifyStoreContentsChanged();
        task_->initializePage();
    });
    resize(960, 720);
}

TrainingWizard::~TrainingWizard() = default;

train::TrainingRequest TrainingWizard::request() const { return toTrainingRequest(state_->setup); }

}  // namespace bw::gui
