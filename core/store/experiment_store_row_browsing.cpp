// ExperimentStore's row browsing (dataset_row_query.h): pages of a split's rows that match a
// filter, read along the (source, row_index) index from a cursor.
#include "core/store/experiment_store.h"

#include "core/store/store_row_readers.h"

#include <nlohmann/json.hpp>

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
        // so "B-PER" does not match "I-PER" nor a tag that merely contains it.
        sql.where += " AND (label = ? OR tags LIKE ? ESCAPE '\\')";
        sql.values.push_back(filter.label);
        sql.values.push_back(anywherePattern(nlohmann::json(filter.label).dump()));
    }
    return sql;
}

struct PublishedSource {
    int64_t id = 0;
    int64_t first_row = 0;  // the split's row number of its row 0
};

}  // namespace

DatasetRowPage ExperimentStore::findRows(int64_t dataset, const std::string& split, const DatasetRowFilter& filter,
                                         const DatasetRowCursor& after, int limit) {
    requireSplit(split);
    DatasetRowPage page;
    page.next = after;
    Transaction read(*db_, Transaction::Mode::Deferred);  // the sources and their rows in one snapshot
    std::vector<PublishedSource> sources;
    {
        auto q = db_->prepare(
            "SELECT id, row_count FROM dataset_sources WHERE dataset = ? AND split = ? AND state = 'published' "
            "ORDER BY id");
        q.bindAll(dataset, split);
        int64_t first_row = 0;
        while (q.step()) {
            sources.push_back({q.int64At(0), first_row});
            first_row += q.int64At(1);
        }
    }
    const FilterSql where = filterSql(filter);
    auto q = db_->prepare(selectColumns(kExampleColumns, "FROM dataset_rows WHERE source = ? AND row_index > ?" +
                                                             where.where + " ORDER BY row_index LIMIT ?"));
    const StoreRow row(q, path().string());
    // One row more than asked says whether the page is the last.
    const int64_t wanted = static_cast<int64_t>(limit > 0 ? limit : 0) + 1;
    std::vector<BrowsedRow> found;
    for (const PublishedSource& source : sources) {
        if (source.id < after.source) continue;
        q.reset();
        int index = 0;
        q.bind(++index, source.id);
        q.bind(++index, source.id == after.source ? after.row_index : int64_t{-1});
        for (const std::string& value : where.values) q.bind(++index, value);
        q.bind(++index, wanted - static_cast<int64_t>(found.size()));
        while (q.step()) {
            const int64_t row_index = row.int64("row_index");
            found.push_back({source.first_row + row_index, readExample(row, split)});
            if (static_cast<int64_t>(found.size()) <= wanted - 1) page.next = {source.id, row_index};
        }
        if (static_cast<int64_t>(found.size()) == wanted) break;
    }
    page.at_end = static_cast<int64_t>(found.size()) < wanted;
    if (!page.at_end) found.pop_back();
    page.rows = std::move(found);
    return page;
}

int64_t ExperimentStore::countRows(int64_t dataset, const std::string& split, const DatasetRowFilter& filter) {
    if (filter.matchesEverything()) return rowCount(dataset, split);
    requireSplit(split);
    const FilterSql where = filterSql(filter);
    auto q = db_->prepare(
        "SELECT COUNT(*) FROM dataset_rows WHERE source IN (SELECT id FROM dataset_sources WHERE dataset = ? AND "
        "split = ? AND state = 'published')" +
        where.where);
    int index = 0;
    q.bind(++index, dataset);
    q.bind(++index, split);
    for (const std::string& value : where.values) q.bind(++index, value);
    q.step();
    return q.int64At(0);
}

}  // namespace bw::store
