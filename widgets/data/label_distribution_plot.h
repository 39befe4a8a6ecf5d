#pragma once
// How many rows carry each label (or, for a token task, how many words each tag), as horizontal
// bars with their counts written at the end, so class imbalance is seen at a glance. Bars lie
// down so that any number of label names stays readable, one per line.
#include <QString>
#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

class QCustomPlot;
class QCPItemText;

namespace bw::gui {

class LabelDistributionPlot : public QWidget {
    Q_OBJECT
public:
    explicit LabelDistributionPlot(QWidget* parent = nullptr);

    // Labels in label-id order with their counts (DatasetStatistics::label_counts).
    void setCounts(const std::vector<std::pair<std::string, uint64_t>>& counts, bool token_task);
    // Written in the middle of the axes while there are no counts (a corpus has no labels); the
    // next setCounts uses it.
    void setEmptyHint(const QString& hint) { empty_hint_ = hint; }
    QCustomPlot* plot() const { return plot_; }
    // The labels of the bars, top to bottom.
    const QStringList& labels() const { return labels_; }

private:
    void fitValueRange();

    QCustomPlot* plot_;
    std::vector<QCPItemText*> value_labels_;  // "count (share)" at each bar's end
    double highest_ = 1;
    QStringList labels_;
    QString empty_hint_;
};

}  // namespace bw::gui
