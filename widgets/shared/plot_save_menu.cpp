#include "widgets/shared/plot_save_menu.h"

#include "widgets/shared/plot_export.h"

#include <QCoreApplication>
#include <QMenu>

#include <qcustomplot.h>

namespace bw::gui {

void addSavePlotMenu(QCustomPlot* plot, const QString& suggested_name) {
    plot->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(plot, &QWidget::customContextMenuRequested, plot, [plot, suggested_name](const QPoint& at) {
        QMenu menu(plot);
        menu.addAction(QCoreApplication::translate("bw::gui::PlotSaveMenu", "Save plot as…"), plot,
                       [plot, suggested_name] { savePlotInteractively(*plot, suggested_name + QStringLiteral(".png"), plot); });
        menu.exec(plot->mapToGlobal(at));
    });
}

}  // namespace bw::gui
