// Dataset statistics on a tiny set checked by hand against bert-base-uncased's vocab.txt (word
// pieces from a plain greedy longest-match WordPiece in Python over that file).
#include "core/data/dataset_statistics.h"
#include "test_support.h"

#include <QtTest>

#include <string>
#include <vector>

using namespace bw::data;
using bw::test::errorOf;

namespace {

Example make(std::string text, std::string label, std::optional<std::string> pair = std::nullopt) {
    Example e;
    e.text = std::move(text);
    e.label = std::move(label);
    e.text_pair = std::move(pair);
    return e;
}

}  // namespace

class TestDatasetStatistics : public QObject {
    Q_OBJECT

    std::unique_ptr<bw::text::BertTokenizer> tok_;

private slots:
    void initTestCase() {
        tok_ = std::make_unique<bw::text::BertTokenizer>(
            bw::text::BertTokenizer::fromVocabFile(bw::test::fixture("vocab/bert-base-uncased/vocab.txt")));
    }

    void handCheckedSet() {
        // tokens with [CLS]/[SEP]                                        length  pieces  words  unk
        const std::vector<Example> examples = {
            make("hello world", "pos"),                         // hello world                4   2  2  0
            make("the cat sat on the mat with a hat", "neg"),   // 9 words                   11   9  9  0
            make("hello", "pos", std::string("unaffable")),     // hello [SEP] una ##ffa ##ble 7   4  2  0
            make("hello \xF0\x9F\x98\x80 \xE2\x98\x83 \xF0\x9F\x98\x80", "neg"),  // hello [UNK]x3  6  4  4  3
            make("hello world", "neg"),                         // duplicate, other label     4   2  2  0
        };
        const DatasetStatistics s = computeStatistics(examples, *tok_, 8, 2);
        QCOMPARE(s.rows, uint64_t{5});
        QVERIFY(!s.token_task);
        QCOMPARE(s.label_counts, (std::vector<std::pair<std::string, uint64_t>>{{"neg", 3}, {"pos", 2}}));
        QCOMPARE(s.unlabelled_rows, uint64_t{0});
        // Lengths 4 11 7 6 4 -> sorted 4 4 6 7 11.
        std::vector<uint64_t> counts(12, 0);
        counts[4] = 2, counts[6] = 1, counts[7] = 1, counts[11] = 1;
        QCOMPARE(s.length_counts, counts);
        QCOMPARE(s.min_length, int64_t{4});
        QCOMPARE(s.median_length, int64_t{6});  // nearest rank ceil(0.5 * 5) = 3rd
        QCOMPARE(s.p95_length, int64_t{11});    // ceil(0.95 * 5) = 5th
        QCOMPARE(s.max_length, int64_t{11});
        QCOMPARE(s.mean_length, 32.0 / 5);
        QCOMPARE(s.truncated_rows, uint64_t{1});
        QCOMPARE(s.truncation_rate, 0.2);
        QCOMPARE(s.word_pieces, uint64_t{21});
        QCOMPARE(s.unk_pieces, uint64_t{3});
        QCOMPARE(s.unk_rate, 3.0 / 21);
        QCOMPARE(s.words, uint64_t{19});
        QCOMPARE(s.pieces_per_word, 21.0 / 19);
        QCOMPARE(s.top_unknown_words, (std::vector<std::pair<std::string, uint64_t>>{{"\xF0\x9F\x98\x80", 2},
                                                                                    {"\xE2\x98\x83", 1}}));
        QCOMPARE(s.duplicate_rows, uint64_t{1});
        QCOMPARE(s.conflicting_duplicates, uint64_t{1});
        QCOMPARE(s.duplicate_examples, std::vector<std::string>{"hello world"});
        QCOMPARE(s.empty_text_rows, uint64_t{0});

        const auto json = s.toJson();
        QCOMPARE(json["rows"].get<int>(), 5);
        QCOMPARE(json["length"]["p95"].get<int>(), 11);
        QCOMPARE(json["label_counts"][0]["value"].get<std::string>(), std::string("neg"));
        QCOMPARE(json["truncation_rate"].get<double>(), 0.2);
        // A larger max_length truncates nothing.
        QCOMPARE(computeStatistics(examples, *tok_, 11).truncated_rows, uint64_t{0});
    }

    void emptyTextsAreNamedByLine() {
        // An empty text, white space only, an empty second text; a text of one dot is not empty.
        std::vector<Example> examples = {
            make("fine", "pos"),       make("", "neg"), make(" \t\r\n", "pos"), make("a", "neg", std::string("")),
            make(".", "pos"),          make("", "pos"), make("", "neg"),          make("", "pos"),
            make("b", "neg", std::string("c")),
        };
        for (size_t i = 0; i < examples.size(); ++i) examples[i].source_line = 10 + 2 * i;
        const DatasetStatistics s = computeStatistics(examples, *tok_, 8);
        QCOMPARE(s.empty_text_rows, uint64_t{6});
        QCOMPARE(s.empty_text_lines, (std::vector<uint64_t>{12, 14, 16, 20, 22}));  // the first five
        QCOMPARE(s.toJson()["empty_text_rows"].get<int>(), 6);
        QCOMPARE(s.toJson()["empty_text_lines"][3].get<int>(), 20);
    }

    // A pair repeats when both texts do, and is shown with both: the first text alone (149 of them
    // in a walk's file) does not say which row repeats.
    void duplicatePairsShowBothTexts() {
        const std::vector<Example> examples = {
            make("the court met", "1", std::string("it adjourned")), make("the court met", "0", std::string("it sat late")),
            make("the court met", "1", std::string("it adjourned")),
        };
        const DatasetStatistics s = computeStatistics(examples, *tok_, 16);
        QCOMPARE(s.duplicate_rows, uint64_t{1});
        QCOMPARE(s.duplicate_examples, std::vector<std::string>{"the court met [SEP] it adjourned"});
    }

    void tokenTaskCountsTags() {
        Example a;
        a.words = {"EU", "rejects", "German"}, a.tags = {"B-ORG", "O", "B-MISC"};
        a.text = "EU rejects German";
        Example b;
        b.words = {"Peter"}, b.tags = {"B-PER"}, b.text = "Peter";
        const auto s = computeStatistics({a, b}, *tok_, 128);
        QVERIFY(s.token_task);
        QCOMPARE(s.label_counts,
                 (std::vector<std::pair<std::string, uint64_t>>{{"O", 1}, {"B-MISC", 1}, {"B-ORG", 1}, {"B-PER", 1}}));
        QCOMPARE(s.words, uint64_t{4});
    }

    void badInput() {
        QCOMPARE(errorOf([&] { computeStatistics({make("a", "")}, *tok_, 0); }),
                 std::string("max_length must be at least 1, got 0"));
        const auto empty = computeStatistics({}, *tok_, 8);
        QCOMPARE(empty.rows, uint64_t{0});
        QCOMPARE(empty.unk_rate, 0.0);
    }
};

QTEST_APPLESS_MAIN(TestDatasetStatistics)
#include "test_dataset_statistics.moc"
