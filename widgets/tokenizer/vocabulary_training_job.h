#pragma once
// One WordPiece vocabulary training (core's trainWordPiece, then the tokenizer files written) on a
// worker thread. Progress and the outcome come back as signals on the GUI thread. A failed or
// cancelled training writes nothing.
#include "core/store/store_records.h"
#include "core/text/wordpiece_trainer.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace bw::gui {

class BackgroundTask;

// What the dialog shows when a training has finished.
struct VocabularyTrainingSummary {
    QString output_dir;
    qint64 vocab_size = 0;
    qint64 corpus_bytes = 0;
    qint64 corpus_words = 0;
    qint64 distinct_words = 0;
    double seconds = 0;
    // What was asked, and what the text allowed (the Tokenizer page explains a difference).
    qint64 requested_size = 0, min_frequency = 0, limit_alphabet = 0;
    qint64 characters_seen = 0, characters_kept = 0;
    double share_left_out = 0;  // of the text's character occurrences: [UNK] in the new vocabulary
};

// Why the vocabulary is smaller than asked, and what the alphabet limit left out, in words; ""
// when neither applies.
QString vocabularyTrainingNote(const VocabularyTrainingSummary& summary);

class VocabularyTrainingJob : public QObject {
    Q_OBJECT
public:
    explicit VocabularyTrainingJob(QObject* parent = nullptr);

    // Trains on `corpus` and writes the four tokenizer files into `output_dir`; options.cancel and
    // options.progress are the job's. False when a training is already running.
    bool start(const QStringList& corpus, text::WordPieceTrainerOptions options, const QString& output_dir);
    // The same from a split of a dataset in the store at `store_path` (read on the worker thread).
    bool startOnDataset(const QString& store_path, const store::DatasetRecord& dataset, const QString& split,
                        text::WordPieceTrainerOptions options, const QString& output_dir);
    bool isRunning() const;
    void cancel();

signals:
    // stage: what is being done, for the user ("Counting words: 12.0 of 98.4 MB").
    void progress(int percent, const QString& stage);
    void succeeded(const bw::gui::VocabularyTrainingSummary& summary);
    void failed(const QString& error);  // the engine's message: file, line, what is wrong
    void cancelled();

private:
    // Runs `learn` (given the options with the job's progress and cancel) and writes its vocabulary.
    using Learn = std::function<text::TrainedVocabulary(const text::WordPieceTrainerOptions&)>;
    bool run(Learn learn, text::WordPieceTrainerOptions options, const QString& output_dir);

    BackgroundTask* task_;
};

}  // namespace bw::gui
