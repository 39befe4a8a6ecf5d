// Training a WordPiece vocabulary (core/text/wordpiece_trainer, corpus_word_counter). The expected
// vocabularies of the tiny corpora are worked out by hand in the comments, from tokenizers'
// WordPieceTrainer rules, not taken from an earlier run of this code.
#include "core/text/bert_tokenizer.h"
#include "core/text/corpus_word_counter.h"
#include "core/text/tokenizer_files.h"
#include "core/text/unicode.h"
#include "core/text/wordpiece_trainer.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <set>
#include <sstream>

using namespace bw::text;
namespace fs = std::filesystem;

namespace {

// "hug" 3 times, "pug", "pun", "bun", "hugs", and four words that occur once.
const std::string kHugCorpus = "hug hug hug pug pun bun hugs\nThe quick brown fox\n";

// Before any merge: the specials, the 18 letters in code point order, then "##" for the 13 letters
// seen inside a word, in code point order (ids 0-35).
const std::vector<std::string> kHugStart = {
    "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",                                       // 0-4
    "b", "c", "e", "f", "g", "h", "i", "k", "n", "o", "p", "q", "r", "s", "t", "u", "w", "x",  // 5-22
    "##c", "##e", "##g", "##h", "##i", "##k", "##n", "##o", "##r", "##s", "##u", "##w", "##x"};  // 23-35

// The merges, by hand. Pair counts: (##u ##g) 5 [hug x3, pug, hugs], (h ##u) 4, (##u ##n) 2
// [pun, bun], every other pair 1.
//   36 ##ug (5);  37 hug: (h ##ug) now 4;  38 ##un (2).
// Then every pair occurs once and the pair with the smaller ids wins:
//   39 br (5,31)  40 bun (5,38)  41 fo (8,30)  42 pug (15,36)  43 pun (15,38)  44 qu (16,33)
//   45 th (19,26)  46 ##ck (23,28)
// (##h ##e) and (##i ##c) are gone with th and ##ck; new pairs: (##i ##ck) = (27,46), (br ##o) ...
//   47 ##ick (27,46)  48 ##ow (30,34)   [(##o ##x) went with fo]
//   49 hugs (37,32)  50 brow (39,48)  51 fox (41,35)  52 quick (44,47)  53 the (45,24)  54 brown (50,29)
const std::vector<std::string> kHugMerges = {"##ug", "hug", "##un", "br", "bun", "fo", "pug", "pun", "qu", "th",
                                             "##ck", "##ick", "##ow", "hugs", "brow", "fox", "quick", "the", "brown"};

std::vector<std::string> concat(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

QString joined(const std::vector<std::string>& tokens) {
    QStringList list;
    for (const std::string& t : tokens) list << QString::fromStdString(t);
    return list.join(' ');
}

#define COMPARE_TOKENS(actual, expected) QCOMPARE(joined(actual), joined(expected))

WordPieceTrainerOptions options(size_t vocab_size, uint64_t min_frequency = 1, size_t limit_alphabet = 0) {
    WordPieceTrainerOptions o;
    o.vocab_size = vocab_size;
    o.min_frequency = min_frequency;
    o.limit_alphabet = limit_alphabet;
    return o;
}

std::string readAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Several hundred kilobytes of real English: enough ranges that two threads share the work.
std::string englishCorpus() {
    std::string text = readAll(bw::test::fixture("data/sst2_train_head2000.tsv"));
    text += readAll(bw::test::fixture("data/wikitext2_test_head120.txt"));  // CRLF line endings
    text += readAll(bw::test::fixture("data/imdb_train_sample25.tsv"));
    return text + text;
}

}  // namespace

class TestWordPieceTrainer : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    fs::path path(const char* name) const { return fs::path(dir_.path().toStdString()) / name; }

private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void handComputedVocabulary() {
        const fs::path corpus = bw::test::writeBytes(dir_.path().toStdString(), "hug.txt", kHugCorpus);
        const TrainedVocabulary trained = trainWordPiece({corpus}, options(100));
        COMPARE_TOKENS(trained.vocab.tokens(), concat(kHugStart, kHugMerges));
        QCOMPARE(trained.alphabet, size_t{18});
        QCOMPARE(trained.merges, kHugMerges.size());
        QCOMPARE(trained.corpus_words, uint64_t{11});
        QCOMPARE(trained.distinct_words, size_t{9});
    }

    void minFrequencyStopsMerging() {
        const fs::path corpus = bw::test::writeBytes(dir_.path().toStdString(), "hug.txt", kHugCorpus);
        // Only ##ug (5), hug (4) and ##un (2) occur twice or more.
        COMPARE_TOKENS(trainWordPiece({corpus}, options(100, 2)).vocab.tokens(),
                       concat(kHugStart, {"##ug", "hug", "##un"}));
        COMPARE_TOKENS(trainWordPiece({corpus}, options(100, 3)).vocab.tokens(), concat(kHugStart, {"##ug", "hug"}));
        COMPARE_TOKENS(trainWordPiece({corpus}, options(100, 6)).vocab.tokens(), kHugStart);
    }

    void vocabSizeIsHonoured() {
        const fs::path corpus = bw::test::writeBytes(dir_.path().toStdString(), "hug.txt", kHugCorpus);
        const std::vector<std::string> all = concat(kHugStart, kHugMerges);
        COMPARE_TOKENS(trainWordPiece({corpus}, options(45)).vocab.tokens(),
                       std::vector<std::string>(all.begin(), all.begin() + 45));
        COMPARE_TOKENS(trainWordPiece({corpus}, options(36)).vocab.tokens(), kHugStart);  // exactly the start

        // On real text the size is met exactly, and a smaller vocabulary is the start of a larger one.
        const fs::path english = bw::test::writeBytes(dir_.path().toStdString(), "english.txt", englishCorpus());
        const Vocab small = trainWordPiece({english}, options(700, 2, 1000)).vocab;
        const Vocab large = trainWordPiece({english}, options(1500, 2, 1000)).vocab;
        QCOMPARE(small.size(), size_t{700});
        QCOMPARE(large.size(), size_t{1500});
        QVERIFY(std::equal(small.tokens().begin(), small.tokens().end(), large.tokens().begin()));
    }

    void limitAlphabetKeepsTheMostFrequentCharacters() {
        // Characters: a 5, b 2, c 2, d 1. A limit of 2 keeps a and b (b and c tie: the smaller code
        // point stays). "ac" keeps only its a, "d" nothing; (a ##b) occurs twice and is merged.
        const fs::path corpus = bw::test::writeBytes(dir_.path().toStdString(), "abc.txt", "ab ab ac ac a d\n");
        const TrainedVocabulary trained = trainWordPiece({corpus}, options(100, 2, 2));
        COMPARE_TOKENS(trained.vocab.tokens(),
                       (std::vector<std::string>{"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "b", "##b", "ab"}));
        QCOMPARE(trained.alphabet, size_t{2});
        // No limit: every character, and the "##" forms of b and c.
        COMPARE_TOKENS(trainWordPiece({corpus}, options(100, 2, 0)).vocab.tokens(),
                       (std::vector<std::string>{"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "b", "c", "d",
                                                 "##b", "##c", "ab", "ac"}));

        // A tokenizer with it: characters left out are unknown, the rest is not.
        const BertTokenizer tokenizer(trained.vocab, trained.tokenizer);
        COMPARE_TOKENS(tokenizer.tokenize("ab a ac d"), (std::vector<std::string>{"ab", "a", "[UNK]", "[UNK]"}));
    }

    void droppedCharacterSplitsItsWord() {
        // b 6, a 5, x 3: a limit of 2 leaves x out, and "axb" becomes a, gap, ##b: no "ab" is learnt
        // from letters that never touch (tokenizers would join them; see wordpiece_trainer.h).
        // The pairs left: (a ##a), (##a ##b) from "aab" and (b ##b) from "bb", once each:
        // aa, then bb, then aab.
        const fs::path corpus = bw::test::writeBytes(dir_.path().toStdString(), "axb.txt", "axb axb axb aab bb\n");
        COMPARE_TOKENS(trainWordPiece({corpus}, options(100, 1, 2)).vocab.tokens(),
                       (std::vector<std::string>{"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "b", "##a", "##b",
                                                 "aa", "bb", "aab"}));
    }

    void specialTokensComeFirst() {
        const fs::path corpus = bw::test::writeBytes(dir_.path().toStdString(), "hug.txt", kHugCorpus);
        QCOMPARE(trainWordPiece({corpus}, options(100)).vocab.id("[PAD]"), std::optional<int32_t>(0));
        WordPieceTrainerOptions o = options(100);
        o.special_tokens = {"[CLS]", "[SEP]", "[UNK]", "<extra>", "[PAD]", "[MASK]"};
        const Vocab vocab = trainWordPiece({corpus}, o).vocab;
        for (int32_t id = 0; id < 6; ++id) QCOMPARE(vocab.token(id), o.special_tokens[static_cast<size_t>(id)]);
        QCOMPARE(vocab.token(6), std::string("b"));
    }

    void sameVocabularyEveryRunAndThreadCount() {
        const fs::path corpus = bw::test::writeBytes(dir_.path().toStdString(), "english.txt", englishCorpus());
        std::vector<std::string> files_of_each_run[3];
        const int threads[3] = {1, 2, 2};
        for (int run = 0; run < 3; ++run) {
            WordPieceTrainerOptions o = options(2000, 2, 1000);
            o.threads = threads[run];
            const TrainedVocabulary trained = trainWordPiece({corpus}, o);
            const fs::path out = path(("run" + std::to_string(run)).c_str());
            writeTokenizerDirectory(out, trained.vocab, trained.tokenizer);
            for (const char* name : {"vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"})
                files_of_each_run[run].push_back(readAll(out / name));
        }
        QCOMPARE(files_of_each_run[0].size(), size_t{4});
        for (size_t f = 0; f < 4; ++f) {
            QVERIFY2(files_of_each_run[0][f] == files_of_each_run[1][f], "1 thread and 2 threads differ");
            QVERIFY2(files_of_each_run[1][f] == files_of_each_run[2][f], "two runs differ");
        }
    }

    void wordCountsDoNotDependOnThreads() {
        // A line longer than a range, CRLF endings, blank lines, no newline at the end.
        std::string text = englishCorpus() + std::string(70000, 'z') + " end\r\n\r\n\nfinalword without newline";
        const fs::path corpus = bw::test::writeBytes(dir_.path().toStdString(), "mixed.txt", text);
        WordCountOptions o;
        o.threads = 1;
        const CorpusWords one = countCorpusWords({corpus}, o);
        o.threads = 3;
        const CorpusWords three = countCorpusWords({corpus, corpus}, o);
        QCOMPARE(three.lines, 2 * one.lines);
        QCOMPARE(three.words, 2 * one.words);
        QCOMPARE(three.counts.size(), one.counts.size());
        for (const auto& [word, count] : one.counts) QCOMPARE(three.counts.at(word), 2 * count);
        QCOMPARE(one.counts.at(std::string(70000, 'z')), uint64_t{1});
        QCOMPARE(one.counts.at("finalword"), uint64_t{1});
        QVERIFY(!one.counts.count("end\r"));
        QCOMPARE(one.bytes, static_cast<uint64_t>(text.size()));
        QCOMPARE(one.lines, static_cast<uint64_t>(std::count(text.begin(), text.end(), '\n') + 1));
    }

    void roundTripsThroughTheLoader() {
        const fs::path corpus = bw::test::writeBytes(dir_.path().toStdString(), "english.txt", englishCorpus());
        const TrainedVocabulary trained = trainWordPiece({corpus}, options(3000, 2, 1000));
        const fs::path out = path("roundtrip");
        writeTokenizerDirectory(out, trained.vocab, trained.tokenizer);
        for (const char* name : {"vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"})
            QVERIFY2(fs::exists(out / name), name);

        const BertTokenizer tokenizer = BertTokenizer::fromDirectory(out);
        QCOMPARE(tokenizer.vocab().tokens(), trained.vocab.tokens());
        QCOMPARE(Vocab::fromFile(out / "vocab.txt").tokens(), trained.vocab.tokens());
        QCOMPARE(tokenizer.padId(), 0);
        QCOMPARE(tokenizer.unkId(), 1);
        QCOMPARE(tokenizer.clsId(), 2);
        QCOMPARE(tokenizer.sepId(), 3);
        QCOMPARE(tokenizer.maskId(), 4);
        QVERIFY(tokenizer.options().do_lower_case);

        // A sentence that is not in the corpus, made of characters that are: no [UNK].
        const std::string held_out = "Zany reviewers quietly overthink Bertwork's jumbled vocabulary, 1987!";
        const Encoding e = tokenizer.encode(held_out);
        QVERIFY(e.size() > 10);
        for (int32_t id : e.ids) QVERIFY2(id != tokenizer.unkId(), qPrintable(joined(tokenizer.tokenize(held_out))));
        QCOMPARE(QString::fromStdString(tokenizer.decode(e.ids)),
                 QString("zany reviewers quietly overthink bertwork ' s jumbled vocabulary, 1987!"));  // tokenizers' decoder
        // Frequent words of the corpus are whole tokens.
        for (const char* word : {"the", "film", "movie", "and"}) QVERIFY2(trained.vocab.contains(word), word);
    }

    void casedTrainingKeepsCaseAndAccents() {
        const fs::path corpus = bw::test::writeBytes(dir_.path().toStdString(), "cased.txt", "Café café CAFÉ Café\n");
        WordPieceTrainerOptions o = options(100);
        o.lowercase = false;
        const TrainedVocabulary cased = trainWordPiece({corpus}, o);
        QVERIFY(cased.vocab.contains("Café"));
        QVERIFY(cased.vocab.contains("C"));
        QVERIFY(!cased.tokenizer.do_lower_case);
        o.strip_accents = true;
        QVERIFY(trainWordPiece({corpus}, o).vocab.contains("Cafe"));
        const TrainedVocabulary uncased = trainWordPiece({corpus}, options(100));
        QVERIFY(uncased.vocab.contains("cafe"));
        QVERIFY(!uncased.vocab.contains("C") && !uncased.vocab.contains("é"));
    }

    void chineseCharactersAreSingleTokens() {
        const fs::path corpus = bw::test::fixture("data/chnsenticorp_train_text_head300.txt");
        WordPieceTrainerOptions o = options(3000, 2, 0);
        o.lowercase = false;  // as bert-base-chinese
        const TrainedVocabulary trained = trainWordPiece({corpus}, o);
        std::set<char32_t> seen;
        for (char32_t c : decodeUtf8(readAll(corpus)))
            if (isChineseChar(c)) seen.insert(c);
        QVERIFY(seen.size() > 1000);
        size_t merged = 0;
        for (const std::string& token : trained.vocab.tokens()) {
            const std::u32string chars = decodeUtf8(token);
            const bool has_cjk = std::any_of(chars.begin(), chars.end(), isChineseChar);
            // A CJK character is always a word of its own: a token holding one is that character alone.
            if (has_cjk) QVERIFY2(chars.size() == 1, token.c_str());
            if (!has_cjk && chars.size() > 1 && token.rfind("##", 0) != 0) ++merged;
        }
        for (char32_t c : seen) QVERIFY(trained.vocab.contains(encodeUtf8(std::u32string(1, c))));
        QVERIFY(merged > 0);  // the Latin letters and digits of the reviews still merge

        const BertTokenizer tokenizer(trained.vocab, trained.tokenizer);
        COMPARE_TOKENS(tokenizer.tokenize("酒店很好，服务一般"),
                       (std::vector<std::string>{"酒", "店", "很", "好", "，", "服", "务", "一", "般"}));
    }

    void badInputGivesClearErrors() {
        using bw::test::errorOf;
        const fs::path good = bw::test::writeBytes(dir_.path().toStdString(), "hug.txt", kHugCorpus);
        auto contains = [](const std::string& message, const std::string& fragment) {
            if (message.find(fragment) != std::string::npos) return true;
            qWarning("%s", message.c_str());
            return false;
        };
        QVERIFY(contains(errorOf([&] { trainWordPiece({path("missing.txt")}, options(100)); }), "missing.txt: cannot open"));
        QVERIFY(contains(errorOf([&] { trainWordPiece({fs::path(dir_.path().toStdString())}, options(100)); }),
                         "is a directory"));

        // Line 5,003 of a file big enough for several ranges, read by two threads.
        std::string big;
        for (int i = 0; i < 5002; ++i) big += "line number " + std::to_string(i) + " of a long corpus\n";
        big += "caf\xe9 au lait (Latin-1, not UTF-8)\nmore\n";
        const fs::path latin1 = bw::test::writeBytes(dir_.path().toStdString(), "latin1.txt", big);
        WordPieceTrainerOptions two = options(100);
        two.threads = 2;
        QVERIFY(contains(errorOf([&] { trainWordPiece({good, latin1}, two); }), "latin1.txt:5003: invalid UTF-8 at byte 4"));

        QVERIFY(contains(errorOf([&] { trainWordPiece({good}, options(35)); }),
                         "a vocabulary size of 35 is too small: the 5 special tokens and the 18 characters"));
        WordPieceTrainerOptions no_unk = options(100);
        no_unk.special_tokens = {"[PAD]", "[CLS]", "[SEP]"};
        QVERIFY(contains(errorOf([&] { trainWordPiece({good}, no_unk); }), "the special tokens must include [UNK]"));
        WordPieceTrainerOptions spaced = options(100);
        spaced.special_tokens.push_back("[MY TOKEN]");
        QVERIFY(contains(errorOf([&] { trainWordPiece({good}, spaced); }), "contains a space"));
        const fs::path blank = bw::test::writeBytes(dir_.path().toStdString(), "blank.txt", "\n  \n\t\n");
        QVERIFY(contains(errorOf([&] { trainWordPiece({blank}, options(100)); }),
                         "blank.txt: no words to learn from (3 lines, 6 bytes, only spaces or nothing)"));
        QVERIFY(contains(errorOf([&] { trainWordPiece(std::vector<fs::path>{}, options(100)); }), "no corpus files"));
    }

    void progressAndCancel() {
        const fs::path corpus = bw::test::writeBytes(dir_.path().toStdString(), "english.txt", englishCorpus());
        std::vector<TrainingProgress> seen;
        WordPieceTrainerOptions o = options(1000, 2, 1000);
        o.progress = [&](const TrainingProgress& p) { seen.push_back(p); };
        trainWordPiece({corpus}, o);
        QVERIFY(seen.size() >= 2);
        QCOMPARE(seen.front().stage, TrainingStage::CountingWords);
        QCOMPARE(seen.back().stage, TrainingStage::Merging);
        QCOMPARE(seen.back().done, uint64_t{1000});
        for (const TrainingProgress& p : seen) QVERIFY(p.done <= p.total);
        const auto last_count = std::find_if(seen.rbegin(), seen.rend(),
                                             [](const auto& p) { return p.stage == TrainingStage::CountingWords; });
        QCOMPARE(last_count->done, last_count->total);

        std::atomic<bool> cancel{true};
        o.cancel = &cancel;
        bool cancelled = false;
        try {
            trainWordPiece({corpus}, o);
        } catch (const TrainingCancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        // Cancelled while merging: the flag is set at the first report of that stage.
        cancel = false;
        o.progress = [&](const TrainingProgress& p) {
            if (p.stage == TrainingStage::Merging) cancel = true;
        };
        cancelled = false;
        try {
            trainWordPiece({corpus}, o);
        } catch (const TrainingCancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
    }
};

QTEST_GUILESS_MAIN(TestWordPieceTrainer)
#include "test_wordpiece_trainer.moc"
