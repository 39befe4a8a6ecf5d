#include "widgets/shared/plot_export.h"

#include "widgets/shared/file_dialog.h"
#include "widgets/shared/message_box.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QSvgGenerator>
#include <qcustomplot.h>

namespace bw::gui {
namespace {

// Gives the free functions below a translation context.
struct PlotExport {
    Q_DECLARE_TR_FUNCTIONS(PlotExport)
};

// The folder plots were last saved to: the next save dialog opens there (between sessions too).
const QString kSaveFolderKey = QStringLiteral("plots/saveFolder");

bool saveSvg(QCustomPlot& plot, const QString& path) {
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(plot.size());
    generator.setViewBox(plot.rect());
    generator.setTitle(QFileInfo(path).completeBaseName());
    QCPPainter painter;
    if (!painter.begin(&generator)) return false;
    plot.toPainter(&painter, plot.width(), plot.height());
    return painter.end();
}

}  // namespace

QString plotFileFilter() {
    return PlotExport::tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)");
}

bool savePlot(QCustomPlot& plot, const QString& path, QString* error) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool ok = false;
    if (suffix == QLatin1String("png")) {
        ok = plot.savePng(path, 0, 0, 2.0);  // twice the screen size: sharp in documents
    } else if (suffix == QLatin1String("pdf")) {
        ok = plot.savePdf(path);
    } else if (suffix == QLatin1String("svg")) {
        ok = saveSvg(plot, path);
    } else {
        if (error) *error = PlotExport::tr("Unknown image type “%1”: use .png, .svg or .pdf.").arg(suffix);
        return false;
    }
    if (!ok && error) *error = PlotExport::tr("Could not write %1.").arg(path);
    return ok;
}

void savePlotInteractively(QCustomPlot& plot, const QString& suggested_name, QWidget* parent) {
    QSettings settings;
    const QString folder = settings.value(kSaveFolderKey).toString();
    const QString suggested = folder.isEmpty() || !QDir(folder).exists() ? suggested_name : QDir(folder).filePath(suggested_name);
    const QString path = FileDialog::getSaveFileName(parent, PlotExport::tr("Save Plot"), suggested, plotFileFilter());
    if (path.isEmpty()) return;
    settings.setValue(kSaveFolderKey, QFileInfo(path).absolutePath());
    QString error;
    if (!savePlot(plot, path, &error)) showWarning(parent, PlotExport::tr("Save Plot"), error);
}

}  // namespace bw::gui
