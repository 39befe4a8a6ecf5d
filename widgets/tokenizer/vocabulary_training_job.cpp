#include "widgets/tokenizer/vocabulary_training_job.h"

#include "core/store/dataset_vocabulary.h"
#include "core/text/tokenizer_files.h"
#include "widgets/shared/background_task.h"
#include "widgets/shared/error_text.h"

#include <QLocale>

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
            // Its own connection, on this worker thread only; a reader: the workspace recovers runs.
            store::StoreOptions store_options = store::StoreOptions::existingOnly();
            store_options.recover_interrupted_runs = false;
            auto store = store::ExperimentStore::open(path, store_options);
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

}  // namespace bw::gui
