#pragma once
// The Errors page: where a trained model goes wrong. A run's checkpoint predicts every row of a
// split (train::analyseCheckpoint, in the background); the page shows that analysis's metrics, its
// confusion matrix (a click on a cell lists its rows), precision, recall and F1 per class, the
// precision-recall and ROC curves of a two-class task, and the rows, wrong ones worst first, each
// openable on the Attention and Playground pages with the checkpoint that predicted it. For tagging,
// the gold and predicted entities of each sentence side by side. The rows export as CSV.
#include "core/store/store_records.h"
#include "widgets/workbench/page_state.h"

#include <QWidget>

#include <map>
#include <memory>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTableWidget;
class QTabWidget;
class QTextBrowser;

namespace bw::gui {

class AnalysisRowsModel;
class BackgroundTask;
class BinaryCurvesPlot;
class StoreConnection;
class Workspace;

class ErrorAnalysisPage : public QWidget, public PageState {
    Q_OBJECT
public:
    ErrorAnalysisPage(Workspace& workspace, QWidget* parent = nullptr);
    ~ErrorAnalysisPage() override;

    // The run and analysis shown, the row filters and order, the curves' positive class.
    QVariantMap viewState() const override;
    void restoreViewState(const QVariantMap& state) override;

    // Shows this run (and its newest analysis); false when the run is not listed (no checkpoint,
    // not a classifier).
    bool selectRun(qint64 run_id);
    bool selectAnalysis(qint64 analysis_id);
    // Starts an analysis in the background; the page shows it when it is done (analysisFinished).
    bool startAnalysis(const std::string& checkpoint, const std::string& dataset, const std::string& split);
    bool isAnalysing() const;

    // Lists the rows of a confusion-matrix cell (true, predicted), as a click on it does; -1, -1
    // lists every row again.
    void showConfusionCell(int gold, int predicted);
    void setWrongOnly(bool wrong_only);
    void setSearchText(const QString& text);
    // The row of the table now selected (index into the rows as shown).
    void selectShownRow(int index);
    void openSelectedRowOn(const QString& page);  // "attention" or "playground"
    bool exportRowsTo(const QString& path);      // every row of the analysis, as bertwork-cli writes them
    // What "Export CSV…" suggests: "sst2-validation-run3-step30-predictions.csv".
    QString suggestedCsvName() const;

    AnalysisRowsModel* rowsModel() const { return rows_model_; }
    QTableWidget* confusionTable() const { return confusion_; }
    QTableWidget* perClassTable() const { return per_class_; }
    BinaryCurvesPlot* rocPlot() const { return roc_; }
    BinaryCurvesPlot* precisionRecallPlot() const { return pr_; }
    QComboBox* positiveClassBox() const { return positive_box_; }
    QComboBox* runBox() const { return run_box_; }
    QComboBox* analysisBox() const { return analysis_box_; }
    QString summaryText() const;
    QString detailHtml() const;
    QString problemText() const;

signals:
    void analysisFinished(bool ok);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void reloadRuns();
    void reloadAnalyses(std::optional<qint64> select = std::nullopt);
    void showAnalysis();
    void fillTables();
    void fillCurves();
    void drawClassCurves();  // the chosen class against the rest
    void showChoicesFor(const std::string& problem_type);  // the filters and columns that mean something for it
    void updateRowSelection();
    void showRowDetail();
    void askForAnalysis();
    void deleteAnalysis();
    void exportRows();
    void setProblem(const QString& text);
    std::optional<store::AnalysisRecord> currentAnalysis() const;

    Workspace& workspace_;
    std::unique_ptr<StoreConnection> store_;
    BackgroundTask* task_;
    std::vector<store::RunRecord> runs_;
    std::vector<store::AnalysisRecord> analyses_;
    std::map<int64_t, std::string> dataset_names_;  // the store's datasets by id, for labels and file names
    bool stale_ = true;

    QComboBox* run_box_;
    QComboBox* analysis_box_;
    QPushButton* analyse_;
    QPushButton* delete_;
    QPushButton* export_;
    QLabel* summary_;
    QLabel* problem_;
    QTabWidget* tabs_;
    QWidget* tables_;                 // the analysis's metrics, confusion matrix and per-class tables
    QTableWidget* metrics_ = nullptr;
    QTableWidget* confusion_ = nullptr;  // null for tagging (no matrix)
    QTableWidget* per_class_ = nullptr;
    QWidget* curves_tab_;
    QComboBox* positive_box_;  // the class drawn against the rest
    QLabel* curves_problem_;   // why no curve is drawn for that class
    BinaryCurvesPlot* roc_;
    BinaryCurvesPlot* pr_;
    QLineEdit* search_;
    QCheckBox* wrong_only_;
    bool regression_ = false;  // the analysis shown predicts scores: no wrong rows, no confidence
    QComboBox* sort_;
    QLabel* cell_filter_;
    QPushButton* clear_cell_;
    QTableView* rows_view_;
    AnalysisRowsModel* rows_model_;
    QTextBrowser* detail_;
    QPushButton* open_attention_;
    QPushButton* open_playground_;
};

}  // namespace bw::gui
