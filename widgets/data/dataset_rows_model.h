#pragma once
// The rows of one split that match a filter, as a table that fills itself a page at a time
// (ExperimentStore::findRows on a worker thread) while the view scrolls down, and counts the matches
// beside it: a corpus of millions of rows opens as fast as a small file, and the window never waits.
#include "core/data/example.h"
#include "core/store/dataset_row_query.h"

#include <QAbstractTableModel>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace bw::gui {

class BackgroundTask;

struct DatasetRowsQuery {
    QString store_path;
    int64_t dataset_id = 0;  // 0: no dataset (the table is empty)
    QString split;
    QString task_kind;  // "sequence", "token" or "corpus": what the Label column holds
    store::DatasetRowFilter filter;
    store::DatasetRowOrder order = store::DatasetRowOrder::Split;
};

class DatasetRowsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // Number: the row's place in the split from 0, as the Errors page and `dataset-rows` number it. Line: where it starts in its
    // file. Label: a sequence row's label, or a token row's entities ("PER: Jordan · LOC: Paris").
    // Characters: of its text and second text, what "Longest first" sorts by.
    enum Column { Number, Line, Document, Text, Pair, Label, Characters, ColumnCount };
    static constexpr int kPageSize = 200;

    explicit DatasetRowsModel(QObject* parent = nullptr);
    ~DatasetRowsModel() override;

    // Empties the table and reads the query's first page and its count.
    void setQuery(DatasetRowsQuery query);
    const DatasetRowsQuery& query() const { return query_; }

    const store::BrowsedRow* rowAt(int row) const;
    bool isLoading() const;         // a page or the count is being read
    bool allLoaded() const { return at_end_; }
    // The matching rows in the split, once counted; nullopt while counting or after a failure.
    std::optional<int64_t> matchCount() const { return match_count_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    void pageLoaded();    // rows were added (or the query has none)
    void countChanged();  // matchCount() changed
    void failed(const QString& message);  // the store could not be read

private:
    struct Reader;  // a worker's connection to the store, kept from one page to the next
    void readPage();
    void readCount();

    DatasetRowsQuery query_;
    int generation_ = 0;  // of the query: a page or count read for an earlier one is dropped
    std::vector<store::BrowsedRow> rows_;
    std::vector<QString> entities_;  // Label text of token rows, made once per row
    store::DatasetRowCursor cursor_;
    bool at_end_ = true;
    std::optional<int64_t> match_count_;
    BackgroundTask* page_task_;
    BackgroundTask* count_task_;
    std::shared_ptr<Reader> page_reader_;
    std::shared_ptr<Reader> count_reader_;
};

// "PER: Jordan · LOC: Paris": the entities that the tags mark, in sentence order.
QString entitiesText(const data::Example& row);

}  // namespace bw::gui
