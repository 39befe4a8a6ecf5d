#pragma once
// Line icons drawn from SVG files that use `currentColor`, tinted with the palette's text colours
// so they stay readable in light and dark themes.
#include <QIcon>
#include <QPalette>
#include <QString>

namespace bw::gui {

// `svg_path` is usually a resource (":/icons/data.svg"). Returns a null icon when it cannot be read.
QIcon themedIcon(const QString& svg_path, const QPalette& palette);

}  // namespace bw::gui
