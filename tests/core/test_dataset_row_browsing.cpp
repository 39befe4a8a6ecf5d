// Browsing a split's rows (ExperimentStore::findRows / countRows, the Data page's row browser):
// the real SST-2 dev set, a CoNLL-2003 slice and ChnSentiCorp rows, each compared with the file read
// here line by line, not with what the store's own reader makes of it.
#include "core/store/dataset_import.h"
#include "core/store/sqlite_database.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace bw::store;
using bw::test::errorOf;
using bw::test::fixture;
namespace fs = std::filesystem;

namespace {

struct FileRow {
    std::string text;
    std::string label;
    std::vector<std::string> tags;
};

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

// A two-column TSV with a header; `text_column` is 0 or 1, the label is the other one.
std::vector<FileRow> readTsv(const fs::path& path, int text_column) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);  // header
    std::vector<FileRow> rows;
    while (std::getline(in, line)) {
        const auto tab = line.find('\t');
        const std::string first = line.substr(0, tab), second = line.substr(tab + 1);
        rows.push_back({trimmed(text_column == 0 ? first : second), trimmed(text_column == 0 ? second : first), {}});
    }
    return rows;
}

// CoNLL-2003: a sentence per blank-line block, the word first and the NER tag last on each line.
std::vector<FileRow> readConll(const fs::path& path) {
    std::ifstream in(path);
    std::string line;
    std::vector<FileRow> rows(1);
    while (std::getline(in, line)) {
        if (trimmed(line).empty()) {
            if (!rows.back().tags.empty()) rows.emplace_back();
            continue;
        }
        const std::string word = line.substr(0, line.find(' '));
        rows.back().text += (rows.back().text.empty() ? "" : " ") + word;
        rows.back().tags.push_back(line.substr(line.rfind(' ') + 1));
    }
    if (rows.back().tags.empty()) rows.pop_back();
    return rows;
}

std::string lowerAscii(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// The row numbers a filter should find, read from the file's rows.
template <typename Match>
std::vector<int64_t> numbersWhere(const std::vector<FileRow>& rows, Match match) {
    std::vector<int64_t> numbers;
    for (size_t i = 0; i < rows.size(); ++i)
        if (match(rows[i])) numbers.push_back(static_cast<int64_t>(i));
    return numbers;
}

// Every matching row, read a page of `page_size` at a time as the browser does.
std::vector<BrowsedRow> allPages(ExperimentStore& store, int64_t dataset, const std::string& split,
                                 const DatasetRowFilter& filter, int page_size, int* pages = nullptr,
                                 DatasetRowOrder order = DatasetRowOrder::Split) {
    std::vector<BrowsedRow> rows;
    DatasetRowCursor cursor;
    for (int n = 1;; ++n) {
        DatasetRowPage page = store.findRows(dataset, split, filter, cursor, page_size, order);
        if (!page.at_end) QTEST_ASSERT(static_cast<int>(page.rows.size()) == page_size);
        rows.insert(rows.end(), page.rows.begin(), page.rows.end());
        cursor = page.next;
        if (page.at_end) {
            if (pages) *pages = n;
            return rows;
        }
    }
}

// Characters of UTF-8 text: the bytes that do not continue a character.
int64_t characters(const std::string& text) {
    return std::count_if(text.begin(), text.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; });
}

// The row numbers of `texts` by their length, ties in their order: what sorting by length gives.
std::vector<int64_t> numbersByLength(const std::vector<std::string>& texts, bool longest_first) {
    std::vector<int64_t> numbers(texts.size());
    for (size_t i = 0; i < texts.size(); ++i) numbers[i] = static_cast<int64_t>(i);
    std::stable_sort(numbers.begin(), numbers.end(), [&](int64_t a, int64_t b) {
        const int64_t la = characters(texts[static_cast<size_t>(a)]), lb = characters(texts[static_cast<size_t>(b)]);
        return longest_first ? la > lb : la < lb;
    });
    return numbers;
}

// The first column of a TSV with a header, as it stands in the file.
std::vector<std::string> firstColumn(const fs::path& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    std::vector<std::string> texts;
    while (std::getline(in, line)) texts.push_back(line.substr(0, line.find('\t')));
    return texts;
}

std::vector<int64_t> numbersOf(const std::vector<BrowsedRow>& rows) {
    std::vector<int64_t> numbers;
    for (const BrowsedRow& row : rows) numbers.push_back(row.number);
    return numbers;
}

}  // namespace

class TestDatasetRowBrowsing : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    int stores_ = 0;

    fs::path freshPath() { return fs::path(tmp_.path().toStdString()) / ("store" + std::to_string(++stores_) + ".sqlite"); }
    int64_t import(ExperimentStore& store, const fs::path& file, const std::string& name, const std::string& split) {
        ImportRequest request;
        request.input = file;
        request.name = name;
        request.split = split;
        return importDataset(store, request).dataset.id;
    }

private slots:
    void initTestCase() { QVERIFY(tmp_.isValid()); }

    void everyRowInOrderAPageAtATime() {
        auto store = ExperimentStore::open(freshPath());
        const fs::path file = fixture("data/sst2_dev.tsv");
        const int64_t dataset = import(store, file, "sst2", "validation");
        const std::vector<FileRow> expected = readTsv(file, 0);
        QCOMPARE(expected.size(), size_t{872});

        int pages = 0;
        const std::vector<BrowsedRow> rows = allPages(store, dataset, "validation", {}, 100, &pages);
        QCOMPARE(pages, 9);  // 8 full pages and 72 rows
        QCOMPARE(rows.size(), expected.size());
        for (size_t i = 0; i < rows.size(); ++i) {
            QCOMPARE(rows[i].number, static_cast<int64_t>(i));
            QCOMPARE(trimmed(rows[i].example.text), expected[i].text);
            QCOMPARE(rows[i].example.label, expected[i].label);
            QCOMPARE(rows[i].example.source_line, uint64_t(i + 2));  // after the header
        }
        QCOMPARE(store.countRows(dataset, "validation", {}), int64_t{872});

        // A page exactly as long as what is left is the last one.
        DatasetRowCursor cursor;
        cursor = store.findRows(dataset, "validation", {}, cursor, 800).next;
        const DatasetRowPage last = store.findRows(dataset, "validation", {}, cursor, 72);
        QCOMPARE(last.rows.size(), size_t{72});
        QVERIFY(last.at_end);
        QCOMPARE(last.rows.back().number, int64_t{871});
        QVERIFY(store.findRows(dataset, "validation", {}, last.next, 10).rows.empty());
    }

    void textFilterIgnoresAsciiCaseAndMatchesTheFile() {
        auto store = ExperimentStore::open(freshPath());
        const fs::path file = fixture("data/sst2_dev.tsv");
        const int64_t dataset = import(store, file, "sst2", "validation");
        const std::vector<FileRow> expected = readTsv(file, 0);

        DatasetRowFilter filter;
        filter.contains = "CHARMING";
        const auto want = numbersWhere(expected, [](const FileRow& r) {
            return lowerAscii(r.text).find("charming") != std::string::npos;
        });
        QVERIFY(want.size() > 3);
        QCOMPARE(numbersOf(allPages(store, dataset, "validation", filter, 3)), want);
        QCOMPARE(store.countRows(dataset, "validation", filter), static_cast<int64_t>(want.size()));

        filter.contains = "film";
        filter.label = "0";
        const auto negative_film = numbersWhere(expected, [](const FileRow& r) {
            return r.label == "0" && lowerAscii(r.text).find("film") != std::string::npos;
        });
        QVERIFY(!negative_film.empty());
        QCOMPARE(numbersOf(allPages(store, dataset, "validation", filter, 7)), negative_film);
        QCOMPARE(store.countRows(dataset, "validation", filter), static_cast<int64_t>(negative_film.size()));

        filter.contains = "no sentence says this";
        const DatasetRowPage none = store.findRows(dataset, "validation", filter, {}, 50);
        QVERIFY(none.rows.empty());
        QVERIFY(none.at_end);
        QCOMPARE(store.countRows(dataset, "validation", filter), int64_t{0});
    }

    void wildcardsInTheFilterAreTakenLiterally() {
        auto store = ExperimentStore::open(freshPath());
        DatasetRecord spec;
        spec.name = "marks";
        spec.task_kind = "sequence";
        const int64_t dataset = store.createDataset(spec).id;
        std::vector<bw::data::Example> rows(5);
        rows[0].text = "100% sure";
        rows[1].text = "100 sure";
        rows[2].text = "snake_case";
        rows[3].text = "snakeXcase";
        rows[4].text = "a \\ backslash";
        store.appendRows(dataset, "train", rows);
        const auto numbers = [&](const std::string& contains) {
            DatasetRowFilter filter;
            filter.contains = contains;
            return numbersOf(store.findRows(dataset, "train", filter, {}, 10).rows);
        };
        QCOMPARE(numbers("%"), (std::vector<int64_t>{0}));
        QCOMPARE(numbers("e_c"), (std::vector<int64_t>{2}));
        QCOMPARE(numbers("\\"), (std::vector<int64_t>{4}));
        QCOMPARE(numbers("100"), (std::vector<int64_t>{0, 1}));
    }

    void tagFilterFindsSentencesWithThatTag() {
        auto store = ExperimentStore::open(freshPath());
        const fs::path file = fixture("data/conll2003_valid_head300.txt");
        const int64_t dataset = import(store, file, "conll", "train");
        const std::vector<FileRow> expected = readConll(file);
        QCOMPARE(store.countRows(dataset, "train", {}), static_cast<int64_t>(expected.size()));

        for (const std::string tag : {"B-MISC", "I-MISC", "B-PER"}) {
            DatasetRowFilter filter;
            filter.label = tag;
            const auto want = numbersWhere(expected, [&](const FileRow& r) {
                return std::find(r.tags.begin(), r.tags.end(), tag) != r.tags.end();
            });
            QVERIFY2(!want.empty(), tag.c_str());
            const std::vector<BrowsedRow> found = allPages(store, dataset, "train", filter, 5);
            QCOMPARE(numbersOf(found), want);
            QCOMPARE(store.countRows(dataset, "train", filter), static_cast<int64_t>(want.size()));
            for (const BrowsedRow& row : found) QCOMPARE(row.example.tags, expected[row.number].tags);
        }
        // "MISC" is part of tags but no tag: nothing.
        DatasetRowFilter part;
        part.label = "MISC";
        QCOMPARE(store.countRows(dataset, "train", part), int64_t{0});

        DatasetRowFilter word;
        word.contains = "england";
        const auto with_england = numbersWhere(expected, [](const FileRow& r) {
            return lowerAscii(r.text).find("england") != std::string::npos;
        });
        QVERIFY(!with_england.empty());
        QCOMPARE(numbersOf(allPages(store, dataset, "train", word, 4)), with_england);
    }

    void chineseTextMatches() {
        auto store = ExperimentStore::open(freshPath());
        const fs::path file = fixture("data/chnsenticorp_train_930_960.tsv");
        const int64_t dataset = import(store, file, "chn", "train");
        const std::vector<FileRow> expected = readTsv(file, 1);
        DatasetRowFilter filter;
        filter.contains = "酒店";
        const auto want = numbersWhere(expected, [](const FileRow& r) { return r.text.find("酒店") != std::string::npos; });
        QVERIFY(!want.empty() && want.size() < expected.size());
        QCOMPARE(numbersOf(allPages(store, dataset, "train", filter, 2)), want);
    }

    // A split whose rows came from two published sources (as an older store has): numbers run on
    // across them, and a page crosses from one to the next.
    void numbersRunOnAcrossSources() {
        const fs::path path = freshPath();
        int64_t dataset = 0;
        {
            auto store = ExperimentStore::open(path);
            dataset = import(store, fixture("data/sst2_dev.tsv"), "sst2", "train");
        }
        {
            Database raw = Database::open(path, 5000);
            raw.prepare("INSERT INTO dataset_sources (dataset, split, path, row_count, imported_at, state) "
                        "VALUES (?, 'train', 'more.tsv', 3, '2026-12-05T00:00:00Z', 'published')")
                .bindAll(dataset)
                .run();
            const int64_t source = raw.lastInsertId();
            for (int i = 0; i < 3; ++i)
                raw.prepare("INSERT INTO dataset_rows (source, row_index, text, label) VALUES (?, ?, ?, '1')")
                    .bindAll(source, i, "appended row " + std::to_string(i))
                    .run();
        }
        auto store = ExperimentStore::open(path);
        QCOMPARE(store.countRows(dataset, "train", {}), int64_t{875});
        DatasetRowCursor cursor = store.findRows(dataset, "train", {}, {}, 870).next;
        const DatasetRowPage page = store.findRows(dataset, "train", {}, cursor, 4);
        QCOMPARE(numbersOf(page.rows), (std::vector<int64_t>{870, 871, 872, 873}));
        QCOMPARE(page.rows[2].example.text, std::string("appended row 0"));
        QVERIFY(!page.at_end);
        const DatasetRowPage rest = store.findRows(dataset, "train", {}, page.next, 4);
        QCOMPARE(numbersOf(rest.rows), (std::vector<int64_t>{874}));
        QVERIFY(rest.at_end);

        DatasetRowFilter filter;
        filter.contains = "APPENDED";
        QCOMPARE(numbersOf(allPages(store, dataset, "train", filter, 2)), (std::vector<int64_t>{872, 873, 874}));
        QCOMPARE(store.countRows(dataset, "train", filter), int64_t{3});
    }

    // Shortest or longest first, by the characters of the file's text, ties in the split's order:
    // pages of 7 cut through runs of equal lengths, so the cursor's tie-break is what keeps every row
    // once; a filter and a sort combine.
    void sortedByLengthAPageAtATime() {
        auto store = ExperimentStore::open(freshPath());
        const fs::path file = fixture("data/sst2_dev.tsv");
        const int64_t dataset = import(store, file, "sst2", "validation");
        const std::vector<std::string> texts = firstColumn(file);
        QCOMPARE(texts.size(), size_t{872});
        for (const bool longest : {false, true}) {
            const DatasetRowOrder order = longest ? DatasetRowOrder::LongestFirst : DatasetRowOrder::ShortestFirst;
            const std::vector<int64_t> want = numbersByLength(texts, longest);
            int pages = 0;
            const std::vector<BrowsedRow> rows = allPages(store, dataset, "validation", {}, 7, &pages, order);
            QCOMPARE(numbersOf(rows), want);
            QCOMPARE(pages, 125);  // 124 pages of 7 and 4 rows
            QCOMPARE(rows.front().example.text, texts[static_cast<size_t>(want.front())]);
        }
        DatasetRowFilter filter;
        filter.contains = "FILM";
        std::vector<std::string> with_film;
        std::vector<int64_t> numbers;
        for (size_t i = 0; i < texts.size(); ++i)
            if (lowerAscii(texts[i]).find("film") != std::string::npos) {
                with_film.push_back(texts[i]);
                numbers.push_back(static_cast<int64_t>(i));
            }
        std::vector<int64_t> want;
        for (const int64_t k : numbersByLength(with_film, true)) want.push_back(numbers[static_cast<size_t>(k)]);
        QVERIFY(want.size() > 20);
        QCOMPARE(numbersOf(allPages(store, dataset, "validation", filter, 5, nullptr, DatasetRowOrder::LongestFirst)), want);
    }

    // A multi-label row's labels are comma-separated: each one finds it, a label containing
    // another ("non-toxic", "toxicity") does not, and the whole label still finds it exactly.
    void multiLabelRowsMatchEachOfTheirLabels() {
        auto store = ExperimentStore::open(freshPath());
        const fs::path file = fs::path(tmp_.path().toStdString()) / "comments.tsv";
        std::ofstream(file) << "text\tlabels\n"
                               "you are a fool\ttoxic\n"
                               "what an idiot\tinsult, toxic\n"
                               "I will find you\tobscene,toxic,threat\n"
                               "that is harmless\tnon-toxic\n"
                               "rude and mean\ttoxicity, insult\n"
                               "dimwit\tinsult\n";
        const int64_t dataset = import(store, file, "comments", "train");
        const std::vector<std::pair<std::string, std::vector<int64_t>>> cases = {
            {"toxic", {0, 1, 2}}, {"insult", {1, 4, 5}}, {"threat", {2}}, {"insult, toxic", {1}}, {"toxicity", {4}}, {"tox", {}}};
        for (const auto& [label, want] : cases) {
            DatasetRowFilter filter;
            filter.label = label;
            QCOMPARE(numbersOf(allPages(store, dataset, "train", filter, 2)), want);
            QCOMPARE(store.countRows(dataset, "train", filter), static_cast<int64_t>(want.size()));
        }
    }

    void anUnknownSplitIsRefused() {
        auto store = ExperimentStore::open(freshPath());
        const int64_t dataset = import(store, fixture("data/sst2_dev.tsv"), "sst2", "validation");
        const std::string error = errorOf([&] { store.findRows(dataset, "dev", {}, {}, 10); });
        QVERIFY2(error.find("dev") != std::string::npos, error.c_str());
        QVERIFY(store.findRows(dataset, "train", {}, {}, 10).rows.empty());
    }
};

QTEST_GUILESS_MAIN(TestDatasetRowBrowsing)
#include "test_dataset_row_browsing.moc"
