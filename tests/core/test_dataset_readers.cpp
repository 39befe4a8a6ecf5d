// Dataset readers (core/data): CSV edge cases written here byte by byte, and slices of the real
// SST-2, IMDB, ChnSentiCorp, CoNLL-2003 and WikiText-2 files in tests/fixtures/data, whose expected
// counts come from Python's csv module / plain Python on the same slices (noted at each test).
#include "core/data/csv_line.h"
#include "core/data/conll_reader.h"
#include "core/data/dataset_preview.h"
#include "core/data/delimited_reader.h"
#include "core/data/line_reader.h"
#include "core/data/record_reader.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

using namespace bw::data;
using bw::test::errorOf;
namespace fs = std::filesystem;

namespace {

std::map<std::string, int> labelCounts(const std::vector<Example>& examples) {
    std::map<std::string, int> counts;
    for (const auto& e : examples) ++counts[e.label];
    return counts;
}

ColumnMapping mapped(std::optional<std::string> text, std::optional<std::string> label) {
    ColumnMapping m;
    m.text = std::move(text);
    m.label = std::move(label);
    return m;
}

}  // namespace

class TestDatasetReaders : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;

    fs::path write(const std::string& name, const std::string& bytes) {
        return bw::test::writeBytes(tmp_.path().toStdString(), name, bytes);
    }

private slots:
    // --- CSV ------------------------------------------------------------------------------------

    void csvQuotingBomAndCrlf() {
        const auto path = write("quoted.csv",
                                "\xEF\xBB\xBF"
                                "text,label\r\n"
                                "\"hello, world\",pos\r\n"
                                "\"she said \"\"hi\"\"\",neg\r\n"
                                "\"line one\r\nline two\",pos\r\n"
                                "plain \"inner\" quotes,neg\r\n"
                                "\"\",neg");  // empty quoted field, no final newline
        auto reader = openDatasetReader(path);
        QCOMPARE(reader->format(), DataFormat::Csv);
        QCOMPARE(reader->columns(), (std::vector<std::string>{"text", "label"}));  // BOM not part of "text"
        const auto examples = readExamples(path);
        QCOMPARE(examples.size(), size_t{5});
        QCOMPARE(examples[0].text, std::string("hello, world"));
        QCOMPARE(examples[1].text, std::string("she said \"hi\""));
        QCOMPARE(examples[2].text, std::string("line one\r\nline two"));  // the file's own line break
        QCOMPARE(examples[3].text, std::string("plain \"inner\" quotes"));
        QCOMPARE(examples[4].text, std::string());
        QCOMPARE(examples[0].label, std::string("pos"));
        QCOMPARE(examples[1].label, std::string("neg"));
        QCOMPARE(examples[2].source_line, uint64_t{4});
        QCOMPARE(examples[3].source_line, uint64_t{6});  // after the two-line record
        QCOMPARE(examples[4].source_line, uint64_t{7});
        QVERIFY(!examples[0].text_pair);
    }

    void csvWithoutHeaderByIndex() {
        const auto path = write("plain.csv", "good movie,1\nbad movie,0\nfine movie,1\n");
        const auto examples = readExamples(path, DataFormat::Auto, mapped("0", "1"));
        QCOMPARE(examples.size(), size_t{3});  // the first row is data: its label cell is a number
        QCOMPARE(examples[0].text, std::string("good movie"));
        QCOMPARE(examples[0].label, std::string("1"));
        QCOMPARE(examples[0].source_line, uint64_t{1});
        QCOMPARE(openDatasetReader(path)->columns(), (std::vector<std::string>{"0", "1"}));
        // Unmapped: text = column 0, no label column.
        const auto unmapped = readExamples(path);
        QCOMPARE(unmapped[1].text, std::string("bad movie"));
        QCOMPARE(unmapped[1].label, std::string());
    }

    void csvHeaderDetection() {
        // A well-known column name.
        const auto known = write("known.csv", "review,stars\ngreat,5\nawful,1\n");
        auto reader = openDatasetReader(known);
        auto* delimited = dynamic_cast<DelimitedReader*>(reader.get());
        QVERIFY(delimited && delimited->hasHeader());
        QCOMPARE(readExamples(known).size(), size_t{2});
        // Unknown names above a numeric column.
        const auto numeric = write("numeric.csv", "my_text,my_score\na,1\nb,2\n");
        QCOMPARE(readExamples(numeric).size(), size_t{2});
        // Unknown names above a column of few distinct labels (8+ rows).
        std::string categorical = "words,mood\n";
        for (int i = 0; i < 12; ++i) categorical += "row " + std::to_string(i) + (i % 2 ? ",happy\n" : ",sad\n");
        const auto cat = write("categorical.csv", categorical);
        const auto cat_examples = readExamples(cat, DataFormat::Auto, mapped("words", "mood"));
        QCOMPARE(cat_examples.size(), size_t{12});
        QCOMPARE(readExamples(cat, DataFormat::Auto, mapped("0", "1")).size(), size_t{12});
        // Unknown names (German) above a numeric column with a missing value: an empty cell says
        // nothing about the column (it once hid the header, which became a row labelled "Bewertung").
        const auto german = write("bewertungen.csv", "Titel;Rezensionstext;Bewertung\nGut;Ein schönes Buch;5\n"
                                                     "Naja;Geht so;\nSchlecht;Langweilig;1\n");
        auto german_reader = openDatasetReader(german);
        auto* german_table = dynamic_cast<DelimitedReader*>(german_reader.get());
        QVERIFY(german_table && german_table->hasHeader());
        QCOMPARE(german_reader->columns(), (std::vector<std::string>{"Titel", "Rezensionstext", "Bewertung"}));
        // A column of empty cells alone is no reason: the first row of this file is data.
        const auto empty_column = write("empty-column.csv", "a,\nb,\nc,\n");
        QCOMPARE(readExamples(empty_column).size(), size_t{3});
        // The explicit setting wins: the header row becomes data.
        ColumnMapping no_header;
        no_header.has_header = false;
        const auto forced = readExamples(known, DataFormat::Auto, no_header);
        QCOMPARE(forced.size(), size_t{3});
        QCOMPARE(forced[0].text, std::string("review"));
    }

    // The one way Bertwork writes a CSV line (the CLI's tables, the window's exports), read back by
    // its own CSV reader: quoted where a field needs it, "\n" at the end.
    void csvLinesAreWrittenOneWay() {
        QCOMPARE(csvLine({"plain", "a,b", "say \"hi\"", "two\nlines", ""}),
                 std::string("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\n"));
        const auto path = write("written.csv", "text,label\n" + csvLine({"a, \"quoted\"\nreview", "1"}));
        const auto read = readExamples(path);
        QCOMPARE(read.size(), size_t{1});
        QCOMPARE(read[0].text, std::string("a, \"quoted\"\nreview"));
        QCOMPARE(read[0].label, std::string("1"));
    }

    void csvRaggedRow() {
        const auto path = write("ragged.csv", "text,label\na,1\nb\nc,0\n");
        QCOMPARE(errorOf([&] { readExamples(path); }), path.string() + ":3: expected 2 fields, found 1");
        const auto extra = write("extra.csv", "text,label\n\"a,b\",1\na,b,1\n");
        QCOMPARE(errorOf([&] { readExamples(extra); }), extra.string() + ":3: expected 2 fields, found 3");
    }

    void csvUnterminatedQuote() {
        const auto path = write("open.csv", "text,label\na,1\n\"never closed,1\nc,0\nd,1\n");
        QCOMPARE(errorOf([&] { readExamples(path); }),
                 path.string() + ":3: unterminated quoted field: the quote opened on this line never closes");
        const auto after = write("after.csv", "text,label\n\"a\"b,1\n");
        QCOMPARE(errorOf([&] { readExamples(after); }),
                 after.string() + ":2: unexpected text after the closing quote of field 1 "
                                  "(a quote inside a quoted field is written \"\")");
    }

    // A line may be as long as the limit, not a byte longer; "\r\n" does not count.
    void lineLengthLimit() {
        const std::string at_limit(100, 'a');
        const auto path = write("limit.txt", at_limit + "\r\n" + at_limit + "\n" + at_limit + "b\nnever read\n");
        LineReader reader(path, 100);
        std::string line;
        QVERIFY(reader.next(line));
        QCOMPARE(line, at_limit);
        QVERIFY(reader.next(line));
        QCOMPARE(line, at_limit);
        QCOMPARE(errorOf([&] { reader.next(line); }),
                 path.string() + ":3: the line is longer than 100 bytes, the limit for one row (is this a text data file?)");
        QCOMPARE(byteLimitText(kMaxLineBytes), std::string("16 MiB"));
    }

    // A file without line breaks (or an unclosed quote) is refused at the limit, with its line,
    // instead of being read whole into memory first.
    void oversizedRowsAreRefusedWhereTheyStart() {
        const std::string big(kMaxLineBytes + 1, 'x');
        const auto flat = write("flat.csv", "text,label\n" + big);
        QCOMPARE(errorOf([&] { readExamples(flat); }),
                 flat.string() + ":2: the line is longer than 16 MiB, the limit for one row (is this a text data file?)");

        std::string rows = "text,label\na,1\n\"never closed,1\n";
        const std::string row = std::string(1000, 'y') + ",0\n";
        while (rows.size() <= kMaxLineBytes + 2000) rows += row;
        const auto open = write("open-big.csv", rows);
        QCOMPARE(errorOf([&] { readExamples(open); }),
                 open.string() + ":3: the quoted field opened on this line is longer than 16 MiB, the limit for "
                                 "one row: its closing quote is probably missing");
    }

    // Each quoted field under the limit, but the row they make together above it: refused where the
    // row starts, before the next field is read into memory.
    void rowOfQuotedFieldsIsBounded() {
        const std::string part(60, 'p');
        const auto path = write("quoted-row.csv", "a,b,c\n\"" + part + "\n" + part + "\",\"" + part + "\n" + part +
                                                      "\",\"" + part + "\n" + part + "\"\n");
        LineReader lines(path, 150);
        DelimitedOptions options;
        options.has_header = true;
        DelimitedTable table(lines, options);
        std::vector<std::string> fields;
        uint64_t line = 0;
        QCOMPARE(errorOf([&] { table.next(fields, line); }),
                 path.string() + ":2: the row starting on this line is longer than 150 bytes, the limit for one row: "
                                 "a closing quote is probably missing");

        LineReader roomy(path, 1000);  // the same row under a larger limit reads whole
        DelimitedTable whole(roomy, options);
        QVERIFY(whole.next(fields, line));
        QCOMPARE(fields.size(), size_t{3});
        QCOMPARE(fields[2], part + "\n" + part);
    }

    // The limit is a read option, for every format and the preview alike.
    void lineLimitIsAReadOption() {
        ReadOptions options;
        options.max_line_bytes = 64;
        const std::string longLine = "{\"text\": \"" + std::string(80, 'j') + "\"}\n";
        const auto jsonl = write("long.jsonl", "{\"text\": \"short\"}\n" + longLine);
        const std::string expected =
            jsonl.string() + ":2: the line is longer than 64 bytes, the limit for one row (is this a text data file?)";
        QCOMPARE(errorOf([&] { readExamples(jsonl, DataFormat::Auto, {}, options); }), expected);
        QCOMPARE(errorOf([&] { previewRows(jsonl, DataFormat::Auto, 10, {}, options); }), expected);
        QCOMPARE(readExamples(jsonl).size(), size_t{2});  // the default limit is far larger

        const auto text = write("long.txt", "short\n" + std::string(65, 't') + "\n");
        QCOMPARE(errorOf([&] { readExamples(text, DataFormat::PlainText, {}, options); }),
                 text.string() + ":2: the line is longer than 64 bytes, the limit for one row (is this a text data file?)");
    }

    // The preview refuses what the import refuses: the first JSON object names the columns (found by
    // fuzz_dataset_readers: "{}" first gave a preview row of no cells under the next object's columns).
    void jsonlFirstObjectWithoutKeys() {
        const auto path = write("empty-first.jsonl", "{}\n{\"text\": \"b\", \"label\": 1}\n");
        const std::string expected = path.string() + ":1: the first object has no keys";
        QCOMPARE(errorOf([&] { readExamples(path); }), expected);
        QCOMPARE(errorOf([&] { previewRows(path, DataFormat::Auto, 10); }), expected);
    }

    // nlohmann reports a number beyond a double as out_of_range, not as a parse error.
    void jsonlNumberBeyondDouble() {
        const auto path = write("huge.jsonl", "{\"text\": \"a\", \"label\": 1}\n{\"text\": \"b\", \"label\": 1e400}\n");
        QCOMPARE(errorOf([&] { readExamples(path); }),
                 path.string() + ":2: a number on this line is too large for a double");
    }

    void csvInvalidUtf8() {
        const auto path = write("bad.csv", "text,label\na,1\nb\xC3(,0\n");
        QCOMPARE(errorOf([&] { readExamples(path); }), path.string() + ":3: invalid UTF-8 at byte 2 of the line (is the file in another encoding, such as "
                                 "Latin-1? save it as UTF-8)");
        const auto surrogate = write("surrogate.tsv", "sentence\tlabel\nok\t1\nok\t1\nx\xED\xA0\x80\t0\n");
        QCOMPARE(errorOf([&] { readExamples(surrogate); }),
                 surrogate.string() + ":4: invalid UTF-8 at byte 2 of the line (is the file in another encoding, "
                                      "such as Latin-1? save it as UTF-8)");
    }

    void unknownColumnListsColumns() {
        const auto path = write("cols.csv", "text,label\na,1\n");
        QCOMPARE(errorOf([&] { openDatasetReader(path, DataFormat::Csv, mapped(std::nullopt, "sentiment")); }),
                 path.string() + ": no column 'sentiment' (the columns are: text, label)");
        QCOMPARE(errorOf([&] { openDatasetReader(path, DataFormat::Csv, mapped("5", std::nullopt)); }),
                 path.string() + ": no column '5' (the columns are: text, label)");
    }

    void semicolonDelimiter() {
        const auto path = write("excel.csv", "text;label\n\"a; b\";1\nc;0\n");
        const auto examples = readExamples(path);  // detected from the first line
        QCOMPARE(examples.size(), size_t{2});
        QCOMPARE(examples[0].text, std::string("a; b"));
        ReadOptions options;
        options.delimiter = ';';
        QCOMPARE(readExamples(path, DataFormat::Csv, {}, options)[1].label, std::string("0"));
    }

    void textPairColumns() {
        const auto path = write("pairs.tsv", "sentence1\tsentence2\tlabel\nA man.\tA person.\t1\nA dog.\tA car.\t0\n");
        const auto examples = readExamples(path);
        QCOMPARE(examples.size(), size_t{2});
        QCOMPARE(examples[0].text, std::string("A man."));
        QVERIFY(examples[0].text_pair.has_value());
        QCOMPARE(*examples[1].text_pair, std::string("A car."));
        QCOMPARE(examples[1].label, std::string("0"));
    }

    // Roles guessed by the names real files use, not by position.
    void rolesFollowWellKnownColumnNames_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("pair");   // "" = none
        QTest::addColumn<QString>("label");  // "" = none
        QTest::newRow("AG News") << "ag.csv" << "label,title,description\n3,Wall St. Bears,Short-sellers are back.\n"
                                 << "Short-sellers are back." << "" << "3";
        QTest::newRow("MRPC (Microsoft's release)")
            << "mrpc.tsv" << "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n1\t702876\t702977\tHe said.\tHe told.\n"
            << "He said." << "He told." << "1";
        QTest::newRow("QQP") << "qqp.tsv" << "id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate\n0\t1\t2\tWhy?\tHow?\t0\n"
                             << "Why?" << "How?" << "0";
        QTest::newRow("BoolQ") << "boolq.jsonl" << "{\"question\": \"is it?\", \"passage\": \"It is.\", \"label\": \"true\"}\n"
                               << "is it?" << "It is." << "true";
        QTest::newRow("SNLI") << "snli.tsv" << "gold_label\tsentence1\tsentence2\nentailment\tA man.\tA person.\n"
                              << "A man." << "A person." << "entailment";
        QTest::newRow("label first, unknown text name")
            << "odd.csv" << "category,headline\nsports,A goal.\n" << "A goal." << "" << "sports";
    }

    void rolesFollowWellKnownColumnNames() {
        QFETCH(QString, name);
        QFETCH(QString, content);
        QFETCH(QString, text);
        QFETCH(QString, pair);
        QFETCH(QString, label);
        const auto examples = readExamples(write(name.toStdString(), content.toStdString()));
        QCOMPARE(examples.size(), size_t{1});
        QCOMPARE(QString::fromStdString(examples[0].text), text);
        QCOMPARE(QString::fromStdString(examples[0].text_pair.value_or("")), pair);
        QCOMPARE(QString::fromStdString(examples[0].label), label);
    }

    // --- TSV: real data ---------------------------------------------------------------------------

    void sst2Slice() {
        // python3: csv.reader(f, delimiter='\t', quoting=csv.QUOTE_NONE) -> 300 rows, '1': 151, '0': 149
        const auto path = bw::test::fixture("data/sst2_train_head300.tsv");
        auto reader = openDatasetReader(path);
        QCOMPARE(reader->format(), DataFormat::Tsv);
        QCOMPARE(reader->columns(), (std::vector<std::string>{"sentence", "label"}));
        const auto examples = readExamples(path);
        QCOMPARE(examples.size(), size_t{300});
        QCOMPARE(labelCounts(examples), (std::map<std::string, int>{{"0", 149}, {"1", 151}}));
        QCOMPARE(examples.front().text, std::string("hide new secretions from the parental units "));
        QCOMPARE(examples.front().source_line, uint64_t{2});
        QCOMPARE(examples.back().text, std::string("in her most charmless "));
        QCOMPARE(examples.back().source_line, uint64_t{301});
    }

    void imdbQuotesStayText() {
        // IMDB rows start with and contain '"' without escaping; Python's csv (quoting on) turns
        // '"I Am Curious: Yellow" is ...' into 'I Am Curious: Yellow is ...'. 25 rows, all label 0.
        const auto path = bw::test::fixture("data/imdb_train_sample25.tsv");
        auto reader = openDatasetReader(path);
        QCOMPARE(reader->columns(), (std::vector<std::string>{"label", "rating", "id", "text"}));
        const auto examples = readExamples(path);
        QCOMPARE(examples.size(), size_t{25});
        QCOMPARE(labelCounts(examples), (std::map<std::string, int>{{"0", 25}}));
        QVERIFY(examples[20].text.rfind("\"I Am Curious: Yellow\" is a risible", 0) == 0);
    }

    void chnSentiCorpQuoteAtFieldStart() {
        // Line 16 starts its text with a lone '"'; Python's csv with quoting merges rows after it
        // (9147 rows instead of 9601 on the whole file). 31 rows: '0': 16, '1': 15.
        const auto path = bw::test::fixture("data/chnsenticorp_train_930_960.tsv");
        const auto examples = readExamples(path);
        QCOMPARE(examples.size(), size_t{31});
        QCOMPARE(labelCounts(examples), (std::map<std::string, int>{{"0", 16}, {"1", 15}}));
        QCOMPARE(examples[14].source_line, uint64_t{16});
        QVERIFY(examples[14].text.rfind("\"此期间预订", 0) == 0);
        QCOMPARE(examples[15].source_line, uint64_t{17});
        // Asked for RFC 4180 quoting, the same file is an error, not silently merged rows.
        ReadOptions rfc;
        rfc.quoting = Quoting::Rfc4180;
        QVERIFY(errorOf([&] { readExamples(path, DataFormat::Tsv, {}, rfc); }).rfind(path.string() + ":16: ", 0) == 0);
    }

    void tsvWithRfcQuotingWhenAsked() {
        const auto path = write("quoted.tsv", "text\tlabel\n\"a\tb\"\t1\n");
        ReadOptions rfc;
        rfc.quoting = Quoting::Rfc4180;
        QCOMPARE(readExamples(path, DataFormat::Tsv, {}, rfc)[0].text, std::string("a\tb"));
        QVERIFY(errorOf([&] { readExamples(path); }).rfind(path.string() + ":2: expected 2 fields, found 3; a field there starts "
                                                           "or ends with a quote", 0) == 0);
    }

    // --- JSONL ----------------------------------------------------------------------------------

    void jsonlLabels() {
        const auto path = write("data.jsonl",
                                "{\"text\": \"great\", \"label\": 1, \"id\": 7}\n"
                                "\n"
                                "{\"label\": \"neg\", \"text\": \"bad\"}\n"
                                "{\"text\": \"so so\", \"label\": true}\n"
                                "{\"text\": \"unlabelled\", \"label\": null}\n");
        auto reader = openDatasetReader(path);
        QCOMPARE(reader->format(), DataFormat::Jsonl);
        QCOMPARE(reader->columns(), (std::vector<std::string>{"text", "label", "id"}));  // file order
        const auto examples = readExamples(path);
        QCOMPARE(examples.size(), size_t{4});
        QCOMPARE(examples[0].label, std::string("1"));
        QCOMPARE(examples[1].label, std::string("neg"));
        QCOMPARE(examples[1].text, std::string("bad"));
        QCOMPARE(examples[1].source_line, uint64_t{3});
        QCOMPARE(examples[2].label, std::string("true"));
        QCOMPARE(examples[3].label, std::string());
    }

    void jsonlBadLines() {
        const auto array = write("array.jsonl", "{\"text\": \"a\"}\n[1, 2]\n");
        QCOMPARE(errorOf([&] { readExamples(array); }),
                 array.string() + ":2: expected a JSON object, found array");
        // On the first line, an array is a JSON array file, not JSON Lines.
        const auto array_file = write("array_file.jsonl", "[{\"text\": \"a\"},\n{\"text\": \"b\"}]\n");
        QCOMPARE(errorOf([&] { readExamples(array_file); }),
                 array_file.string() + ":1: expected one JSON object per line (JSON Lines), found an array; convert a "
                                       "JSON array file to one object per line");
        const auto number = write("number.jsonl", "{\"text\": \"a\"}\n{\"text\": \"b\"}\n42\n");
        QCOMPARE(errorOf([&] { readExamples(number); }), number.string() + ":3: expected a JSON object, found number");
        const auto broken = write("broken.jsonl", "{\"text\": \"a\"}\n{\"text\": \"b\n");
        QVERIFY(errorOf([&] { readExamples(broken); }).rfind(broken.string() + ":2: not valid JSON", 0) == 0);
        const auto missing = write("missing.jsonl", "{\"text\": \"a\", \"label\": 1}\n{\"text\": \"b\"}\n");
        QCOMPARE(errorOf([&] { readExamples(missing); }),
                 missing.string() + ":2: the object has no key 'label' (its keys are: text)");
        const auto nested = write("nested.jsonl", "{\"text\": [\"a\"]}\n");
        QCOMPARE(errorOf([&] { readExamples(nested); }),
                 nested.string() + ":1: 'text' must be a string, number or bool, found array");
    }

    // --- CoNLL ----------------------------------------------------------------------------------

    void conllSlice() {
        // Plain Python over the slice: 40 sentences, 931 tokens, 799 'O' tags; sentence 2 starts on
        // line 11; the last (24 tokens) ends at the end of the file without a blank line.
        const auto path = bw::test::fixture("data/conll2003_train_head40.txt");
        auto reader = openDatasetReader(path);
        QCOMPARE(reader->format(), DataFormat::Conll);
        QCOMPARE(reader->columns(), (std::vector<std::string>{"0", "1", "2", "3"}));
        const auto examples = readExamples(path);
        QCOMPARE(examples.size(), size_t{40});
        QCOMPARE(examples[0].words,
                 (std::vector<std::string>{"EU", "rejects", "German", "call", "to", "boycott", "British", "lamb", "."}));
        QCOMPARE(examples[0].tags, (std::vector<std::string>{"B-ORG", "O", "B-MISC", "O", "O", "O", "B-MISC", "O", "O"}));
        QCOMPARE(examples[0].text, std::string("EU rejects German call to boycott British lamb ."));
        QCOMPARE(examples[0].source_line, uint64_t{1});
        QCOMPARE(examples[1].source_line, uint64_t{11});
        QCOMPARE(examples.back().words.size(), size_t{24});
        size_t tokens = 0, outside = 0;
        for (const auto& e : examples) {
            QCOMPARE(e.words.size(), e.tags.size());
            tokens += e.words.size();
            for (const auto& t : e.tags) outside += t == "O";
        }
        QCOMPARE(tokens, size_t{931});
        QCOMPARE(outside, size_t{799});
        // Another column as the tag: the POS column.
        ColumnMapping pos;
        pos.tag_column = 1;
        QCOMPARE(readExamples(path, DataFormat::Conll, pos)[0].tags[1], std::string("VBZ"));
    }

    void conllDocStartAndErrors() {
        const auto path = write("docs.conll",
                                "-DOCSTART- -X- -X- O\n\n"
                                "EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n\n"
                                "-DOCSTART- -X- -X- O\n\n"
                                "Peter\tNNP\tB-NP\tB-PER\n");
        const auto examples = readExamples(path);
        QCOMPARE(examples.size(), size_t{2});
        QCOMPARE(examples[0].words, (std::vector<std::string>{"EU", "rejects"}));
        QCOMPARE(examples[0].document, int64_t{0});
        QCOMPARE(examples[0].source_line, uint64_t{3});
        QCOMPARE(examples[1].words, (std::vector<std::string>{"Peter"}));
        QCOMPARE(examples[1].tags, (std::vector<std::string>{"B-PER"}));
        QCOMPARE(examples[1].document, int64_t{1});

        const auto ragged = write("ragged.conll", "EU NNP B-ORG\nrejects O\n");
        QCOMPARE(errorOf([&] { readExamples(ragged, DataFormat::Conll); }),
                 ragged.string() + ":2: expected 3 columns, found 2 (the sentence is malformed)");
        ColumnMapping far;
        far.tag_column = 7;
        QCOMPARE(errorOf([&] { openDatasetReader(path, DataFormat::Conll, far); }),
                 path.string() + ":3: the tag column 7 is not there: token lines have 4 columns");

        // A file without blank lines is not read as one endless sentence: 100,000 tokens are
        // accepted, the next one (line 100,002 after a blank first line) is refused.
        std::string tokens = "\n";
        for (int i = 0; i < 100'000; ++i) tokens += "word O\n";
        const auto longest = write("longest.conll", tokens);
        QCOMPARE(readExamples(longest, DataFormat::Conll).at(0).words.size(), size_t{100'000});
        const auto unbroken = write("unbroken.conll", tokens + "word O\n");
        QCOMPARE(errorOf([&] { readExamples(unbroken, DataFormat::Conll); }),
                 unbroken.string() + ":100002: the sentence that starts at line 2 has more than 100000 tokens; "
                                     "CoNLL ends each sentence with a blank line (are they missing?)");
    }

    // --- Plain text -----------------------------------------------------------------------------

    void plainTextDocuments() {
        // WikiText-2 (CRLF): 120 lines, 25 non-blank, each paragraph between blank lines a document.
        const auto path = bw::test::fixture("data/wikitext2_test_head120.txt");
        auto reader = openDatasetReader(path);
        QCOMPARE(reader->format(), DataFormat::PlainText);
        const auto examples = readExamples(path);
        QCOMPARE(examples.size(), size_t{25});
        QCOMPARE(examples[0].text, std::string("= Robert Boulter ="));
        QCOMPARE(examples[0].source_line, uint64_t{3});
        QCOMPARE(examples[1].source_line, uint64_t{8});
        QCOMPARE(examples[1].document, int64_t{1});
        QVERIFY(examples[1].text.rfind("Robert Boulter is an English film , television", 0) == 0);
        QCOMPARE(examples.back().document, int64_t{24});

        const auto corpus = write("corpus.txt", "First sentence.\nSecond one.\n\n\n  Next document.  \n\nThird.");
        const auto docs = readExamples(corpus, DataFormat::PlainText);
        QCOMPARE(docs.size(), size_t{4});
        QCOMPARE(docs[1].document, int64_t{0});
        QCOMPARE(docs[2].text, std::string("Next document."));
        QCOMPARE(docs[2].document, int64_t{1});
        QCOMPARE(docs[3].document, int64_t{2});
        QCOMPARE(docs[3].source_line, uint64_t{7});
    }

    // --- Empty files, progress, cancel ----------------------------------------------------------

    void emptyDatasets() {
        for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
                 {"empty.csv", ""}, {"header_only.csv", "text,label\n"}, {"blank.txt", "\n  \n\r\n"},
                 {"empty.jsonl", "\n"}, {"docstart.conll", "-DOCSTART- -X- O\n\n"}}) {
            const auto path = write(name, bytes);
            QCOMPARE(errorOf([&] { readExamples(path); }), path.string() + ": no examples found");
        }
    }

    void progressReachesFileSize() {
        const auto path = bw::test::fixture("data/sst2_train_head300.tsv");
        const uint64_t size = fs::file_size(path);
        auto reader = openDatasetReader(path);
        QCOMPARE(reader->totalBytes(), size);
        Example e;
        QVERIFY(reader->next(e));
        QVERIFY(reader->bytesRead() > 0 && reader->bytesRead() < size);
        while (reader->next(e)) {
        }
        QCOMPARE(reader->bytesRead(), size);
        QCOMPARE(reader->examplesRead(), uint64_t{300});

        std::vector<uint64_t> reported;
        ReadOptions options;
        options.progress = [&](uint64_t done, uint64_t total) {
            QCOMPARE(total, size);
            reported.push_back(done);
        };
        readExamples(path, DataFormat::Auto, {}, options);
        QVERIFY(!reported.empty());
        QCOMPARE(reported.back(), size);
    }

    void cancelStops() {
        const auto path = bw::test::fixture("data/sst2_train_head300.tsv");
        std::atomic<bool> cancel{false};
        ReadOptions options;
        options.cancel = &cancel;
        auto reader = openDatasetReader(path, DataFormat::Auto, {}, options);
        Example e;
        for (int i = 0; i < 10; ++i) QVERIFY(reader->next(e));
        cancel = true;
        bool cancelled = false;
        try {
            reader->next(e);
        } catch (const ImportCancelled& c) {
            cancelled = true;
            QCOMPARE(std::string(c.what()), path.string() + ": import cancelled at line 11");
        }
        QVERIFY(cancelled);
        QCOMPARE(reader->examplesRead(), uint64_t{10});
        // readExamples stops too, with the same exception type (a bw::Error).
        QVERIFY(errorOf([&] { readExamples(path, DataFormat::Auto, {}, options); }).find("cancelled") !=
                std::string::npos);
    }

    void longLinesAcrossBufferChunks() {
        // Lines longer than the reader's 1 MiB chunk, with CRLF split across chunk boundaries.
        std::string big(1500000, 'x');
        const auto path = write("long.tsv", "text\tlabel\r\n" + big + "\t1\r\n" + big + "y\t0\r\n");
        const auto examples = readExamples(path);
        QCOMPARE(examples.size(), size_t{2});
        QCOMPARE(examples[0].text.size(), big.size());
        QCOMPARE(examples[1].text.size(), big.size() + 1);
        QCOMPARE(examples[1].label, std::string("0"));
    }
};

QTEST_GUILESS_MAIN(TestDatasetReaders)
#include "test_dataset_readers.moc"
