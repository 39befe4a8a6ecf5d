#pragma once
// Token lengths of a split as a histogram, with the max_length line the user drags; bars past the
// line (the rows truncation cuts) are drawn in another colour.
#include <QWidget>

#include <cstdint>
#include <vector>

class QCustomPlot;
class QCPBars;
class QCPItemStraightLine;
class QCPItemText;
class QMouseEvent;
class QResizeEvent;

namespace bw::gui {

// The axis ends at the longest row; when a few rows are far longer than the rest (a long tail, as
// in IMDB) it ends at the 99.5th percentile and the longer rows share one overflow bar past it.
// max_length can also be set with a spin box elsewhere.
class LengthHistogram : public QWidget {
    Q_OBJECT
public:
    explicit LengthHistogram(QWidget* parent = nullptr);

    // Rows per token length (DatasetStatistics::length_counts).
    void setLengths(const std::vector<uint64_t>& length_counts);
    // Moves the line without emitting maxLengthChanged.
    void setMaxLength(int max_length);
    int maxLength() const { return max_length_; }
    int binWidth() const;  // tokens per bar: 1 while 120 lengths or fewer are shown
    QCustomPlot* plot() const { return plot_; }

signals:
    void maxLengthChanged(int max_length);  // the user moved the line

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void redraw();
    // One legend row while the items fit the plot's width, else as many rows as they need (a
    // narrow pane, or the overflow entry "1384 to 2166 tokens", once cut them off at the right).
    void fitLegend(int width);
    void placeLineLabel();
    void mousePressed(QMouseEvent* event);
    void mouseMoved(QMouseEvent* event);
    int lengthAt(const QMouseEvent* event) const;

    QCustomPlot* plot_;
    QCPBars* kept_;
    QCPBars* truncated_;
    QCPBars* overflow_;  // the rows past the axis's end, when there is a long tail
    QCPItemStraightLine* line_;
    QCPItemText* line_label_;
    QCPItemText* overflow_label_;
    std::vector<uint64_t> counts_;
    int max_length_ = 128;
    bool dragging_ = false;
};

}  // namespace bw::gui
