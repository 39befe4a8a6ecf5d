#pragma once
// A name (a metric, a dataset) made fit to be part of a suggested file name: every character other
// than a letter, a digit, '-' or '_' becomes '-' ("eval/f1" -> "eval-f1").
#include <QString>

namespace bw::gui {

QString fileNamePart(QString name);

}  // namespace bw::gui
