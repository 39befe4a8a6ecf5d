#include "widgets/tokenizer/vocabulary_training_job.h"

#include "core/store/dataset_vocabulary.h"
#include "core/text/tokenizer_files.h"
#include "widgets/shared/background_task.h"
#include "widgets/shared/error_text.h"
#include "widgets/store/store_connection.h"

#include <QLocale>
#include <QStringList>

#include <chrono>
#include <memory>
#include <optional>

namespace bw::gui {

namespace {

// What the worker leaves for the GUI thread.
struct TrainingOutcome {
    std::optional<VocabularyTrainingSummary> summary;
    bool cancelled = false;
    QString error;
};

QString stageText(const text::TrainingProgress& p) {
    const QLocale locale;
    if (p.stage == text::TrainingStage::CountingWords)
        return VocabularyTrainingJob::tr("Counting words: %1 of %2 MB")
            .arg(locale.toString(static_cast<double>(p.done) / 1e6, 'f', 1),
                 locale.toString(static_cast<double>(p.total) / 1e6, 'f', 1));
    if (p.stage == text::TrainingStage::CountingRows)
        return VocabularyTrainingJob::tr("Counting words: %1 of %2 rows")
            .arg(locale.toString(static_cast<qulonglong>(p.done)), locale.toString(static_cast<qulonglong>(p.total)));
    return VocabularyTrainingJob::tr("Learning word pieces: %1 of %2 tokens")
        .arg(locale.toString(static_cast<qulonglong>(p.done)), locale.toString(static_cast<qulonglong>(p.total)));
}

// Reading the corpus is most of the time: it fills the bar's first 80%, learning the rest.
int percentOf(const text::TrainingProgress& p) {
    const double share = p.total ? static_cast<double>(p.done) / static_cast<double>(p.total) : 0.0;
    return p.stage == text::TrainingStage::Merging ? 80 + static_cast<int>(20 * share) : static_cast<int>(80 * share);
}

}  // namespace

VocabularyTrainingJob::VocabularyTrainingJob(QObject* parent) : QObject(parent), task_(new BackgroundTask(this)) {}

bool VocabularyTrainingJob::isRunning() const { return task_->isRunning(); }

void VocabularyTrainingJob::cancel() { task_->requestCancel(); }

bool VocabularyTrainingJob::start(const QStringList& corpus, text::WordPieceTrainerOptions options,
                                  const QString& output_dir) {
    std::vector<std::filesystem::path> files;
    for (const QString& file : corpus) files.emplace_back(file.toStdString());
    return run([files = std::move(files)](const text::WordPieceTrainerOptions& o) { return text::trainWordPiece(files, o); },
               std::move(options), output_dir);
}

bool VocabularyTrainingJob::startOnDataset(const QString& store_path, const store::DatasetRecord& dataset,
                                           const QString& split, text::WordPieceTrainerOptions options,
                                           const QString& output_dir) {
    return run(
        [path = store_path.toStdString(), dataset, split = split.toStdString()](const text::WordPieceTrainerOptions& o) {
            auto store = openWorkspaceStore(path);  // its own connection, on this worker thread only
            return store::trainWordPieceOnDataset(store, dataset, split, o);
        },
        std::move(options), output_dir);
}

bool VocabularyTrainingJob::run(Learn learn, text::WordPieceTrainerOptions options, const QString& output_dir) {
    if (task_->isRunning()) return false;
    auto outcome = std::make_shared<TrainingOutcome>();
    options.cancel = task_->cancelFlag();
    options.progress = [this](const text::TrainingProgress& p) {
        task_->post([this, percent = percentOf(p), stage = stageText(p)] { emit progress(percent, stage); });
    };
    auto work = [outcome, learn = std::move(learn), options = std::move(options), output_dir] {
        const auto start = std::chrono::steady_clock::now();
        try {
            const text::TrainedVocabulary trained = learn(options);
            text::writeTokenizerDirectory(output_dir.toStdString(), trained.vocab, trained.tokenizer);
            VocabularyTrainingSummary summary;
            summary.output_dir = output_dir;
            summary.vocab_size = static_cast<qint64>(trained.vocab.size());
            summary.corpus_bytes = static_cast<qint64>(trained.corpus_bytes);
            summary.corpus_words = static_cast<qint64>(trained.corpus_words);
            summary.distinct_words = static_cast<qint64>(trained.distinct_words);
            summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            summary.requested_size = static_cast<qint64>(options.vocab_size);
            summary.min_frequency = static_cast<qint64>(options.min_frequency);
            summary.limit_alphabet = static_cast<qint64>(options.limit_alphabet);
            summary.characters_seen = static_cast<qint64>(trained.characters_seen);
            summary.characters_kept = static_cast<qint64>(trained.alphabet);
            summary.share_left_out = trained.character_occurrences == 0 ? 0.0
                                         : static_cast<double>(trained.occurrences_left_out) /
                                               static_cast<double>(trained.character_occurrences);
            outcome->summary = summary;
        } catch (const text::TrainingCancelled&) {
            outcome->cancelled = true;
        } catch (const std::exception& e) {
            outcome->error = errorText(e);
        }
    };
    return task_->start(std::move(work), [this, outcome] {
        if (outcome->summary) emit succeeded(*outcome->summary);
        else if (outcome->cancelled) emit cancelled();
        else emit failed(outcome->error);
    });
}

QString vocabularyTrainingNote(const VocabularyTrainingSummary& s) {
    const QLocale locale;
    QStringList notes;
    if (s.vocab_size < s.requested_size)
        notes << VocabularyTrainingJob::tr("%1 of the %2 tokens asked for: no other pair of pieces occurs %3 times or "
                                           "more in this text (the minimum pair count). More text, or a lower "
                                           "minimum, gives more.")
                     .arg(locale.toString(s.vocab_size), locale.toString(s.requested_size), locale.toString(s.min_frequency));
    if (s.characters_kept < s.characters_seen)
        notes << VocabularyTrainingJob::tr("The alphabet limit of %1 left out %2 of the text's %3 characters, %4% of "
                                           "the characters it holds: they read as [UNK]. Chinese or Japanese text needs "
                                           "a higher limit, or none (0).")
                     .arg(locale.toString(s.limit_alphabet), locale.toString(s.characters_seen - s.characters_kept),
                          locale.toString(s.characters_seen), locale.toString(100.0 * s.share_left_out, 'f', 1));
    return notes.join(QLatin1Char(' '));
}

}  // namespace bw::gui
