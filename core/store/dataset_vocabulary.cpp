#include "core/store/dataset_vocabulary.h"

#include "core/runtime/error.h"

#include <string>
#include <vector>

namespace bw::store {

namespace {

// Rows per read: a few MB of text, counted by every thread before the next page is read.
constexpr int kRowsPerPage = 20000;

}  // namespace

text::TrainedVocabulary trainWordPieceOnDataset(ExperimentStore& store, const DatasetRecord& dataset,
                                                const std::string& split, const text::WordPieceTrainerOptions& options) {
    text::checkTrainerOptions(options);  // before reading the rows, not after
    const auto counted = dataset.row_counts.find(split);
    const int64_t total = counted == dataset.row_counts.end() ? 0 : counted->second;
    if (total == 0) throw Error("dataset '" + dataset.name + "' has no " + split + " rows to learn a vocabulary from");

    text::TextWordCounter counter(text::wordCountOptionsOf(options));
    const auto report = [&](int64_t done) {
        if (options.progress)
            options.progress({text::TrainingStage::CountingRows, static_cast<uint64_t>(done), static_cast<uint64_t>(total)});
    };
    DatasetRowCursor cursor;
    std::vector<std::string> texts;
    int64_t done = 0;
    for (bool at_end = false; !at_end;) {
        if (options.cancel && *options.cancel) throw text::TrainingCancelled();
        DatasetRowPage page = store.findRows(dataset.id, split, DatasetRowFilter{}, cursor, kRowsPerPage);
        texts.clear();
        for (BrowsedRow& row : page.rows) {
            texts.push_back(std::move(row.example.text));  // a tagging row's text is its words
            if (row.example.text_pair) texts.push_back(std::move(*row.example.text_pair));
        }
        counter.add(texts);
        done += static_cast<int64_t>(page.rows.size());
        report(done);
        cursor = page.next;
        at_end = page.at_end;
    }
    const text::CorpusWords words = counter.take();
    if (words.words == 0) throw Error("dataset '" + dataset.name + "' has no words in its " + split + " rows");
    text::TrainedVocabulary result = text::trainWordPieceFromCounts(words.counts, options);
    result.corpus_bytes = words.bytes;
    result.corpus_lines = words.lines;
    result.corpus_words = words.words;
    return result;
}

}  // namespace bw::store
