// Malformed rows (core/data/bad_row.h): each reader throws them as BadRowError at the row's line and
// stays at the next record, so that ReadOptions::skip_bad_rows reads on (pandas' on_bad_lines="skip",
// except that a row with too few fields is malformed too, where pandas fills it with NaN). Problems
// of the whole file stop the read either way. The preview stops at the first malformed row, with
// the rows before it, or passes over them as the import will. Expected rows are read off the files
// written here.
#include "core/data/dataset_preview.h"
#include "core/data/record_reader.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <string>
#include <vector>

using namespace bw::data;
using bw::test::errorOf;
namespace fs = std::filesystem;

namespace {

ReadOptions skipping() {
    ReadOptions options;
    options.skip_bad_rows = true;
    return options;
}

std::vector<std::string> textsOf(const std::vector<Example>& examples) {
    std::vector<std::string> texts;
    for (const auto& e : examples) texts.push_back(e.text);
    return texts;
}

std::vector<uint64_t> linesOf(const std::vector<Example>& examples) {
    std::vector<uint64_t> lines;
    for (const auto& e : examples) lines.push_back(e.source_line);
    return lines;
}

// Every example of a skipping read, and what it skipped.
std::vector<Example> readSkipping(const fs::path& path, SkippedRows& skipped, DataFormat format = DataFormat::Auto) {
    auto reader = openDatasetReader(path, format, {}, skipping());
    std::vector<Example> examples;
    Example example;
    while (reader->next(example)) examples.push_back(example);
    skipped = reader->skippedRows();
    return examples;
}

}  // namespace

class TestBadRows : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;

    fs::path write(const std::string& name, const std::string& bytes) {
        return bw::test::writeBytes(tmp_.path().toStdString(), name, bytes);
    }

private slots:
    // Too many fields, too few, and text after a closing quote: one row each, among the first 20
    // rows (read ahead to detect the header) and after them.
    void csvRowsAreSkippedWhereTheyAre() {
        std::string csv = "text,label\n";
        for (int i = 0; i < 25; ++i) {
            const std::string n = std::to_string(i);
            if (i == 3) csv += "three,fields,1\n";                 // line 5
            else if (i == 7) csv += "only one field\n";           // line 9
            else if (i == 22) csv += "\"quoted\" then text,0\n";  // line 24
            else csv += "row " + n + "," + std::to_string(i % 2) + "\n";
        }
        const auto path = write("bad.csv", csv);
        QCOMPARE(errorOf([&] { readExamples(path); }), path.string() + ":5: expected 2 fields, found 3");
        try {
            readExamples(path);
            QFAIL("no error");
        } catch (const BadRowError& e) {
            QCOMPARE(e.line(), uint64_t{5});
        }

        SkippedRows skipped;
        const auto examples = readSkipping(path, skipped);
        QCOMPARE(examples.size(), size_t{22});
        QCOMPARE(skipped.count, uint64_t{3});
        QCOMPARE(skipped.first, (std::vector<std::string>{
                                    path.string() + ":5: expected 2 fields, found 3",
                                    path.string() + ":9: expected 2 fields, found 1",
                                    path.string() + ":24: unexpected text after the closing quote of field 1 (a quote "
                                                    "inside a quoted field is written \"\")"}));
        QCOMPARE(examples[2].text, std::string("row 2"));
        QCOMPARE(examples[3].text, std::string("row 4"));
        QCOMPARE(examples[3].source_line, uint64_t{6});
        QCOMPARE(examples[5].text, std::string("row 6"));
        QCOMPARE(examples[6].text, std::string("row 8"));
        QCOMPARE(examples.back().text, std::string("row 24"));
        QCOMPARE(examples.back().source_line, uint64_t{26});
        // The header was still found with a malformed row among the rows read ahead.
        QCOMPARE(examples[0].label, std::string("0"));
    }

    // A quoted row that spans lines and then goes wrong is skipped whole; the next row reads as usual.
    void csvMultiLineRowIsSkippedWhole() {
        const auto path = write("multi.csv", "text,label\n\"one\nline two\" x,1\nnext,0\n\"a\nb\",1\n");
        SkippedRows skipped;
        const auto examples = readSkipping(path, skipped);
        QCOMPARE(textsOf(examples), (std::vector<std::string>{"next", "a\nb"}));
        QCOMPARE(linesOf(examples), (std::vector<uint64_t>{4, 5}));
        QCOMPARE(skipped.count, uint64_t{1});
        QVERIFY(skipped.first[0].rfind(path.string() + ":3: unexpected text after the closing quote", 0) == 0);
    }

    // What concerns the file, not a row, stops a skipping read too.
    void fileProblemsStillStop() {
        const auto open_quote = write("open.csv", "text,label\na,1\n\"never closed,1\nc,0\n");
        QCOMPARE(errorOf([&] { readExamples(open_quote, DataFormat::Auto, {}, skipping()); }),
                 open_quote.string() + ":3: unterminated quoted field: the quote opened on this line never closes");
        const auto latin1 = write("latin1.csv", "text,label\ncaf\xE9,1\nok,0\n");
        QCOMPARE(errorOf([&] { readExamples(latin1, DataFormat::Auto, {}, skipping()); }),
                 latin1.string() + ":2: invalid UTF-8 at byte 4 of the line (is the file in another encoding, such as "
                                   "Latin-1? save it as UTF-8)");
        // A TSV read without quoting whose broken row looks quoted: the setting is wrong, not the row.
        const auto quoted_tsv = write("quoted.tsv", "text\tlabel\n\"a\tb\"\t1\nc\t0\n");
        try {
            readExamples(quoted_tsv, DataFormat::Auto, {}, skipping());
            QFAIL("no error");
        } catch (const bw::SettingHintError& e) {
            QCOMPARE(e.setting(), std::string("quoting"));
        }
        // Every row malformed: no examples, and the message says why.
        const auto all_bad = write("allbad.csv", "text,label\na,b,c\nd,e,f\n");
        QCOMPARE(errorOf([&] { readExamples(all_bad, DataFormat::Auto, {}, skipping()); }),
                 all_bad.string() + ": no examples found (2 malformed rows skipped; the first: " + all_bad.string() +
                     ":2: expected 2 fields, found 3)");
    }

    // Lines that are not objects, a missing mapped key, a null text, a nested text; a malformed first
    // line too (the first object names the columns).
    void jsonlLinesAreSkipped() {
        const auto path = write("bad.jsonl",
                                "not json\n"                              // 1
                                "{\"text\": \"a\", \"label\": 1}\n"       // 2
                                "{\"text\": \"b\", \"label\": \n"         // 3
                                "[1, 2]\n"                                // 4
                                "{\"label\": 0}\n"                        // 5
                                "{\"text\": null, \"label\": 0}\n"        // 6
                                "{\"text\": {\"k\": 1}, \"label\": 0}\n"  // 7
                                "42\n"                                    // 8
                                "{\"text\": \"c\", \"label\": 0}\n");     // 9
        QVERIFY(errorOf([&] { readExamples(path); }).rfind(path.string() + ":1: not valid JSON", 0) == 0);
        SkippedRows skipped;
        const auto examples = readSkipping(path, skipped);
        QCOMPARE(textsOf(examples), (std::vector<std::string>{"a", "c"}));
        QCOMPARE(linesOf(examples), (std::vector<uint64_t>{2, 9}));
        QCOMPARE(skipped.count, uint64_t{7});
        QCOMPARE(skipped.first[3], path.string() + ":5: the object has no key 'text' (its keys are: label)");
        QCOMPARE(skipped.first[4], path.string() + ":6: 'text' is null");
        QCOMPARE(skipped.first[5], path.string() + ":7: 'text' must be a string, number or bool, found object");
        QCOMPARE(skipped.first[6], path.string() + ":8: expected a JSON object, found number");
    }

    // A short or long token line spoils its sentence: the sentence goes whole, its other lines are
    // not read as a sentence of their own, and documents keep their numbers.
    void conllSentenceIsSkippedWhole() {
        const auto path = write("bad.conll",
                                "-DOCSTART- O\n\n"      // 1-2
                                "EU B-ORG\nrejects\n"   // 3-4: line 4 has one column
                                "German B-MISC\n\n"     // 5-6
                                "Peter B-PER\n\n"       // 7-8
                                "-DOCSTART- O\n\n"      // 9-10
                                "Bad O X\nline O\n\n"   // 11-13: line 11 has three
                                "Last O\nwords O\n");   // 14-15
        QCOMPARE(errorOf([&] { readExamples(path); }),
                 path.string() + ":4: expected 2 columns, found 1 (the sentence is malformed)");
        SkippedRows skipped;
        const auto examples = readSkipping(path, skipped);
        QCOMPARE(textsOf(examples), (std::vector<std::string>{"Peter", "Last words"}));
        QCOMPARE(linesOf(examples), (std::vector<uint64_t>{7, 14}));
        QCOMPARE(examples[0].document, int64_t{0});
        QCOMPARE(examples[1].document, int64_t{1});
        QCOMPARE(examples[1].tags, (std::vector<std::string>{"O", "O"}));
        QCOMPARE(skipped.count, uint64_t{2});
        QCOMPARE(skipped.first[1], path.string() + ":11: expected 2 columns, found 3 (the sentence is malformed)");
    }

    // The preview shows the rows before a malformed row and says what is wrong with it, as the
    // import would; asked to skip, it passes over the rows the import will skip.
    void previewStopsAtTheFirstMalformedRowOrPassesOver() {
        const auto path = write("preview.csv", "text,label\na,1\nb,0\nc,d,1\ne,0\nf,g,h\ni,1\n");
        const DatasetPreview stopped = previewRows(path, DataFormat::Auto, 50);
        QCOMPARE(stopped.rows, (std::vector<std::vector<std::string>>{{"a", "1"}, {"b", "0"}}));
        QCOMPARE(stopped.bad_row, path.string() + ":4: expected 2 fields, found 3");
        QCOMPARE(stopped.skipped.count, uint64_t{0});

        const DatasetPreview passed = previewRows(path, DataFormat::Auto, 50, {}, skipping());
        QCOMPARE(passed.rows, (std::vector<std::vector<std::string>>{{"a", "1"}, {"b", "0"}, {"e", "0"}, {"i", "1"}}));
        QCOMPARE(passed.row_lines, (std::vector<uint64_t>{2, 3, 5, 7}));
        QVERIFY(passed.bad_row.empty());
        QCOMPARE(passed.skipped.count, uint64_t{2});
        QCOMPARE(passed.skipped.first[1], path.string() + ":6: expected 2 fields, found 3");
        // The skipping import reads the same rows.
        QCOMPARE(textsOf(readExamples(path, DataFormat::Auto, {}, skipping())),
                 (std::vector<std::string>{"a", "b", "e", "i"}));

        const auto jsonl = write("preview.jsonl", "{\"text\": \"a\"}\n{oops\n{\"text\": \"b\"}\n");
        QCOMPARE(previewRows(jsonl, DataFormat::Auto, 50).rows.size(), size_t{1});
        QVERIFY(previewRows(jsonl, DataFormat::Auto, 50).bad_row.rfind(jsonl.string() + ":2: not valid JSON", 0) == 0);
        QCOMPARE(previewRows(jsonl, DataFormat::Auto, 50, {}, skipping()).rows,
                 (std::vector<std::vector<std::string>>{{"a"}, {"b"}}));
    }

    // A JSON Lines object the mapping cannot read (no text key, a null text, a nested text, no label
    // key) is malformed in the preview as in the import (found by a walk: the preview showed such rows
    // with an empty text, and the import then refused or skipped them). The preview says what the
    // import says, and passes over what it skips, in file order with lines that are not objects.
    void jsonlPreviewMapsAsTheImportReads() {
        const auto path = write("mapped.jsonl",
                                "{\"text\": \"un\", \"label\": \"a\"}\n"          // 1
                                "{\"texte\": \"deux\", \"label\": \"b\"}\n"       // 2: no text
                                "not json\n"                                     // 3
                                "{\"text\": null, \"label\": \"a\"}\n"           // 4: null text
                                "{\"text\": \"cinq\"}\n"                        // 5: no label key
                                "{\"text\": {\"k\": 1}, \"label\": \"a\"}\n"     // 6: nested text
                                "{\"text\": \"sept\", \"label\": null}\n"       // 7: no label, fine
                                "{\"text\": \"huit\", \"label\": [1]}\n");      // 8: nested label
        const std::string refused = errorOf([&] { readExamples(path); });
        QCOMPARE(refused, path.string() + ":2: the object has no key 'text' (its keys are: texte, label)");
        const DatasetPreview stopped = previewRows(path, DataFormat::Auto, 50);
        QCOMPARE(stopped.bad_row, refused);
        QCOMPARE(stopped.row_lines, (std::vector<uint64_t>{1}));

        SkippedRows skipped;
        const auto examples = readSkipping(path, skipped);
        QCOMPARE(textsOf(examples), (std::vector<std::string>{"un", "sept"}));
        const DatasetPreview passed = previewRows(path, DataFormat::Auto, 50, {}, skipping());
        QCOMPARE(passed.row_lines, linesOf(examples));
        QCOMPARE(passed.skipped.count, skipped.count);
        QCOMPARE(passed.skipped.first, skipped.first);  // the same messages, in the same order
        QCOMPARE(skipped.first.back(), path.string() + ":8: 'label' must be a string, number or bool, found array");
        QVERIFY(passed.bad_row.empty());
    }

    // Skipping, a preview whose first objects the mapping cannot read reads on until it has rows to
    // show (found by fuzz_dataset_readers: it stopped after n objects, and "nothing to import" would
    // have been said of a file with rows further down).
    void jsonlPreviewReadsOnPastUnreadableObjects() {
        std::string jsonl = "{\"text\": \"first\", \"label\": 1}\n";
        for (int i = 0; i < 30; ++i) jsonl += "{}\n";
        for (int i = 0; i < 5; ++i) jsonl += "{\"text\": \"later " + std::to_string(i) + "\", \"label\": 0}\n";
        const auto path = write("unreadable_first.jsonl", jsonl);
        const DatasetPreview p = previewRows(path, DataFormat::Auto, 4, {}, skipping());
        QCOMPARE(p.row_lines, (std::vector<uint64_t>{1, 32, 33, 34}));
        QCOMPARE(p.skipped.count, uint64_t{30});
    }

    // The CoNLL preview shows token lines: a malformed sentence's lines go, those before it too.
    void conllPreviewDropsTheMalformedSentence() {
        const auto path = write("preview.conll", "EU B-ORG\nrejects O\n\nGerman B-MISC\ncall\nto O\n\nPeter B-PER\n");
        const DatasetPreview stopped = previewRows(path, DataFormat::Conll, 50);
        QCOMPARE(stopped.row_lines, (std::vector<uint64_t>{1, 2, 4}));
        QCOMPARE(stopped.bad_row, path.string() + ":5: expected 2 columns, found 1 (the sentence is malformed)");
        const DatasetPreview passed = previewRows(path, DataFormat::Conll, 50, {}, skipping());
        QCOMPARE(passed.row_lines, (std::vector<uint64_t>{1, 2, 8}));
        QCOMPARE(passed.skipped.count, uint64_t{1});
    }
};

QTEST_GUILESS_MAIN(TestBadRows)
#include "test_bad_rows.moc"
