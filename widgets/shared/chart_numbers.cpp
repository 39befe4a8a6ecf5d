#include "widgets/shared/chart_numbers.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace bw::gui {
namespace {

// Plain numbers from here up to below kLargest; the others get their power of ten.
constexpr double kSmallest = 1e-3;
constexpr double kLargest = 1e6;
// Tick values are round; six digits write them exactly without the float noise (0.30000000000000004).
constexpr int kTickDigits = 6;

bool plainRange(double magnitude) { return magnitude >= kSmallest && magnitude < kLargest; }

QString superscript(int exponent) {
    static const QChar digits[] = {u'⁰', u'¹', u'²', u'³', u'⁴', u'⁵', u'⁶', u'⁷', u'⁸', u'⁹'};
    QString text = exponent < 0 ? QStringLiteral("⁻") : QString();
    for (const QChar c : QString::number(std::abs(exponent))) text += digits[c.digitValue()];
    return text;
}

QString withoutTrailingZeros(QString number) {
    if (!number.contains(QLatin1Char('.'))) return number;
    while (number.endsWith(QLatin1Char('0'))) number.chop(1);
    if (number.endsWith(QLatin1Char('.'))) number.chop(1);
    return number;
}

// "8·10⁻⁵": the C locale's "8.000e-05" taken apart, so that no locale changes it.
QString withPowerOfTen(double value, int significant_digits) {
    const QString e = QString::number(value, 'e', std::max(0, significant_digits - 1));
    const qsizetype at = e.indexOf(QLatin1Char('e'));
    return withoutTrailingZeros(e.left(at)) + QStringLiteral("·10") + superscript(e.mid(at + 1).toInt());
}

QString plain(double value, int significant_digits) {
    return withoutTrailingZeros(QString::number(value, 'f', std::max(0, significant_digits - 1 - int(std::floor(std::log10(std::abs(value)))))));
}

QString written(double value, int significant_digits, bool power_of_ten) {
    if (value == 0) return QStringLiteral("0");
    return power_of_ten ? withPowerOfTen(value, significant_digits) : plain(value, significant_digits);
}

template <typename Base>
class ChartNumberTicker : public Base {
protected:
    QVector<QString> createLabelVector(const QVector<double>& ticks, const QLocale&, QChar, int) override {
        return chartTickLabels(ticks);
    }
};

class ChartCountTicker : public QCPAxisTicker {
protected:
    QVector<QString> createLabelVector(const QVector<double>& ticks, const QLocale&, QChar, int) override {
        return chartCountLabels(ticks);
    }
};

// Below 2^53 a double holds every whole number exactly.
constexpr double kLargestExactCount = 9007199254740992.0;

bool isWholeCount(double value) { return std::abs(value) < kLargestExactCount && value == std::round(value); }

}  // namespace

QString chartNumber(double value, int significant_digits) {
    if (!std::isfinite(value)) return QString::number(value);
    return written(value, significant_digits, !plainRange(std::abs(value)));
}

QVector<QString> chartTickLabels(const QVector<double>& ticks) {
    double largest = 0;
    for (double t : ticks) largest = std::max(largest, std::abs(t));
    const bool all_powers = largest > 0 && !plainRange(largest);
    QVector<QString> labels;
    for (double t : ticks) {
        // A zero tick comes out of the ticker's arithmetic as 1e-20 or so.
        const double value = std::abs(t) < largest * 1e-9 ? 0.0 : t;
        labels << written(value, kTickDigits, all_powers || !plainRange(std::abs(value)));
    }
    return labels;
}

QString chartCount(double value) {
    if (!isWholeCount(value)) return chartNumber(value);
    return QLocale().toString(static_cast<qlonglong>(value));
}

QVector<QString> chartCountLabels(const QVector<double>& ticks) {
    double largest = 0;
    for (double t : ticks) largest = std::max(largest, std::abs(t));
    QVector<QString> labels;
    for (double t : ticks) {
        const double value = std::abs(t) < largest * 1e-9 ? 0.0 : t;  // the ticker's 1e-20 for zero
        if (!isWholeCount(value)) return chartTickLabels(ticks);  // 0.5 steps on a short axis
        labels << QLocale().toString(static_cast<qlonglong>(value));
    }
    return labels;
}

void useChartCounts(QCPAxis& axis) { axis.setTicker(QSharedPointer<ChartCountTicker>::create()); }

QSharedPointer<QCPAxisTicker> chartNumberTicker(bool logarithmic) {
    if (logarithmic) return QSharedPointer<ChartNumberTicker<QCPAxisTickerLog>>::create();
    return QSharedPointer<ChartNumberTicker<QCPAxisTicker>>::create();
}

void useChartNumbers(QCPAxis& axis) { axis.setTicker(chartNumberTicker(axis.scaleType() == QCPAxis::stLogarithmic)); }

}  // namespace bw::gui
