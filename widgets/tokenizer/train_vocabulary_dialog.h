#pragma once
// Training a WordPiece vocabulary from text files or from a dataset of the workspace: the text, the
// vocabulary's size and the rules of the trainer, the folder for the tokenizer files; then the
// training runs on a worker thread with progress and Cancel, and the dialog closes once the files
// are written.
#include "core/store/store_records.h"
#include "core/text/wordpiece_trainer.h"

#include <vector>

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace bw::gui {

struct VocabularyTrainingSummary;
class VocabularyTrainingJob;

class TrainVocabularyDialog : public QDialog {
    Q_OBJECT
public:
    explicit TrainVocabularyDialog(QWidget* parent = nullptr);

    void addCorpusFiles(const QStringList& paths);  // and chooses files as the text
    QStringList corpusFiles() const;
    // Offers the datasets of the store at `store_path` as the text (those with rows).
    void setDatasets(const QString& store_path, const std::vector<store::DatasetRecord>& datasets);
    // Chooses a dataset's split as the text; false when it is not offered or has no rows.
    bool selectDataset(const QString& name, const QString& split = QStringLiteral("train"));
    bool learnsFromDataset() const;
    void setVocabSize(int size);
    void setMinFrequency(int count);
    void setLimitAlphabet(int characters);  // 0: no limit
    void setLowerCase(bool lower);
    void setStripAccents(bool strip);
    void setOutputDir(const QString& dir);
    // Until the user picks a folder: a new folder in `parent_dir` named after the text (the dataset,
    // or the first file), numbered when taken, so that a training never writes over a vocabulary.
    void suggestOutputDirIn(const QString& parent_dir);
    // The trainer's settings as chosen (without progress and cancel).
    text::WordPieceTrainerOptions trainerOptions() const;
    bool isTraining() const;
    QString message() const;  // what the line under the progress bar says

public slots:
    void startTraining();
    void reject() override;  // while training: cancels the training and stays open
    // Closing remembers the text and the settings chosen (QSettings): the dialog opens with them next
    // time, files that are gone and a dataset this workspace lacks left out.
    void done(int result) override;

signals:
    // `note`: what the text did not allow of what was asked (vocabularyTrainingNote), or "".
    void trained(const QString& output_dir, const QString& note);

private:
    QWidget* buildCorpusBox();
    void fillSplits();
    void suggestOutputDir();
    const store::DatasetRecord* chosenDataset() const;
    QWidget* buildSettingsBox();
    void chooseCorpusFiles();
    void chooseOutputDir();
    void updateButtons();
    QString checkChoices() const;  // what keeps the training from starting, or ""
    void setTraining(bool training);
    void trainingSucceeded(const VocabularyTrainingSummary& summary);
    void showMessage(const QString& text, bool error);
    void restoreChoices();
    void rememberChoices() const;

    VocabularyTrainingJob* job_;
    QString store_path_;
    std::vector<store::DatasetRecord> datasets_;  // those with rows, in the combo's order
    QString remembered_dataset_, remembered_split_;  // the text last time, when it was a dataset
    QRadioButton* files_radio_;
    QListWidget* corpus_;
    QLabel* tables_note_;  // under the files: the tables among them are read line by line
    void updateTablesNote();
    QPushButton* add_button_;
    QPushButton* remove_button_;
    QRadioButton* dataset_radio_;
    QComboBox* dataset_combo_;
    QComboBox* split_combo_;
    QSpinBox* vocab_size_;
    QSpinBox* min_frequency_;
    QSpinBox* limit_alphabet_;
    QCheckBox* lower_case_;
    QCheckBox* strip_accents_;
    QLineEdit* special_tokens_;
    QLineEdit* output_dir_;
    QString suggestion_parent_;    // where suggestOutputDir proposes folders; "" for none
    bool output_chosen_ = false;   // the user (or setOutputDir) chose the folder: no more suggestions
    QPushButton* browse_button_;
    QProgressBar* progress_bar_;
    QLabel* message_label_;
    QDialogButtonBox* buttons_;
    QPushButton* train_button_;
};

}  // namespace bw::gui
