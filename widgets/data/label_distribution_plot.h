#pragma once
// How many rows carry each label (or, for a token task, how many words each tag), as bars with
// their counts written on top, so class imbalance is seen at a glance.
#include <QWidget>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

class QCustomPlot;

namespace bw::gui {

class LabelDistributionPlot : public QWidget {
    Q_OBJECT
public:
    explicit LabelDistributionPlot(QWidget* parent = nullptr);

    // Labels in label-id order with their counts (DatasetStatistics::label_counts).
    void setCounts(const std::vector<std::pair<std::string, uint64_t>>& counts, bool token_task);
    QCustomPlot* plot() const { return plot_; }

private:
    QCustomPlot* plot_;
};

}  // namespace bw::gui
