#pragma once
// A QCustomPlot of training curves, shared by the Train page's charts and the Runs page's comparison:
// follows new points, zooms, fits to the data and smooths train curves the TensorBoard way.
#include <QColor>
#include <QString>
#include <QVector>
#include <QWidget>

#include <optional>
#include <vector>

class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPLayoutGrid;
class QCPRange;
class QCustomPlot;
class QMouseEvent;
class QPushButton;

namespace bw::gui {

enum class CurveAxis { Step, Epoch, Time };

// How the curves are drawn; a change of axis or scale fits the view again.
struct CurveOptions {
    double smoothing = 0.6;  // the EMA weight, 0 (raw) to 0.99; TensorBoard's default
    bool log_scale = false;  // points at or below zero are left out
    CurveAxis axis = CurveAxis::Step;
};

struct PlotCurve {
    QString label;  // in the legend and the hover text
    QColor colour;
    QVector<double> x, y;           // as logged, y unsmoothed
    bool smoothable = false;        // a dense train series: smoothed over its faint raw curve
    bool dots_when_sparse = false;  // a few points each worth seeing (evaluations): dots on the line
};

// Curves are drawn against step, epoch or training time, dense train series smoothed over their
// faint raw curve, on a linear or log scale. It follows new points until the user drags or zooms (a
// plain click does not count); a double-click fits the data again. While a live plot's view is the
// user's, a button on it says so and follows again. Hovering shows the values under the mouse;
// right-click saves it.
class CurvePlot : public QWidget {
    Q_OBJECT
public:
    // `file_name` is what "Save plot as…" suggests (without extension).
    explicit CurvePlot(const QString& file_name, QWidget* parent = nullptr);

    void setCurves(std::vector<PlotCurve> curves, const CurveOptions& options);
    void setSmoothing(double weight);  // redraws what is there
    const CurveOptions& options() const { return options_; }
    // No curves, and the axes of an empty plot.
    void clear();

    // The x range a fit shows, when charts side by side share one; otherwise a fit shows the data
    // with some air. Fits again unless the user moved the view.
    void setFitXRange(double lower, double upper);
    // Follows (and fits) new points again, as after a double-click.
    void followLatest();
    bool isFollowing() const { return follow_; }
    // A live plot gets new points (a run training): while it does not follow them, it shows the
    // "paused following" button. Going live follows again.
    void setLive(bool live);
    bool isLive() const { return live_; }
    QPushButton* followButton() const { return follow_button_; }

    // Small plots in a scrolling grid: the legend is the grid's (one for every plot), and the wheel
    // scrolls the grid unless Ctrl is held, when it zooms.
    void setInGrid(bool in_grid);
    bool isInGrid() const { return in_grid_; }

    void setTitle(const QString& title);      // a bold line above the legend
    void setEmptyHint(const QString& hint);   // shown while no curve has points
    // A dashed vertical line with a label at its foot (the best checkpoint), or none.
    void setMarker(std::optional<double> x, const QString& label);
    bool showsMarker() const;

    // The x extent of the curves, if any has points.
    std::optional<QCPRange> keyRange() const;
    // Against time, whether the labels count hours ("1:02:30"), as they do when the curves reach an
    // hour; else minutes and seconds ("02:30"). An axis title says which.
    bool timeLabelsShowHours() const;
    bool hasData() const;
    QCustomPlot* plot() const { return plot_; }
    // The i-th curve as drawn (smoothed, when it is), and its faint raw curve (null when not smoothed).
    QCPGraph* lineOf(size_t i) const { return i < lines_.size() ? lines_[i] : nullptr; }
    QCPGraph* rawOf(size_t i) const { return i < raws_.size() ? raws_[i] : nullptr; }

private:
    void buildLegendRow();
    void buildItems();
    void redraw();
    void updateTickers();
    void fitTimeTicks();
    void fit();
    void placeMarker();
    void placeMarkerLabel();
    void replotWhenShown();
    void showValuesAt(QMouseEvent* event);
    void holdView(QMouseEvent* event);
    void releaseView(QMouseEvent* event);
    void stopFollowing();
    void updateFollowButton();

    QCustomPlot* plot_;
    QCPLayoutGrid* header_;  // the title (when set) above the legend, outside the axes
    QCPItemStraightLine* marker_line_;
    QCPItemText* marker_label_;
    QCPItemText* empty_text_;
    QPushButton* follow_button_;

    std::vector<PlotCurve> curves_;
    std::vector<QCPGraph*> lines_, raws_;  // per curve, owned by the plot
    CurveOptions options_;
    std::optional<double> marker_x_;
    std::optional<std::pair<double, double>> fit_x_;
    bool follow_ = true;  // fit on new points until the user moves the view
    bool live_ = false;
    bool in_grid_ = false;
    bool eventFilter(QObject* watched, QEvent* event) override;
    // While the left button is down: the view and whether it followed when the button went down.
    struct HeldView {
        double x_lower, x_upper, y_lower, y_upper;
        bool followed;
    };
    std::optional<HeldView> held_;
};

}  // namespace bw::gui
