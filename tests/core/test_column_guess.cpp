// Column mapping beyond names (core/data/column_guess, column_mapping): the label column a file's
// first rows give away, the text that is never such a column, and texts joined from several columns.
#include "core/data/column_guess.h"
#include "core/data/column_mapping.h"
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

using Rows = std::vector<std::vector<std::string>>;

// AG News as its CSV release writes it: class index, title, description, no header.
const std::string kAgNewsRows =
    "3,\"Wall St. Bears Claw Back Into the Black (Reuters)\",\"Reuters - Short-sellers, Wall Street's dwindling band "
    "of ultra-cynics, are seeing green again.\"\n"
    "3,\"Carlyle Looks Toward Commercial Aerospace (Reuters)\",\"Reuters - Private investment firm Carlyle Group, which "
    "has a reputation for making well-timed and occasionally controversial plays.\"\n"
    "2,\"Phelps Wins Again\",\"ATHENS - Michael Phelps won his sixth gold medal of the Games on Friday night.\"\n"
    "4,\"New Chip Is Faster\",\"A chip maker said on Monday that its new processor runs twice as fast as the old "
    "one.\"\n"
    "1,\"Talks Resume in Sudan\",\"Peace talks between the government and rebels resumed on Tuesday in Abuja.\"\n"
    "4,\"Search Engine Goes Public\",\"The company priced its shares at the low end of the range on Wednesday.\"\n"
    "2,\"Cup Final Set\",\"The two best teams of the season will meet in the final on Saturday afternoon.\"\n"
    "1,\"Storm Hits Coast\",\"A storm with winds of 120 miles an hour hit the coast early on Thursday morning.\"\n";

}  // namespace

class TestColumnGuess : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;

    fs::path write(const std::string& name, const std::string& bytes) {
        return bw::test::writeBytes(tmp_.path().toStdString(), name, bytes);
    }

private slots:
    void labelLikeColumns() {
        const Rows rows = {{"1", "7", "a film", "positive", "x"},  {"0", "8", "another film", "negative", "x"},
                           {"1", "9", "a third film", "positive", "x"}, {"1", "10", "film four", "negative", "x"},
                           {"0", "11", "the fifth", "positive", "x"}, {"", "12", "six", "", "x"}};
        QVERIFY(looksLikeLabelColumn(rows, 0));   // 2 values over 5 cells; the empty cell is unlabelled
        QVERIFY(!looksLikeLabelColumn(rows, 1));  // ids: a value per row
        QVERIFY(!looksLikeLabelColumn(rows, 2));  // texts: a value per row
        QVERIFY(looksLikeLabelColumn(rows, 3));   // short strings
        QVERIFY(!looksLikeLabelColumn(rows, 4));  // one value is no label
        QVERIFY(!looksLikeLabelColumn(rows, 5));  // no such column
        // Too few rows tell nothing; a long cell is text, however often it repeats.
        QVERIFY(!looksLikeLabelColumn({{"1"}, {"0"}, {"1"}}, 0));
        QVERIFY(looksLikeLabelColumn({{"1"}, {"0"}, {"1"}, {"0"}}, 0));
        const std::string long_cell(kLabelMaxCellBytes + 1, 'a');
        QVERIFY(!looksLikeLabelColumn({{long_cell}, {"b"}, {long_cell}, {"b"}}, 0));
        // More distinct values than half the cells: not clearly fewer than the rows.
        QVERIFY(!looksLikeLabelColumn({{"1"}, {"2"}, {"3"}, {"1"}, {"2"}}, 0));
        QVERIFY(looksLikeLabelColumn({{"1"}, {"2"}, {"1"}, {"2"}, {"1"}}, 0));
        // More than kLabelMaxDistinct classes, even among many rows.
        Rows many;
        for (int i = 0; i < 300; ++i) many.push_back({std::to_string(i % 51)});
        QVERIFY(!looksLikeLabelColumn(many, 0));
        many.clear();
        for (int i = 0; i < 300; ++i) many.push_back({std::to_string(i % 50)});
        QVERIFY(looksLikeLabelColumn(many, 0));
    }

    void longestTextColumnMeasuresCells() {
        const Rows rows = {{"abc", "abcdef", "x"}, {"abcdefg", "a", "x"}};  // 10, 7, 2 bytes
        QCOMPARE(longestTextColumn(rows, {0, 1, 2}), 0);
        QCOMPARE(longestTextColumn(rows, {1, 2}), 1);
        QCOMPARE(longestTextColumn(rows, {}), -1);
        QCOMPARE(longestTextColumn({}, {0, 1}), -1);
    }

    void headerlessAgNewsGivesLabelAndDescription() {
        const auto preview = previewRows(write("ag_news_train.csv", kAgNewsRows), DataFormat::Auto, kGuessRows);
        QVERIFY(!preview.has_header);
        QCOMPARE(preview.columns, (std::vector<std::string>{"0", "1", "2"}));
        QCOMPARE(preview.mapped.label, 0);
        QCOMPARE(preview.mapped.text, 2);  // the description: longer than the title
        QCOMPARE(preview.mapped.text_pair, -1);
    }

    void agNewsWithHeaderGoesByNames() {
        const auto preview = previewRows(write("ag_news_named.csv", "label,title,description\n" + kAgNewsRows),
                                         DataFormat::Auto, kGuessRows);
        QVERIFY(preview.has_header);
        QCOMPARE(preview.mapped.label, 0);
        QCOMPARE(preview.mapped.text, 2);
    }

    void aLabelWithoutAKnownName() {
        // "stars" is no label name, "review_text" no text name: the rows decide, in JSONL and CSV.
        std::string jsonl, csv = "review_text,stars\n";
        const char* reviews[] = {"Loved every minute of it", "Dull and far too long", "Fine for a rainy day",
                                 "The best film of the year", "I walked out", "Good but not great"};
        const char* stars[] = {"5", "1", "3", "5", "1", "3"};
        for (int i = 0; i < 6; ++i) {
            jsonl += std::string("{\"stars\": ") + stars[i] + ", \"review_text\": \"" + reviews[i] + "\"}\n";
            csv += std::string(reviews[i]) + "," + stars[i] + "\n";
        }
        const auto from_jsonl = previewRows(write("stars.jsonl", jsonl), DataFormat::Auto, kGuessRows);
        QCOMPARE(from_jsonl.columns, (std::vector<std::string>{"stars", "review_text"}));
        QCOMPARE(from_jsonl.mapped.label, 0);
        QCOMPARE(from_jsonl.mapped.text, 1);
        const auto from_csv = previewRows(write("stars.csv", csv), DataFormat::Auto, kGuessRows);
        QVERIFY(from_csv.has_header);
        QCOMPARE(from_csv.mapped.label, 1);
        QCOMPARE(from_csv.mapped.text, 0);

        // A mapped label wins over the guess, and a mapped text is never taken as the label.
        ColumnMapping mapping;
        mapping.label = "review_text";
        QCOMPARE(previewRows(write("stars2.csv", csv), DataFormat::Auto, kGuessRows, mapping).mapped.label, 0);
        ColumnMapping text_is_stars;
        text_is_stars.text = "stars";
        const auto odd = previewRows(write("stars3.csv", csv), DataFormat::Auto, kGuessRows, text_is_stars);
        QCOMPARE(odd.mapped.text, 1);
        QCOMPARE(odd.mapped.label, -1);
    }

    void noRowsKeepsTheOldFallback() {
        // Without rows, only names: the first column that is not the label.
        QCOMPARE(resolveColumns({}, {"a", "b"}, "f").text, 0);
        QCOMPARE(resolveColumns({}, {"a", "b"}, "f").label, -1);
        QCOMPARE(resolveColumns({}, {"label", "b"}, "f").text, 1);
    }

    void joinCellsSkipsEmptyCells() {
        const std::string title = "Title", empty, body = "Body";
        QCOMPARE(joinCells("Title", {&body}, " | "), std::string("Title | Body"));
        QCOMPARE(joinCells("Title", {&empty}, " | "), std::string("Title"));
        QCOMPARE(joinCells("", {&body}, " | "), std::string("Body"));
        QCOMPARE(joinCells("a", {&body, &empty, &title}, ". "), std::string("a. Body. Title"));
        QCOMPARE(ColumnMapping{}.join_separator, std::string(" "));
    }

    void joinedTextFromCsvAndJsonl() {
        ColumnMapping mapping;
        mapping.text = "title";
        mapping.text_joined = {"description"};
        mapping.join_separator = " | ";
        const auto csv = readExamples(write("joined.csv", "label,title,description\n1,Hello,World\n2,Alone,\n"),
                                      DataFormat::Auto, mapping);
        QCOMPARE(csv.size(), size_t{2});
        QCOMPARE(csv[0].text, std::string("Hello | World"));
        QCOMPARE(csv[0].label, std::string("1"));
        QCOMPARE(csv[1].text, std::string("Alone"));
        const auto jsonl = readExamples(write("joined.jsonl", "{\"label\": 1, \"title\": \"Hello\", \"description\": "
                                                              "\"World\"}\n{\"label\": 2, \"title\": \"\", "
                                                              "\"description\": \"Only body\"}\n"),
                                        DataFormat::Auto, mapping);
        QCOMPARE(jsonl[0].text, std::string("Hello | World"));
        QCOMPARE(jsonl[1].text, std::string("Only body"));

        // Pairs join too (MRPC-like TSV), by index in a headerless file.
        ColumnMapping pair;
        pair.text = "1";
        pair.text_joined = {"2"};
        pair.text_pair = "3";
        pair.text_pair_joined = {"4"};
        pair.label = "0";
        const auto pairs = readExamples(write("pairs.tsv", "1\tA\tB\tC\tD\n0\tE\tF\tG\tH\n"), DataFormat::Auto, pair);
        QCOMPARE(pairs[1].text, std::string("E F"));
        QCOMPARE(pairs[1].text_pair.value_or("?"), std::string("G H"));
        QCOMPARE(pairs[1].label, std::string("0"));
    }

    void aJoinedColumnMustExist() {
        ColumnMapping mapping;
        mapping.text = "title";
        mapping.text_joined = {"summary"};
        const fs::path file = write("nosummary.csv", "label,title,description\n1,Hello,World\n");
        QCOMPARE(errorOf([&] { readExamples(file, DataFormat::Auto, mapping); }),
                 file.string() + ": no column 'summary' (the columns are: label, title, description)");
        // A joined column named by name needs a header, as any column named by name.
        ColumnMapping by_index;
        by_index.text_joined = {"2"};
        QVERIFY(!mapsColumnsByName(by_index));
        by_index.text_joined = {"description"};
        QVERIFY(mapsColumnsByName(by_index));
        QVERIFY(joinsColumns(by_index));
        QVERIFY(!joinsColumns(ColumnMapping{}));
    }
};

QTEST_GUILESS_MAIN(TestColumnGuess)
#include "test_column_guess.moc"
