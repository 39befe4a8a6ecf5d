#include "widgets/shared/plot_theme.h"

#include <qcustomplot.h>

namespace bw::gui {

void applyPaletteToPlot(QCustomPlot& plot) {
    const QPalette& palette = plot.palette();
    const QColor text = palette.color(QPalette::WindowText);
    const QColor grid = palette.color(QPalette::Mid);
    plot.setBackground(palette.brush(QPalette::Window));
    for (QCPAxisRect* rect : plot.axisRects()) {
        rect->setBackground(palette.brush(QPalette::Base));
        for (QCPAxis* axis : rect->axes()) {
            axis->setBasePen(QPen(text));
            axis->setTickPen(QPen(text));
            axis->setSubTickPen(QPen(text));
            axis->setTickLabelColor(text);
            axis->setLabelColor(text);
            axis->grid()->setPen(QPen(grid, 0, Qt::DotLine));
        }
    }
    if (plot.legend) {
        plot.legend->setBrush(palette.brush(QPalette::Base));
        plot.legend->setBorderPen(QPen(grid));
        plot.legend->setTextColor(text);
    }
}

}  // namespace bw::gui
