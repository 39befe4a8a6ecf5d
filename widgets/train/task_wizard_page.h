#pragma once
// Wizard page 2: what to train the model for, and on which data. The task (text classification,
// sentence pairs, token tagging, masked LM, pretraining) and a dataset of the workspace with its
// splits, row counts, labels and whether it holds text pairs, or for the language-modelling tasks
// a plain-text corpus file. A task the data cannot train is explained and blocks Next.
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

private:
    void buildLayout();
    void choiceChanged();
    void showDataset();

    std::shared_ptr<WizardState> state_;  // shared by the wizard and its pages
    QButtonGroup* tasks_;
    QComboBox* problem_type_combo_;
    QLabel* problem_type_label_;
    QRadioButton* dataset_radio_;
    QRadioButton* corpus_radio_;
    QComboBox* dataset_combo_;
    QLineEdit* corpus_edit_;
    QPushButton* corpus_browse_;
    QLabel* dataset_info_;
    ProblemLabel* problem_;
};

}  // namespace bw::gui
