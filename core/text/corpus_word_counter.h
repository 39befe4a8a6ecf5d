#pragma once
// Counts the words of text files as BERT's tokenizer sees them (BertNormalizer, then the
// whitespace-and-punctuation pre-tokenizer), the first step of training a vocabulary. The files
// are streamed: memory grows with the number of distinct words, not with the size of the text.
// Several threads read at once, each a range of whole lines.
#include "core/text/normalizer.h"
#include "core/text/vocabulary_training_progress.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace bw::text {

using WordCounts = std::unordered_map<std::string, uint64_t>;  // normalized word (UTF-8) -> occurrences

struct CorpusWords {
    WordCounts counts;
    uint64_t bytes = 0;  // of all the files
    uint64_t lines = 0;
    uint64_t words = 0;  // occurrences, the sum of counts
};

struct WordCountOptions {
    NormalizerOptions normalizer;
    int threads = 0;                            // 0: one per core
    const std::atomic<bool>* cancel = nullptr;  // set it to stop; throws TrainingCancelled
    TrainingProgressCallback progress;          // stage CountingWords, in bytes
};

// Each line of each file is one text. Throws bw::Error "<file>: cannot open ..." for a file that
// cannot be read and "<file>:<line>: invalid UTF-8 at byte N of the line" for a line that is not
// UTF-8 (the first such line of the first such file). The counts do not depend on `threads`.
CorpusWords countCorpusWords(const std::vector<std::filesystem::path>& files, const WordCountOptions& options);

class LineCounter;

// The same counting for texts already in memory (a stored dataset's rows, read a page at a time):
// each add() counts one batch on up to `threads` threads; take() gives the sum of all batches,
// equal to what countCorpusWords gives for a file holding the same texts, one per line.
class TextWordCounter {
public:
    explicit TextWordCounter(const WordCountOptions& options);
    ~TextWordCounter();
    TextWordCounter(const TextWordCounter&) = delete;
    TextWordCounter& operator=(const TextWordCounter&) = delete;

    // Throws bw::Error "text N: invalid UTF-8 ..." (N counted over every batch, from 1) and
    // TrainingCancelled when the cancel flag is set. Reports no progress: its caller knows the total.
    void add(const std::vector<std::string>& texts);
    CorpusWords take();

private:
    WordCountOptions options_;
    std::vector<std::unique_ptr<LineCounter>> counters_;  // one per thread, kept across batches
    uint64_t bytes_ = 0, texts_ = 0;
};

}  // namespace bw::text
