#pragma once
// Training a WordPiece vocabulary from text files: the files, the vocabulary's size and the rules
// of the trainer, the folder for the tokenizer files; then the training runs on a worker thread
// with progress and Cancel, and the dialog closes once the files are written.
#include "core/text/wordpiece_trainer.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace bw::gui {

struct VocabularyTrainingSummary;
class VocabularyTrainingJob;

class TrainVocabularyDialog : public QDialog {
    Q_OBJECT
public:
    explicit TrainVocabularyDialog(QWidget* parent = nullptr);

    void addCorpusFiles(const QStringList& paths);
    QStringList corpusFiles() const;
    void setVocabSize(int size);
    void setMinFrequency(int count);
    void setLimitAlphabet(int characters);  // 0: no limit
    void setLowerCase(bool lower);
    void setStripAccents(bool strip);
    void setOutputDir(const QString& dir);
    // The trainer's settings as chosen (without progress and cancel).
    text::WordPieceTrainerOptions trainerOptions() const;
    bool isTraining() const;
    QString message() const;  // what the line under the progress bar says

public slots:
    void startTraining();
    void reject() override;  // while training: cancels the training and stays open

signals:
    void trained(const QString& output_dir);

private:
    QWidget* buildCorpusBox();
    QWidget* buildSettingsBox();
    void chooseCorpusFiles();
    void chooseOutputDir();
    void updateButtons();
    QString checkChoices() const;  // what keeps the training from starting, or ""
    void setTraining(bool training);
    void trainingSucceeded(const VocabularyTrainingSummary& summary);
    void showMessage(const QString& text, bool error);

    VocabularyTrainingJob* job_;
    QListWidget* corpus_;
    QPushButton* remove_button_;
    QSpinBox* vocab_size_;
    QSpinBox* min_frequency_;
    QSpinBox* limit_alphabet_;
    QCheckBox* lower_case_;
    QCheckBox* strip_accents_;
    QLineEdit* special_tokens_;
    QLineEdit* output_dir_;
    QPushButton* browse_button_;
    QProgressBar* progress_bar_;
    QLabel* message_label_;
    QDialogButtonBox* buttons_;
    QPushButton* train_button_;
};

}  // namespace bw::gui
