// Format detection, the import preview and the content hash (core/data).
#include "core/data/content_hash.h"
#include "core/data/data_format.h"
#include "core/data/dataset_preview.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace bw::data;
using bw::test::errorOf;
namespace fs = std::filesystem;

class TestDatasetFormat : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;

    fs::path write(const std::string& name, const std::string& bytes) {
        return bw::test::writeBytes(tmp_.path().toStdString(), name, bytes);
    }

private slots:
    void formatNames() {
        for (auto f : {DataFormat::Auto, DataFormat::Csv, DataFormat::Tsv, DataFormat::Jsonl, DataFormat::Conll,
                       DataFormat::PlainText})
            QCOMPARE(parseFormat(formatName(f)), std::optional<DataFormat>(f));
        QCOMPARE(parseFormat("JSON"), std::optional<DataFormat>(DataFormat::Jsonl));
        QVERIFY(!parseFormat("xlsx"));
    }

    void detectsRealFiles() {
        QCOMPARE(detectFormat(bw::test::fixture("data/sst2_train_head300.tsv")).format, DataFormat::Tsv);
        QCOMPARE(detectFormat(bw::test::fixture("data/sst2_train_head300.tsv")).delimiter, '\t');
        // Both .txt: token lines of 4 columns grouped by blank lines, and CRLF paragraphs.
        QCOMPARE(detectFormat(bw::test::fixture("data/conll2003_train_head40.txt")).format, DataFormat::Conll);
        QCOMPARE(detectFormat(bw::test::fixture("data/wikitext2_test_head120.txt")).format, DataFormat::PlainText);
    }

    void sniffsContent() {
        struct Case {
            std::string name, bytes;
            DataFormat format;
            char delimiter;
        };
        const std::vector<Case> cases = {
            {"tabs.txt", "sentence\tlabel\ngood\t1\nbad\t0\n", DataFormat::Tsv, '\t'},
            {"commas.txt", "text,label\n\"good, really\",1\nbad,0\n", DataFormat::Csv, ','},
            {"multiline.dat", "text,label\n\"two\nlines\",1\nbad,0\n", DataFormat::Csv, ','},
            {"semicolons", "text;label\ngood;1\nbad;0\n", DataFormat::Csv, ';'},
            {"pipes.txt", "text|label\ngood, really|1\nbad|0\n", DataFormat::Csv, '|'},
            {"pipes.csv", "text|label\ngood|1\n", DataFormat::Csv, '|'},
            {"a table in prose.txt", "Use a | b to pipe.\nThe end.\n", DataFormat::PlainText, 0},
            {"objects.txt", "{\"text\": \"a\"}\n\n{\"text\": \"b\"}\n", DataFormat::Jsonl, 0},
            {"tagged.txt", "EU B-ORG\nrejects O\n\nPeter B-PER\n", DataFormat::Conll, 0},
            {"prose.txt", "It was a dark night, and cold.\nThe end, or so it seemed.\n\nNext, a story.\n",
             DataFormat::PlainText, 0},
            {"one_line.txt", "Hello, world\n", DataFormat::PlainText, 0},
            // One-line paragraphs of equal word counts: columns and blank lines as CoNLL has, but no
            // sentence of two tokens or more (it was read as CoNLL, the last word as a tag).
            {"paragraphs.txt", "Sentence one of a corpus.\n\nSentence two of a corpus.\n\nSentence three of a corpus.\n",
             DataFormat::PlainText, 0},
            {"empty.txt", "", DataFormat::PlainText, 0},
            // Extensions decide; a .csv without commas but with tabs is tab-separated.
            {"tabs.csv", "text\tlabel\na\t1\n", DataFormat::Tsv, '\t'},
            {"data.json", "{\"text\": \"a\"}\n", DataFormat::Jsonl, 0},
            {"data.conll", "EU B-ORG\n", DataFormat::Conll, 0},
            {"commas.tsv", "a,b\n", DataFormat::Tsv, '\t'},
            // ... but a .tsv of word<TAB>tag lines grouped into sentences by blank lines is CoNLL,
            // while a .tsv of two-column rows without sentence breaks stays TSV.
            {"tagged.tsv", "LEICESTERSHIRE\tB-COMPANY\nTAKE\tO\n\nLONDON\tB-GPE\n1996-08-30\tO\n", DataFormat::Conll, 0},
            {"words.tsv", "word\tlabel\ngood\t1\nbad\t0\n", DataFormat::Tsv, '\t'},
        };
        for (const auto& c : cases) {
            const FormatGuess guess = detectFormat(write(c.name, c.bytes));
            QVERIFY2(guess.format == c.format, (c.name + " detected as " + formatName(guess.format)).c_str());
            QVERIFY2(guess.delimiter == c.delimiter, c.name.c_str());
        }
        QVERIFY(errorOf([&] { detectFormat(fs::path(tmp_.path().toStdString()) / "absent.csv"); })
                    .find("absent.csv: cannot open") != std::string::npos);
    }

    void explicitFormatWins() {
        // A comma file read as plain text: every line is one example.
        const auto path = write("commas2.txt", "text,label\ngood,1\n");
        const auto examples = readExamples(path, DataFormat::PlainText);
        QCOMPARE(examples.size(), size_t{2});
        QCOMPARE(examples[0].text, std::string("text,label"));
    }

    void previewDelimited() {
        const auto preview = previewRows(bw::test::fixture("data/sst2_train_head300.tsv"), DataFormat::Auto, 3);
        QCOMPARE(preview.format, DataFormat::Tsv);
        QCOMPARE(preview.delimiter, '\t');
        QVERIFY(preview.has_header);
        QCOMPARE(preview.columns, (std::vector<std::string>{"sentence", "label"}));
        QCOMPARE(preview.rows.size(), size_t{3});
        QCOMPARE(preview.rows[1], (std::vector<std::string>{"contains no wit , only labored gags ", "0"}));
        QCOMPARE(preview.row_lines, (std::vector<uint64_t>{2, 3, 4}));
        QCOMPARE(preview.mapped.text, 0);
        QCOMPARE(preview.mapped.label, 1);
        QCOMPARE(preview.mapped.text_pair, -1);
        QCOMPARE(preview.total_bytes, uint64_t(fs::file_size(bw::test::fixture("data/sst2_train_head300.tsv"))));

        // IMDB: defaults pick "text" and "label" out of label, rating, id, text.
        const auto imdb = previewRows(bw::test::fixture("data/imdb_train_sample25.tsv"), DataFormat::Auto, 1);
        QCOMPARE(imdb.mapped.text, 3);
        QCOMPARE(imdb.mapped.label, 0);
        ColumnMapping rating;
        rating.label = "rating";
        QCOMPARE(previewRows(bw::test::fixture("data/imdb_train_sample25.tsv"), DataFormat::Auto, 1, rating).mapped.label,
                 1);
    }

    void previewOtherFormats() {
        const auto conll = previewRows(bw::test::fixture("data/conll2003_train_head40.txt"), DataFormat::Auto, 4);
        QCOMPARE(conll.format, DataFormat::Conll);
        QCOMPARE(conll.columns.size(), size_t{4});
        QCOMPARE(conll.rows[0], (std::vector<std::string>{"EU", "NNP", "B-NP", "B-ORG"}));
        QCOMPARE(conll.mapped.text, 0);
        QCOMPARE(conll.mapped.label, 3);

        const auto jsonl = previewRows(write("p.jsonl", "{\"text\": \"a\", \"meta\": {\"k\": 1}}\n{\"text\": \"b\"}\n"),
                                       DataFormat::Auto, 10);
        QCOMPARE(jsonl.columns, (std::vector<std::string>{"text", "meta"}));
        QCOMPARE(jsonl.rows[0], (std::vector<std::string>{"a", "{\"k\":1}"}));
        QCOMPARE(jsonl.rows[1], (std::vector<std::string>{"b", ""}));
        QCOMPARE(jsonl.mapped.label, -1);

        const auto text = previewRows(bw::test::fixture("data/wikitext2_test_head120.txt"), DataFormat::Auto, 2);
        QCOMPARE(text.format, DataFormat::PlainText);
        QCOMPARE(text.rows[0], (std::vector<std::string>{"= Robert Boulter ="}));
        QCOMPARE(text.row_lines, (std::vector<uint64_t>{3, 8}));

        const auto empty = previewRows(write("nothing.csv", ""), DataFormat::Auto, 5);
        QVERIFY(empty.columns.empty() && empty.rows.empty());
    }

    void contentHashIsFnv1a() {
        // FNV-1a 64 test vectors (Fowler/Noll/Vo reference): "" -> cbf29ce484222325,
        // "a" -> af63dc4c8601ec8c, "foobar" -> 85944171f73967e8.
        QCOMPARE(contentHash(write("h0", "")), std::string("cbf29ce484222325"));
        QCOMPARE(contentHash(write("h1", "a")), std::string("af63dc4c8601ec8c"));
        QCOMPARE(contentHash(write("h2", "foobar")), std::string("85944171f73967e8"));
        // Streamed over several chunks: equal content, equal hash; one byte changed, another hash.
        std::string big(3 * 1024 * 1024 + 17, 'z');
        const std::string h = contentHash(write("big1", big));
        QCOMPARE(contentHash(write("big2", big)), h);
        big[2 * 1024 * 1024 + 5] = 'y';
        QVERIFY(contentHash(write("big3", big)) != h);
        QVERIFY(errorOf([&] { contentHash(fs::path(tmp_.path().toStdString()) / "absent"); }).find("cannot open") !=
                std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestDatasetFormat)
#include "test_dataset_format.moc"
