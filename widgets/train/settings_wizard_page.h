#pragma once
// Wizard page 4: the training arguments (Hugging Face's defaults, Basic or Advanced), the run's
// name and the folder its checkpoints go to (by default one next to the store file). Settings the
// engine would refuse are explained and block Next.
#include <QWizardPage>

#include <memory>

class QLineEdit;
class QPushButton;

namespace bw::gui {

class ProblemLabel;
class TrainingArgumentsForm;
struct WizardState;

class SettingsWizardPage : public QWizardPage {
    Q_OBJECT
public:
    SettingsWizardPage(std::shared_ptr<WizardState> state, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    TrainingArgumentsForm* form() const { return form_; }

private:
    void buildLayout();
    void fieldsChanged();
    QString problem() const;

    std::shared_ptr<WizardState> state_;  // shared by the wizard and its pages
    QString form_problem_;                // a field that is not a number
    bool name_edited_ = false;            // the user typed a run name: keep it
    bool folder_edited_ = false;          // ... or an output folder

    TrainingArgumentsForm* form_;
    QLineEdit* run_name_edit_;
    QLineEdit* output_dir_edit_;
    QPushButton* output_dir_browse_;
    ProblemLabel* problem_;
};

}  // namespace bw::gui
