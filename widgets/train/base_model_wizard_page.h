#pragma once
// Wizard page 1: the model to start from. The bundled model, a Hugging Face folder on disk (loaded
// on a worker thread to show its summary and load report, or why it does not load), or a fresh
// model of a named size with a vocab.txt, to pretrain from scratch; that vocabulary can be trained
// here, on the corpus the model will be pretrained on.
#include <QWizardPage>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QTextBrowser;
class QTimer;

namespace bw::gui {

class BackgroundTask;
class ProblemLabel;
class TrainVocabularyDialog;
struct WizardState;

class BaseModelWizardPage : public QWizardPage {
    Q_OBJECT
public:
    BaseModelWizardPage(std::shared_ptr<WizardState> state, QWidget* parent = nullptr);

    bool isComplete() const override;
    bool isInspecting() const;
    // "Train a vocabulary…": the dialog, offering the workspace's datasets; once it has trained, the
    // new vocab.txt becomes the scratch model's.
    TrainVocabularyDialog* openTrainVocabularyDialog();

private:
    void buildLayout();
    void choiceChanged();
    void inspect();
    void showFacts();

    std::shared_ptr<WizardState> state_;  // shared by the wizard and its pages
    BackgroundTask* task_;
    QTimer* typing_;  // waits for the typing to pause before loading a folder
    QString bundled_dir_, bundled_error_;
    QString inspected_key_;  // the choice the shown facts are about
    bool pending_ = false;   // the choice changed while a model was being read

    QRadioButton* bundled_radio_;
    QRadioButton* directory_radio_;
    QRadioButton* scratch_radio_;
    QLineEdit* directory_edit_;
    QPushButton* directory_browse_;
    QComboBox* size_combo_;
    QLineEdit* vocab_edit_;
    QPushButton* vocab_browse_;
    QPushButton* train_vocab_button_;
    QLabel* vocab_note_;   // of the vocabulary trained here, while the field names it
    QString noted_vocab_;
    QProgressBar* busy_;
    QTextBrowser* summary_;
    ProblemLabel* problem_;
};

}  // namespace bw::gui
