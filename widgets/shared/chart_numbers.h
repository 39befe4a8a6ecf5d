#pragma once
// One way to write a number on every chart, whatever the locale: plain from 0.001 to below a
// million ("0.25", "1200"), else with its power of ten written out ("8·10⁻⁵", "2.5·10⁶"), never
// "8e-05" nor "8E-05". QCustomPlot's own labels are "8·10⁻⁵" only where the locale writes "e",
// and "8E-05" where it writes "E" (Chinese, German, ...).
#include <QSharedPointer>
#include <QString>
#include <QVector>

class QCPAxis;
class QCPAxisTicker;

namespace bw::gui {

QString chartNumber(double value, int significant_digits = 4);
// The labels of an axis's ticks: on an axis of small (or huge) values every label has its power
// of ten, so that "0.0001" never stands among "2·10⁻⁵ … 8·10⁻⁵".
QVector<QString> chartTickLabels(const QVector<double>& ticks);

// An axis of counts (rows, words) is the exception: whole numbers are written as the locale writes
// the counts beside the bars ("169,578" next to "200,000", not "200000"), fractional ticks as above.
QString chartCount(double value);
QVector<QString> chartCountLabels(const QVector<double>& ticks);
void useChartCounts(QCPAxis& axis);

// A linear or logarithmic ticker labelled by chartTickLabels.
QSharedPointer<QCPAxisTicker> chartNumberTicker(bool logarithmic = false);
// Gives a numeric axis that ticker, logarithmic when the axis is.
void useChartNumbers(QCPAxis& axis);

}  // namespace bw::gui
