#pragma once
// The Runs page's "Configuration differences" tab: the settings in which the selected runs differ
// (ConfigDiffModel), one column per run, and their CSV export.
#include "core/train/run_summary.h"

#include <QWidget>

#include <vector>

class QLabel;
class QTableView;

namespace bw::gui {

class ConfigDiffModel;

class ConfigDiffView : public QWidget {
    Q_OBJECT
public:
    explicit ConfigDiffView(QWidget* parent = nullptr);

    // Compares the configurations of these runs (two or more), each column headed by its run.
    void setRuns(const std::vector<const train::RunSummary*>& runs);
    const ConfigDiffModel* model() const { return model_; }

signals:
    void failed(const QString& message);  // the export could not be written

private:
    void exportDifferences();

    ConfigDiffModel* model_;
    QLabel* hint_;
    QTableView* view_;
};

}  // namespace bw::gui
