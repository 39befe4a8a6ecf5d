#pragma once
// The Runs page: every run of the store in a sortable, filterable table, with cloning, renaming,
// tagging, notes, deleting and CSV export; below it the selected runs compared (curves, settings, evaluations).
#include "core/store/store_records.h"
#include "core/train/run_summary.h"
#include "widgets/workbench/page_state.h"

#include <QList>
#include <QWidget>

#include <memory>
#include <vector>

class QAbstractItemModel;
class QLabel;
class QLineEdit;
class QTabWidget;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace bw::gui {

class ConfigDiffModel;
class ConfigDiffView;
class HParamsPanel;
class RunCurvesPanel;
class RunCurvesPlot;
class RunEvaluationsView;
class RunsTableModel;
class SmoothingSlider;
class StoreConnection;
class Workspace;

// The comparison tabs are RunCurvesPanel, ConfigDiffView, RunEvaluationsView and HParamsPanel. The page reads the
// store again when it changes, and every 2 s while a run is running (the store is in WAL mode:
// reading never blocks the training process).
class RunsPage : public QWidget, public PageState {
    Q_OBJECT
public:
    RunsPage(Workspace& workspace, QWidget* parent = nullptr);
    ~RunsPage() override;

    // The runs selected, the filter and the comparison tab shown.
    QVariantMap viewState() const override;
    void restoreViewState(const QVariantMap& state) override;

    // Selects these runs in the table (in this order for the colours); unknown ids are skipped.
    void selectRuns(const QList<qint64>& ids);
    QList<qint64> selectedRunIds() const;
    // The metric the curves show; false when no selected run logged it.
    bool setCurveMetric(const QString& name);

    QAbstractItemModel* runsTable() const;  // as shown: sorted and filtered
    RunCurvesPlot* curvesPlot() const;
    RunCurvesPanel* curvesPanel() const { return curves_panel_; }
    SmoothingSlider* smoothingSlider() const;
    const ConfigDiffModel* configDiff() const;
    HParamsPanel* hparamsPanel() const { return hparams_; }
    bool isPolling() const;

    // Writes to the store and refreshes; false with the reason shown on the page.
    bool updateRun(qint64 id, const store::RunUpdate& update);
    bool deleteRuns(const QList<qint64>& ids);

    // The CSV exports behind the buttons, without the file dialog; false with the reason shown.
    bool exportTableTo(const QString& path);   // the runs as shown, numbers as numbers
    bool exportCurvesTo(const QString& path);  // every metric of the selected runs, long format

public slots:
    void refresh();
    // What the timer does every 2 s while a run trains: the running runs' rows (and the curves of
    // those selected) are read again, and nothing else. Runs added, removed, renamed or ended come
    // through the workspace's store watcher as a refresh(). Reading every run each time cost 0.45 s
    // of the window on 10,000 runs.
    void poll();
    int fullRefreshes() const { return full_refreshes_; }

private:
    void storeChanged();
    void buildLayout();
    void fitColumns();              // every column to its contents, at most kMaxColumnWidth
    void widenColumnsToContents();  // the same, but a column only grows
    // The same for these runs' rows alone: what a poll changed. Asking every column for its size hint
    // measures up to 1,000 rows each: 65 ms of each poll on 10,000 runs.
    void widenColumnsToRuns(const std::vector<int64_t>& run_ids);
    static constexpr int kMaxColumnWidth = 260;
    void selectionChanged();
    std::vector<const train::RunSummary*> selectedRuns() const;  // in selection order
    void refreshDetails();
    void refreshEvaluations(const std::vector<const train::RunSummary*>& runs);
    void refreshHParams();
    void editCurrent(int column);
    void confirmDelete();
    void exportTable();
    void showError(const QString& text);

    Workspace& workspace_;
    std::unique_ptr<StoreConnection> store_;
    RunsTableModel* model_;
    QSortFilterProxyModel* proxy_;
    QTimer* poll_timer_;
    int full_refreshes_ = 0;
    QList<qint64> selection_order_;  // first selected first: run colours stay put

    QLineEdit* filter_edit_;
    QTabWidget* comparison_tabs_;
    QPushButton* clone_button_;
    QPushButton* errors_button_;
    QPushButton* rename_button_;
    QPushButton* tags_button_;
    QPushButton* notes_button_;
    QPushButton* delete_button_;
    QTableView* table_;
    RunCurvesPanel* curves_panel_;
    ConfigDiffView* diff_view_;
    RunEvaluationsView* evaluations_;
    HParamsPanel* hparams_;
    QLabel* message_label_;
};

}  // namespace bw::gui
