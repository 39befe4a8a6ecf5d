#include "widgets/shared/curve_smoothing.h"

#include <cmath>

namespace bw::gui {

std::vector<double> smoothEma(const std::vector<double>& values, double weight) {
    std::vector<double> smoothed;
    smoothed.reserve(values.size());
    double average = 0;
    int finite = 0;
    for (const double v : values) {
        if (!std::isfinite(v)) {
            smoothed.push_back(v);
            continue;
        }
        average = average * weight + (1 - weight) * v;
        ++finite;
        // 1 - weight^n: the share of the average that the values (rather than the zero it started from) make up.
        const double debias = weight > 0 ? 1 - std::pow(weight, finite) : 1;
        smoothed.push_back(average / debias);
    }
    return smoothed;
}

}  // namespace bw::gui
