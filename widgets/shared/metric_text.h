#pragma once
// A metric's value as every page shows it: four decimals (0.1020, not 0.102 beside 0.1696 in one
// column), and six significant digits past 10,000 (a perplexity, a step count).
#include <QString>

#include <cmath>

namespace bw::gui {

inline QString metricValueText(double value) {
    return std::fabs(value) < 1e4 ? QString::number(value, 'f', 4) : QString::number(value, 'g', 6);
}

}  // namespace bw::gui
