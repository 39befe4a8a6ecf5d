#include "widgets/workbench/themed_icon.h"

#include <QFile>
#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

namespace bw::gui {
namespace {

QPixmap renderTinted(const QByteArray& svg, const QColor& color, int size) {
    QByteArray tinted = svg;
    tinted.replace("currentColor", color.name().toLatin1());
    QSvgRenderer renderer(tinted);
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    renderer.render(&painter);
    return pixmap;
}

}  // namespace

QIcon themedIcon(const QString& svg_path, const QPalette& palette) {
    QFile file(svg_path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    const QByteArray svg = file.readAll();
    QIcon icon;
    // Rendered at the sizes the sidebar and menus use, at 1x and 2x, for each mode.
    for (int size : {16, 24, 32, 48, 64}) {
        icon.addPixmap(renderTinted(svg, palette.color(QPalette::Active, QPalette::WindowText), size), QIcon::Normal);
        icon.addPixmap(renderTinted(svg, palette.color(QPalette::Active, QPalette::HighlightedText), size),
                       QIcon::Selected);
        icon.addPixmap(renderTinted(svg, palette.color(QPalette::Disabled, QPalette::WindowText), size),
                       QIcon::Disabled);
    }
    return icon;
}

}  // namespace bw::gui
