// ExperimentStore's row browsing (dataset_row_query.h): pages of a split's rows that match a
// filter, read along the (source, row_index) index from a cursor, or sorted by length.
#include "core/store/experiment_store.h"

#include "core/store/store_row_readers.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace bw::store {

namespace {

// `text` as a LIKE pattern that matches it anywhere, its own % _ and \ taken literally (ESCAPE '\').
std::string anywherePattern(const std::string& text) {
    std::string pattern = "%";
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') pattern += '\\';
        pattern += c;
    }
    return pattern + "%";
}

// The filter's SQL after "WHERE source = ?", and its values in the order of its parameters.
struct FilterSql {
    std::string where;
    std::vector<std::string> values;
};

FilterSql filterSql(const DatasetRowFilter& filter) {
    FilterSql sql;
    if (!filter.contains.empty()) {
        sql.where += " AND (text LIKE ? ESCAPE '\\' OR text_pair LIKE ? ESCAPE '\\')";
        sql.values.push_back(anywherePattern(filter.contains));
        sql.values.push_back(sql.values.back());
    }
    if (!filter.label.empty()) {
        // A token row keeps its tags as a JSON list: a tag matches as its own quoted JSON string,
        // so "B-PER" does not match "I-PER" nor a tag that merely contains it. A multi-label row
        // ("insult, toxic") matches each of its labels, the spaces around its commas aside.
        sql.where += " AND (label = ? OR tags LIKE ? ESCAPE '\\' OR (instr(label, ',') > 0 AND "
                     "',' || replace(replace(label, ', ', ','), ' ,', ',') || ',' LIKE ? ESCAPE '\\'))";
        sql.values.push_back(filter.label);
        sql.values.push_back(anywherePattern(nlohmann::json(filter.label).dump()));
        sql.values.push_back(anywherePattern("," + filter.label + ","));
    }
    return sql;
}

struct PublishedSource {
    int64_t id = 0;
    int64_t first_row = 0;  // the split's row number of its row 0
};

// The sources whose rows a split shows now (parameters: dataset, split): what a count and a
// page by length read rows from.
constexpr const char* kPublishedSourceIds =
    "SELECT id FROM dataset_sources WHERE dataset = ? AND split = ? AND state = 'published'";

// The sort key of a row by length: its characters (SQLite's length() counts characters of text),
// negated for the longest first, so that both orders read ascending from the cursor.
std::string lengthKey(DatasetRowOrder order) {
    const std::string length = "(length(text) + coalesce(length(text_pair), 0))";
    return order == DatasetRowOrder::LongestFirst ? "-" + length : length;
}

// What a page's queries share: the split's published sources (in one read snapshot with the
// rows), the filter, and how many rows to read (one more than asked says whether the page is the last).
struct PageRead {
    PageRead(Database& database, const std::string& store_file, const std::string& split_name)
        : db(database), file(store_file), split(split_name) {}

    Database& db;
    const std::string& file;
    const std::string& split;
    std::vector<PublishedSource> sources;
    FilterSql where;
    int64_t wanted = 1;
    DatasetRowPage page;
    std::vector<BrowsedRow> found;

    bool full() const { return static_cast<int64_t>(found.size()) == wanted; }
    void add(int64_t number, const StoreRow& row, DatasetRowCursor at) {
        found.push_back({number, readExample(row, split)});
        if (!full()) page.next = at;  // the extra row is not on the page
    }
};

// Split order: source by source along the (source, row_index) index, from the cursor on.
void readInSplitOrder(PageRead& read, const DatasetRowCursor& after) {
    auto q = read.db.prepare(selectColumns(kExampleColumns, "FROM dataset_rows WHERE source = ? AND row_index > ?" +
                                                                read.where.where + " ORDER BY row_index LIMIT ?"));
    const StoreRow row(q, read.file);
    for (const PublishedSource& source : read.sources) {
        if (source.id < after.source) continue;
        q.reset();
        int index = 0;
        q.bind(++index, source.id);
        q.bind(++index, source.id == after.source ? after.row_index : int64_t{-1});
        for (const std::string& value : read.where.values) q.bind(++index, value);
        q.bind(++index, read.wanted - static_cast<int64_t>(read.found.size()));
        while (q.step()) {
            const int64_t row_index = row.int64("row_index");
            read.add(source.first_row + row_index, row, {source.id, row_index});
        }
        if (read.full()) break;
    }
}

// By length: one query over the split, the rows after the cursor's (key, source, row_index) first.
void readByLength(PageRead& read, int64_t dataset, DatasetRowOrder order, const DatasetRowCursor& after) {
    std::map<int64_t, int64_t> first_rows;
    for (const PublishedSource& source : read.sources) first_rows[source.id] = source.first_row;
    const std::string key = lengthKey(order);
    auto q = read.db.prepare(selectColumns(
        kExampleColumns, ", source, " + key + " AS sort_key FROM dataset_rows WHERE source IN (" +
                             kPublishedSourceIds + ")" + read.where.where +
                         " AND (" + key + ", source, row_index) > (?, ?, ?) ORDER BY sort_key, source, row_index LIMIT ?"));
    const StoreRow row(q, read.file);
    int index = 0;
    q.bind(++index, dataset);
    q.bind(++index, read.split);
    for (const std::string& value : read.where.values) q.bind(++index, value);
    q.bind(++index, after.sort_key);
    q.bind(++index, after.source);
    q.bind(++index, after.row_index);
    q.bind(++index, read.wanted);
    while (q.step()) {
        const int64_t source = row.int64("source"), row_index = row.int64("row_index");
        read.add(first_rows[source] + row_index, row, {source, row_index, row.int64("sort_key")});
    }
}

}  // namespace

DatasetRowPage ExperimentStore::findRows(int64_t dataset, const std::string& split, const DatasetRowFilter& filter,
                                         const DatasetRowCursor& after, int limit, DatasetRowOrder order) {
    requireSplit(split);
    const std::string file = path().string();
    PageRead read(*db_, file, split);
    read.page.next = after;
    read.where = filterSql(filter);
    read.wanted = static_cast<int64_t>(limit > 0 ? limit : 0) + 1;
    Transaction snapshot(*db_, Transaction::Mode::Deferred);  // the sources and their rows in one snapshot
    {
        auto q = db_->prepare(
            "SELECT id, row_count FROM dataset_sources WHERE dataset = ? AND split = ? AND state = 'published' "
            "ORDER BY id");
        q.bindAll(dataset, split);
        int64_t first_row = 0;
        while (q.step()) {
            read.sources.push_back({q.int64At(0), first_row});
            first_row += q.int64At(1);
        }
    }
    if (order == DatasetRowOrder::Split)
        readInSplitOrder(read, after);
    else
        readByLength(read, dataset, order, after);
    read.page.at_end = !read.full();
    if (read.full()) read.found.pop_back();
    read.page.rows = std::move(read.found);
    return std::move(read.page);
}

int64_t ExperimentStore::countRows(int64_t dataset, const std::string& split, const DatasetRowFilter& filter) {
    if (filter.matchesEverything()) return rowCount(dataset, split);
    requireSplit(split);
    const FilterSql where = filterSql(filter);
    auto q = db_->prepare("SELECT COUNT(*) FROM dataset_rows WHERE source IN (" + std::string(kPublishedSourceIds) + ")" +
                          where.where);
    int index = 0;
    q.bind(++index, dataset);
    q.bind(++index, split);
    for (const std::string& value : where.values) q.bind(++index, value);
    q.step();
    return q.int64At(0);
}

}  // namespace bw::store
