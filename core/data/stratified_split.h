#pragma once
// Train / validation split that keeps each label's share (as scikit-learn's stratified
// train_test_split), the same for the same seed on every platform.
#include <cstdint>
#include <string>
#include <vector>

namespace bw::data {

// One flag per example, true = validation. Each label's examples (in file order) are shuffled with
// a Fisher-Yates shuffle driven by std::mt19937_64(seed) (labels taken in sorted order), and the
// first round(count * validation_fraction) go to validation, clamped so that a label with >= 2
// examples has at least one in validation and one in training; a label seen once stays in training.
// Unlabelled examples ("") form a group of their own. Throws bw::Error when the fraction is not in (0, 1).
std::vector<bool> stratifiedSplit(const std::vector<std::string>& labels, double validation_fraction, uint64_t seed);
// The same with each example's label given as a group number, the groups taken in ascending order
// (number them in the labels' sorted order for the split above): 4 bytes an example, for files whose
// rows are not held in memory.
std::vector<bool> stratifiedSplit(const std::vector<uint32_t>& group_of_example, double validation_fraction,
                                  uint64_t seed);

}  // namespace bw::data
