#pragma once
// Every run of the store as a table: id, name, status, task, base model, dataset, best metric,
// duration, tags and notes. Name, tags and notes are editable; an edit is handed on as runEdited
// for the page to write to the store.
#include "core/store/store_records.h"
#include "core/train/run_summary.h"

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

namespace bw::gui {

using train::RunSummary;  // one row

class RunsTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Name, Status, Task, BaseModel, Dataset, BestMetric, Duration, Tags, Notes, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;  // numbers sort as numbers

    explicit RunsTableModel(QObject* parent = nullptr);

    // Rows whose ids are unchanged are updated in place, so the view keeps its selection while
    // a running run is polled.
    void setRuns(std::vector<RunSummary> runs);
    // Replaces one run's row in place (a poll's new summary of a running run); false when absent.
    bool updateRun(RunSummary run);
    const RunSummary* runAt(int row) const;
    int rowOfRun(int64_t id) const;  // -1 when absent
    bool anyRunning() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

signals:
    void runEdited(qint64 run_id, const bw::store::RunUpdate& update);

private:
    QVariant displayValue(const RunSummary& s, int column) const;
    QVariant sortValue(const RunSummary& s, int column) const;

    std::vector<RunSummary> runs_;
    QHash<qint64, int> row_of_run_;  // rowOfRun is asked once per run on each refresh: no linear search
};

}  // namespace bw::gui
