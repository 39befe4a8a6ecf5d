#pragma once
// TensorBoard's parallel-coordinates view of a set of runs: one vertical axis per column (the
// hyperparameters that differ, the chosen metric last), each run a polyline through its values,
// coloured by its metric. A numeric axis whose positive values span more than a decade is
// logarithmic (learning rates 1e-5 … 1e-3); text and true/false values are evenly spaced categories.
// Hovering a line highlights its run and names it; a click selects it (runClicked). Right-click
// saves the plot.
#include <QString>
#include <QStringList>
#include <QWidget>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

class QCPColorScale;
class QCPGraph;
class QCPItemPosition;
class QCPItemText;
class QCustomPlot;
class QMouseEvent;

namespace bw::gui {

// One column of values, a value per run (null where a run has none).
struct ParallelColumn {
    QString name;
    std::vector<nlohmann::json> values;
};

// How a column is drawn, decided from its values.
struct ParallelAxis {
    QString name;
    bool numeric = false;      // every value set is a number; otherwise categories
    bool logarithmic = false;  // numeric, all positive, largest / smallest > 10
    double lower = 0, upper = 0;  // numeric: the values' range
    QStringList categories;    // categorical: bottom to top

    // Where a value sits on the axis, 0 (bottom) to 1 (top); nullopt for null or a value a log axis cannot show.
    std::optional<double> position(const nlohmann::json& value) const;
    static ParallelAxis fromValues(const QString& name, const std::vector<nlohmann::json>& values);
};

class ParallelCoordinatesPlot : public QWidget {
    Q_OBJECT
public:
    explicit ParallelCoordinatesPlot(QWidget* parent = nullptr);

    // The runs (ids and labels, one per value of each column) and the columns; the last column is the
    // metric the lines are coloured by.
    void setRuns(const QList<qint64>& run_ids, const QStringList& labels, const std::vector<ParallelColumn>& columns);
    void setEmptyHint(const QString& hint);  // shown while there is nothing to draw

    // Draws this run's line on top, thicker, the others faded; 0 for none.
    void highlightRun(qint64 run_id);
    qint64 highlightedRun() const { return highlighted_; }

    const std::vector<ParallelAxis>& axes() const { return axes_; }
    // The axis names as drawn (cut where even three lines leave too little room) and how many
    // lines they take above the axes.
    const std::vector<QCPItemText*>& axisNames() const { return axis_names_; }
    int nameLines() const;
    QCustomPlot* plot() const { return plot_; }
    QCPGraph* lineOf(qint64 run_id) const;  // null when the run is not drawn
    // The tick labels an axis shows, bottom to top, in full (category names may be drawn cut).
    QStringList tickLabels(int axis) const { return tick_texts_.at(static_cast<size_t>(axis)); }
    // Where the axes go, in pixels from the first, given the room each gap asks for (`room[i]`: the
    // labels left of axis i + 1) and the width from the first axis to the last.
    static std::vector<double> axisOffsets(const std::vector<double>& room, double width);
    // The pixel where a run's line crosses an axis (for tests and tooltips); nullopt where it does not.
    std::optional<QPointF> pointOf(qint64 run_id, int axis) const;

signals:
    void runClicked(qint64 run_id);

private:
    void redraw();
    void drawAxis(int index);
    void placeLabels();
    void restyleLines();
    qint64 runNear(const QPointF& pixel) const;
    void hover(QMouseEvent* event);
    void click(QMouseEvent* event);

    QCustomPlot* plot_;
    QCPColorScale* colour_scale_;
    QCPItemText* empty_text_ = nullptr;
    QString empty_hint_;
    std::vector<QCPItemText*> axis_names_;
    QString axisTitle(const ParallelAxis& axis) const;
    struct CategoryLabel {
        QCPItemText* item;
        QString text;  // in full
        int axis;
    };
    std::vector<CategoryLabel> category_labels_;
    std::vector<QStringList> tick_texts_;  // per axis
    std::vector<double> label_room_;       // per axis: the pixels its tick labels take to its left
    std::vector<double> axis_x_;           // per axis: where it is, 0 (left) to 1 (right)
    std::vector<std::vector<QCPItemPosition*>> anchors_;  // per axis: the item positions that move with it
    std::vector<ParallelAxis> axes_;
    QList<qint64> run_ids_;
    QStringList labels_;
    std::vector<ParallelColumn> columns_;
    std::vector<QCPGraph*> lines_;  // per run, owned by the plot
    std::vector<QColor> colours_;   // per run
    qint64 highlighted_ = 0;
    qint64 hovered_ = 0;
};

}  // namespace bw::gui
