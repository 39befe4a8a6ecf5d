// A WordPiece vocabulary learnt from a dataset in the store (trainWordPieceOnDataset: the wizard's
// "Train a vocabulary…" and `train-tokenizer --dataset`), checked against what the same texts give
// when the test writes them to a file itself, from the original TSV; words counted by hand; and the
// tokenizer a model from scratch builds from such a vocabulary keeping its casing.
#include "core/store/dataset_import.h"
#include "core/store/dataset_vocabulary.h"
#include "core/text/bert_tokenizer.h"
#include "core/text/tokenizer_files.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace bw;
using bw::test::errorOf;
using bw::test::fixture;
namespace fs = std::filesystem;

namespace {

// The first column of a TSV with a header, as written in the file.
std::vector<std::string> firstColumn(const fs::path& tsv) {
    std::ifstream in(tsv);
    std::string line;
    std::getline(in, line);
    std::vector<std::string> texts;
    while (std::getline(in, line)) texts.push_back(line.substr(0, line.find('\t')));
    return texts;
}

fs::path writeLines(const fs::path& path, const std::vector<std::string>& lines) {
    std::ofstream out(path, std::ios::binary);
    for (const std::string& line : lines) out << line << '\n';
    return path;
}

std::vector<std::string> tokensOf(const text::Vocab& vocab) {
    std::vector<std::string> tokens;
    for (size_t id = 0; id < vocab.size(); ++id) tokens.push_back(vocab.token(static_cast<int32_t>(id)));
    return tokens;
}

text::WordPieceTrainerOptions smallVocabulary(size_t size) {
    text::WordPieceTrainerOptions options;
    options.vocab_size = size;
    options.threads = 2;
    return options;
}

}  // namespace

class TestDatasetVocabulary : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    int stores_ = 0;

    fs::path dir() const { return tmp_.path().toStdString(); }
    store::ExperimentStore freshStore() { return store::ExperimentStore::open(dir() / ("s" + std::to_string(++stores_) + ".sqlite")); }

    store::DatasetRecord import(store::ExperimentStore& store, const fs::path& file, const std::string& name,
                                data::ColumnMapping mapping = {}) {
        store::ImportRequest request;
        request.input = file;
        request.name = name;
        request.mapping = std::move(mapping);
        return store::importDataset(store, request).dataset;
    }

private slots:
    void initTestCase() { QVERIFY(tmp_.isValid()); }

    void sameAsTheFileOfItsTexts() {
        auto store = freshStore();
        const fs::path tsv = fixture("data/sst2_train_head2000.tsv");
        const store::DatasetRecord dataset = import(store, tsv, "sst2");
        const std::vector<std::string> texts = firstColumn(tsv);
        QCOMPARE(texts.size(), size_t{2000});
        const fs::path file = writeLines(dir() / "sst2_texts.txt", texts);

        std::vector<text::TrainingProgress> seen;
        text::WordPieceTrainerOptions options = smallVocabulary(900);
        const text::TrainedVocabulary from_file = text::trainWordPiece({file}, options);
        options.progress = [&seen](const text::TrainingProgress& p) { seen.push_back(p); };
        const text::TrainedVocabulary from_store = store::trainWordPieceOnDataset(store, dataset, "train", options);

        QCOMPARE(from_store.vocab.size(), size_t{900});
        QCOMPARE(tokensOf(from_store.vocab), tokensOf(from_file.vocab));
        QCOMPARE(from_store.corpus_lines, uint64_t{2000});
        QCOMPARE(from_store.corpus_words, from_file.corpus_words);
        QCOMPARE(from_store.distinct_words, from_file.distinct_words);
        QVERIFY(from_store.tokenizer.do_lower_case);

        // Rows first, up to every row of the split, then the merges.
        QVERIFY(!seen.empty());
        QCOMPARE(seen.front().stage, text::TrainingStage::CountingRows);
        const auto last_row = std::find_if(seen.rbegin(), seen.rend(),
                                           [](const auto& p) { return p.stage == text::TrainingStage::CountingRows; });
        QCOMPARE(last_row->done, uint64_t{2000});
        QCOMPARE(last_row->total, uint64_t{2000});
        QCOMPARE(seen.back().stage, text::TrainingStage::Merging);
    }

    void pairsCountBothTextsByHand() {
        auto store = freshStore();
        const fs::path tsv = test::writeBytes(dir(), "pairs.tsv",
                                              "first\tsecond\tlabel\n"
                                              "Apples fall.\tPears RISE!\t1\n"
                                              "apples rise\tApples\t0\n");
        data::ColumnMapping mapping;
        mapping.text = "first";
        mapping.text_pair = "second";
        mapping.label = "label";
        const store::DatasetRecord dataset = import(store, tsv, "pairs", mapping);
        // Lower-cased and split at punctuation: apples x3, rise x2, fall, ".", pears, "!".
        const text::TrainedVocabulary trained = store::trainWordPieceOnDataset(store, dataset, "train", smallVocabulary(60));
        QCOMPARE(trained.corpus_words, uint64_t{9});
        QCOMPARE(trained.distinct_words, size_t{6});
        QCOMPARE(trained.corpus_lines, uint64_t{4});  // two rows, two texts each
        // "rise" is seen twice only with the second text counted; min_frequency 2 leaves "pears" in pieces.
        QVERIFY(trained.vocab.contains("apples"));
        QVERIFY(trained.vocab.contains("rise"));
        QVERIFY(!trained.vocab.contains("pears"));
    }

    void countsDoNotDependOnThreadsOrBatches() {
        std::vector<std::string> lines = firstColumn(fixture("data/sst2_train_head2000.tsv"));
        const fs::path file = writeLines(dir() / "lines.txt", lines);
        text::WordCountOptions options;
        options.threads = 1;
        const text::CorpusWords reference = text::countCorpusWords({file}, options);

        for (const int threads : {1, 3}) {
            options.threads = threads;
            text::TextWordCounter counter(options);
            // Uneven batches, one smaller than a thread's slice.
            counter.add({lines.begin(), lines.begin() + 7});
            counter.add({lines.begin() + 7, lines.begin() + 1500});
            counter.add({lines.begin() + 1500, lines.end()});
            const text::CorpusWords counted = counter.take();
            QCOMPARE(counted.counts, reference.counts);
            QCOMPARE(counted.words, reference.words);
            QCOMPARE(counted.lines, reference.lines);
            QCOMPARE(counted.bytes, reference.bytes);  // one text per line, as the file
        }
    }

    void refusesWhatItCannotLearnFrom() {
        auto store = freshStore();
        const store::DatasetRecord dataset = import(store, fixture("data/sst2_train_head300.tsv"), "sst2");
        QVERIFY2(errorOf([&] { store::trainWordPieceOnDataset(store, dataset, "validation", smallVocabulary(500)); })
                     .find("dataset 'sst2' has no validation rows") != std::string::npos,
                 "no validation split");
        text::WordPieceTrainerOptions no_unk = smallVocabulary(500);
        no_unk.special_tokens = {"[PAD]", "[CLS]", "[SEP]"};
        QVERIFY(errorOf([&] { store::trainWordPieceOnDataset(store, dataset, "train", no_unk); })
                    .find("the special tokens must include [UNK]") != std::string::npos);

        std::atomic<bool> cancel{true};
        text::WordPieceTrainerOptions cancelled = smallVocabulary(500);
        cancelled.cancel = &cancel;
        QVERIFY_THROWS_EXCEPTION(text::TrainingCancelled,
                                 store::trainWordPieceOnDataset(store, dataset, "train", cancelled));
    }

    // A model from scratch reads with a vocab.txt and the settings written beside it: a cased
    // vocabulary must not be lower-cased (it would then meet few of its own pieces).
    void aScratchTokenizerKeepsTheVocabularysCasing() {
        const fs::path corpus = test::writeBytes(dir(), "cased.txt", "Paris Paris London\nParis London Berlin\n");
        text::WordPieceTrainerOptions options = smallVocabulary(60);
        options.lowercase = false;
        const text::TrainedVocabulary trained = text::trainWordPiece({corpus}, options);
        const fs::path cased = dir() / "cased-tokenizer";
        text::writeTokenizerDirectory(cased, trained.vocab, trained.tokenizer);

        for (const fs::path& given : {cased / "vocab.txt", cased}) {
            const text::BertTokenizer tokenizer = text::BertTokenizer::fromVocabulary(given);
            QVERIFY2(!tokenizer.options().do_lower_case, given.c_str());
            const text::Encoding encoding = tokenizer.encode("Paris London");
            QCOMPARE(encoding.tokens, (std::vector<std::string>{"[CLS]", "Paris", "London", "[SEP]"}));
        }

        // The same vocab.txt alone: BERT's defaults, lower-casing, so "Paris" is no longer a piece.
        fs::create_directories(dir() / "lone");
        fs::copy_file(cased / "vocab.txt", dir() / "lone" / "vocab.txt");
        const text::BertTokenizer lone = text::BertTokenizer::fromVocabulary(dir() / "lone" / "vocab.txt");
        QVERIFY(lone.options().do_lower_case);
        QVERIFY(lone.encode("Paris").tokens.at(1) != "Paris");
    }
};

QTEST_GUILESS_MAIN(TestDatasetVocabulary)
#include "test_dataset_vocabulary.moc"
