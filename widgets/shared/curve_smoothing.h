#pragma once
// TensorBoard's scalar smoothing of train curves: an exponential moving average without start-up bias.
#include <vector>

namespace bw::gui {

// The alpha of the raw curve drawn behind a smoothed one: readable, but behind it.
constexpr int kRawCurveAlpha = 70;

// weight in [0, 1): 0 returns the values as they are; 0.99 smooths heavily.
// The smoothed curve starts at the first value instead of creeping up from zero. Non-finite values
// (a diverged loss) pass through unsmoothed and leave the average as it was.
std::vector<double> smoothEma(const std::vector<double>& values, double weight);

}  // namespace bw::gui
