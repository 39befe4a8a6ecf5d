// WordPiece parity with Hugging Face: the 612 golden cases of the original BertTokenizer (both
// casings), the Chinese vocabulary, and the long-word / missing-piece rules. Expected values come
// from Hugging Face (golden file, or tokenizers 0.23.2 where noted), never from this code.
#include "core/runtime/error.h"
#include "core/text/bert_tokenizer.h"
#include "core/text/wordpiece.h"

#include <QtTest>
#include <nlohmann/json.hpp>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

using namespace bw::text;

namespace {

const std::string kFixtures = BW_FIXTURES_DIR;

struct GoldenCase {
    std::string text;
    bool lower = true;
    std::vector<std::string> tokens;
    std::vector<int32_t> ids;
};

std::string joined(const std::vector<std::string>& tokens) {
    std::string s;
    for (const auto& t : tokens) s += (s.empty() ? "" : " | ") + t;
    return s;
}

std::string joined(const std::vector<int32_t>& ids) {
    std::string s;
    for (int32_t id : ids) s += (s.empty() ? "" : " ") + std::to_string(id);
    return s;
}

EncodeOptions noSpecialTokens() {
    EncodeOptions o;
    o.add_special_tokens = false;
    return o;
}

}  // namespace

class TestWordPiece : public QObject {
    Q_OBJECT

    std::vector<GoldenCase> cases_;
    std::unique_ptr<BertTokenizer> lower_, cased_;

private slots:
    void initTestCase() {
        std::ifstream in(kFixtures + "/golden/tokenizer_uncased.json");
        QVERIFY(in.good());
        const auto doc = nlohmann::json::parse(in);
        for (const auto& c : doc.at("cases"))
            cases_.push_back({c.at("text").get<std::string>(), c.at("do_lower_case").get<bool>(),
                              c.at("tokens").get<std::vector<std::string>>(),
                              c.at("ids").get<std::vector<int32_t>>()});
        QCOMPARE(cases_.size(), size_t{612});

        const std::string vocab = kFixtures + "/vocab/bert-base-uncased/vocab.txt";
        TokenizerOptions lower;
        lower.do_lower_case = true;
        TokenizerOptions cased;
        cased.do_lower_case = false;
        lower_ = std::make_unique<BertTokenizer>(BertTokenizer::fromVocabFile(vocab, lower));
        cased_ = std::make_unique<BertTokenizer>(BertTokenizer::fromVocabFile(vocab, cased));
    }

    void golden_data() {
        QTest::addColumn<int>("index");
        for (size_t i = 0; i < cases_.size(); ++i)
            QTest::addRow("%zu-%s", i, cases_[i].lower ? "lower" : "cased") << static_cast<int>(i);
    }

    void golden() {
        QFETCH(int, index);
        const GoldenCase& c = cases_[static_cast<size_t>(index)];
        const BertTokenizer& tok = c.lower ? *lower_ : *cased_;
        const std::vector<std::string> tokens = tok.tokenize(c.text);
        QVERIFY2(tokens == c.tokens, ("text \"" + c.text + "\"\n   got: " + joined(tokens) +
                                      "\nwanted: " + joined(c.tokens)).c_str());
        const std::vector<int32_t> ids = tok.encode(c.text, noSpecialTokens()).ids;
        QVERIFY2(ids == c.ids,
                 ("text \"" + c.text + "\"\n   got: " + joined(ids) + "\nwanted: " + joined(c.ids)).c_str());
    }

    void chineseVocabularySplitsCharByChar_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("tokens");
        QTest::addColumn<QList<int>>("ids");
        // tokenizers 0.23.2, BertNormalizer(lowercase) + BertPreTokenizer + WordPiece(bert-base-chinese).
        QTest::newRow("sentence") << QStringLiteral("我爱北京天安门。今天天气很好！")
                                  << QStringList{"我", "爱", "北", "京", "天", "安", "门", "。", "今", "天", "天", "气",
                                                 "很", "好", "！"}
                                  << QList<int>{2769, 4263, 1266, 776, 1921, 2128, 7305, 511, 791, 1921, 1921, 3698,
                                                2523, 1962, 8013};
        QTest::newRow("mixed") << QStringLiteral("BERT模型在2018年发布，效果很好。")
                               << QStringList{"be", "##rt", "模", "型", "在", "2018", "年", "发", "布", "，", "效",
                                              "果", "很", "好", "。"}
                               << QList<int>{8815, 8716, 3563, 1798, 1762, 8271, 2399, 1355, 2357, 8024, 3126, 3362,
                                             2523, 1962, 511};
        QTest::newRow("rare ideographs") << QStringLiteral("𠀀龘") << QStringList{"[UNK]", "[UNK]"}
                                         << QList<int>{100, 100};
    }

    void chineseVocabularySplitsCharByChar() {
        QFETCH(QString, text);
        QFETCH(QStringList, tokens);
        QFETCH(QList<int>, ids);
        static const BertTokenizer tok = BertTokenizer::fromVocabFile(kFixtures + "/vocab/bert-base-chinese/vocab.txt");
        const Encoding e = tok.encode(text.toStdString(), noSpecialTokens());
        QStringList got;
        for (const auto& t : e.tokens) got << QString::fromStdString(t);
        QCOMPARE(got, tokens);
        QCOMPARE(QList<int>(e.ids.begin(), e.ids.end()), ids);
        // One character per token, so offsets are consecutive code points... except "be ##rt" and "2018".
        if (QTest::currentDataTag() == QByteArray("sentence")) {
            for (size_t i = 0; i < e.size(); ++i) QCOMPARE(e.offsets[i], (Offset{int64_t(i), int64_t(i) + 1}));
        }
    }

    // max_input_chars_per_word = 100 counts normalized code points (tokenizers 0.23.2 outputs).
    void wordsOverMaxCharsAreUnknown() {
        const Encoding at_limit = lower_->encode(std::string(100, 'a'), noSpecialTokens());
        QCOMPARE(at_limit.size(), size_t{50});  // aaa ##aa x48 ##a
        QCOMPARE(at_limit.tokens.front(), std::string("aaa"));
        QCOMPARE(at_limit.tokens.back(), std::string("##a"));

        const Encoding over = lower_->encode(std::string(101, 'a'), noSpecialTokens());
        QCOMPARE(over.tokens, std::vector<std::string>{"[UNK]"});
        QCOMPARE(over.ids, std::vector<int32_t>{100});
        QCOMPARE(over.offsets, (std::vector<Offset>{Offset{0, 101}}));

        std::string ab = "x ";
        for (int i = 0; i < 50; ++i) ab += "ab";
        ab += "c";
        const Encoding mixed = lower_->encode(ab, noSpecialTokens());
        QCOMPARE(mixed.tokens, (std::vector<std::string>{"x", "[UNK]"}));
        QCOMPARE(mixed.offsets, (std::vector<Offset>{{0, 1}, {2, 103}}));

        // 100 accented letters are 100 code points after NFD + mark stripping: not too long.
        std::string accents;
        for (int i = 0; i < 100; ++i) accents += "\xC3\xA9";  // é
        const Encoding e = lower_->encode(accents, noSpecialTokens());
        QCOMPARE(e.size(), size_t{50});
        QCOMPARE(e.tokens.front(), std::string("ee"));
        QCOMPARE(e.offsets.back(), (Offset{98, 100}));
    }

    // The matcher on its own, with a vocabulary small enough to reason about by hand.
    void greedyLongestMatchFirst() {
        const Vocab vocab({"[UNK]", "un", "una", "##aff", "##able", "##a", "##ffa", "##ble", "aff", "x"});
        const WordPiece wp(vocab, 0, "##", 10);
        auto pieces = [&](const std::u32string& word) {
            std::vector<WordPiece::Piece> out;
            wp.tokenize(word, out);
            std::vector<std::string> tokens;
            for (const auto& p : out) tokens.push_back(vocab.token(p.id));
            return tokens;
        };
        // "una" is longer than "un", so it wins even though "un ##aff ##able" would also cover the word.
        QCOMPARE(pieces(U"unaffable"), (std::vector<std::string>{"una", "##ffa", "##ble"}));
        QCOMPARE(pieces(U"unable"), (std::vector<std::string>{"una", "##ble"}));
        QCOMPARE(pieces(U"affa"), (std::vector<std::string>{"aff", "##a"}));
        // "##x" is missing: one missing piece makes the whole word [UNK].
        QCOMPARE(pieces(U"unx"), (std::vector<std::string>{"[UNK]"}));
        QCOMPARE(pieces(U"xxxxxxxxxxx"), (std::vector<std::string>{"[UNK]"}));  // 11 > 10 chars

        std::vector<WordPiece::Piece> out;
        wp.tokenize(U"unaffable", out);
        QCOMPARE(out.size(), size_t{3});
        QCOMPARE(out[1].begin, 3u);
        QCOMPARE(out[1].end, 6u);
    }

    void customContinuationPrefix() {
        const Vocab vocab({"<unk>", "play", "@@ing", "@@s"});
        const WordPiece wp(vocab, 0, "@@", 100);
        std::vector<WordPiece::Piece> out;
        wp.tokenize(U"playing", out);
        QCOMPARE(out.size(), size_t{2});
        QCOMPARE(out[0].id, 1);
        QCOMPARE(out[1].id, 2);
    }
};

QTEST_APPLESS_MAIN(TestWordPiece)
#include "test_wordpiece.moc"
