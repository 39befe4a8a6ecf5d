#pragma once
// The Runs page's "HParams" tab, TensorBoard's HParams dashboard: the compared runs' hyperparameters
// and metrics in a sortable, filterable table (HParamsTableModel) beside a parallel-coordinates plot
// (ParallelCoordinatesPlot) of the hyperparameters that differ and one metric. The metrics are those
// of each run's best checkpoint, last evaluation or evaluation at a step (core/train/hparams_table.h).
// A line clicked in the plot selects its run in the table, and a run selected in the table is
// highlighted in the plot.
#include "core/train/hparams_table.h"
#include "core/train/run_summary.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableView;

namespace bw::gui {

class HParamsFilter;
class HParamsTableModel;
class ParallelCoordinatesPlot;
class StoreConnection;
class Workspace;

class HParamsPanel : public QWidget {
    Q_OBJECT
public:
    // Reads the evaluations through the page's `store` connection to the workspace's store.
    HParamsPanel(Workspace& workspace, StoreConnection& store, QWidget* parent = nullptr);

    // The runs to compare; `selected`: they are the user's selection, else the first of the
    // `table_runs` runs the page's table shows (the page's rule, said above the table). Read from
    // the store now if the tab is shown, else when it is.
    void setRuns(const std::vector<const train::RunSummary*>& runs, bool selected, int table_runs = 0);

    // The controls, for the page's callers and the tests.
    void setMetricsAt(const train::MetricsAt& at);
    bool setColourMetric(const QString& name);  // false when no run logged it
    void setOnlyDiffering(bool only);
    void selectRun(qint64 run_id);  // in the table and the plot
    qint64 selectedRun() const;     // 0 for none

    QString scopeText() const;
    QTableView* table() const { return table_; }
    const HParamsTableModel* model() const { return model_; }
    HParamsFilter* filter() const { return filter_; }
    ParallelCoordinatesPlot* plot() const { return plot_; }

    // The table as CSV, rows in the table's order, every digit; false after failed().
    bool exportTo(const QString& path);

signals:
    void failed(const QString& message);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void buildLayout();
    void refresh();  // reads the table from the store
    void refreshMetricChoices();
    void refreshPlot();
    void modeChanged();
    void tableSelectionChanged();
    void exportTable();

    Workspace& workspace_;
    StoreConnection& store_;
    struct ShownRun {
        store::RunRecord run;
        std::string best_metric;  // metric_for_best_model, as the run summary read it
    };
    std::vector<ShownRun> runs_;
    bool stale_ = true;  // runs_ changed while the tab was hidden

    QLabel* scope_label_;
    QComboBox* at_combo_;
    QSpinBox* step_spin_;
    QComboBox* metric_combo_;
    QCheckBox* differing_check_;
    QLineEdit* filter_edit_;
    HParamsTableModel* model_;
    HParamsFilter* filter_;
    QTableView* table_;
    ParallelCoordinatesPlot* plot_;
};

}  // namespace bw::gui
