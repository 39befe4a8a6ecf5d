#pragma once
// Wizard page 2: what to train the model for, and on which data. The task (one per entry of
// core/train/task_catalogue, with its problem types) and a dataset of the workspace with its
// splits, row counts, labels and whether it holds text pairs, or for the language-modelling tasks
// a plain-text corpus file. A task the data cannot train is explained and blocks Next. A dataset
// without a validation split can have one held out of its train rows from here.
#include "core/train/task_catalogue.h"

#include <QWizardPage>

#include <memory>

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace bw::gui {

class ProblemLabel;
struct WizardState;

class TaskWizardPage : public QWizardPage {
    Q_OBJECT
public:
    TaskWizardPage(std::shared_ptr<WizardState> state, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

signals:
    // The store's datasets changed (a validation split was held out here): the wizard reads them again.
    void datasetsChanged();

private:
    void buildLayout();
    void choiceChanged();
    // A pair dataset just chosen under a one-text classification task: the pair task instead.
    void followPairDataset();
    // Fills the problem-type choice with the task's problem types, `wanted` chosen if it is one.
    void showProblemTypes(const train::TaskDefinition& task, const std::string& wanted);
    void showDataset();
    void holdOutValidation();

    std::shared_ptr<WizardState> state_;  // shared by the wizard and its pages
    QButtonGroup* tasks_;
    QComboBox* problem_type_combo_;
    QLabel* problem_type_label_;
    std::string problem_types_of_;  // the task whose problem types the combo lists
    std::string followed_dataset_;  // the dataset followPairDataset() last saw chosen
    QRadioButton* dataset_radio_;
    QRadioButton* corpus_radio_;
    QComboBox* dataset_combo_;
    QLineEdit* corpus_edit_;
    QPushButton* corpus_browse_;
    QLabel* dataset_info_;
    QPushButton* hold_out_button_;  // shown when the dataset has no validation split
    ProblemLabel* problem_;
};

}  // namespace bw::gui
