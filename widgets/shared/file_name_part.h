#pragma once
// A name (a metric, a dataset) made fit to be part of a suggested file name: each run of characters
// other than letters, digits, '-' and '_' becomes one '-', none at either end ("eval/f1" -> "eval-f1",
// 'weird: "name" / v2' -> "weird-name-v2"); "unnamed" when nothing is left.
#include <QString>

namespace bw::gui {

QString fileNamePart(QString name);

}  // namespace bw::gui
