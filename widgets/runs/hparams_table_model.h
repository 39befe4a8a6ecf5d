#pragma once
// The HParams tab's table: core's HParamsTable (train/hparams_table.h) as rows of runs and columns
// of the run, the step its metrics come from, its hyperparameters and its metrics. Numbers sort as
// numbers, empty cells last; HParamsFilter shows only the hyperparameters that differ when asked.
#include "core/train/hparams_table.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <QStringList>

namespace bw::gui {

class HParamsTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int SortRole = Qt::UserRole;      // a double for numbers, text otherwise, null when empty
    static constexpr int RunIdRole = Qt::UserRole + 1;  // on every cell: the row's run
    static constexpr int KindRole = Qt::UserRole + 2;   // on the horizontal header: a ColumnKind
    // On the Run column: what else the Runs page's filter reads of a run (status, tags, notes).
    static constexpr int SearchRole = Qt::UserRole + 3;
    enum Column { Run, Step, FirstValueColumn };
    enum ColumnKind { RunColumn, HyperparameterColumn, MetricColumn };

    explicit HParamsTableModel(QObject* parent = nullptr);

    // `labels`: how each row's run is named ("#3 baseline"), in the table's row order; `search`:
    // each row's SearchRole text.
    void setTable(train::HParamsTable table, QStringList labels, QStringList search = {});
    const train::HParamsTable& table() const { return table_; }

    int rowOfRun(qint64 run_id) const;  // -1 when absent
    int columnOfHyperparameter(const QString& name) const;  // -1 when absent
    int columnOfMetric(const QString& name) const;
    ColumnKind kindOf(int column) const;
    bool hyperparameterDiffers(int column) const;  // false for other columns

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const nlohmann::json* valueAt(int row, int column) const;
    QString metricTip(const QString& metric) const;  // a metric column's header tooltip

    train::HParamsTable table_;
    QStringList labels_, search_;
};

// The rows whose cells (or run's status, tags and notes) contain the filter text, and optionally only the hyperparameter columns whose
// values differ between the runs. Sorts by HParamsTableModel::SortRole: numbers numerically, text
// by the locale, empty cells after the others whichever way the column is sorted.
class HParamsFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit HParamsFilter(QObject* parent = nullptr);

    void setOnlyDiffering(bool only);
    bool onlyDiffering() const { return only_differing_; }

protected:
    // A row matches by its cells, as any filter, or by its run's status, tags and notes (SearchRole),
    // as the Runs page's filter does: "lr-sweep" there and here find the same runs.
    bool filterAcceptsRow(int source_row, const QModelIndex& source_parent) const override;
    bool filterAcceptsColumn(int source_column, const QModelIndex& source_parent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    bool only_differing_ = true;
};

}  // namespace bw::gui
