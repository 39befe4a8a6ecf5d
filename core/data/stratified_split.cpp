#include "core/data/stratified_split.h"

#include "core/runtime/error.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

namespace bw::data {
namespace {

// Uniform in [0, n) by rejection: std::uniform_int_distribution differs between standard libraries.
uint64_t uniformBelow(std::mt19937_64& rng, uint64_t n) {
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x = 0;
    do {
        x = rng();
    } while (x >= limit);
    return x % n;
}

}  // namespace

std::vector<bool> stratifiedSplit(const std::vector<std::string>& labels, double validation_fraction, uint64_t seed) {
    if (!(validation_fraction > 0.0 && validation_fraction < 1.0))
        throw bw::Error("validation fraction must be between 0 and 1 (exclusive), got " +
                        std::to_string(validation_fraction));
    std::map<std::string, std::vector<size_t>> groups;
    for (size_t i = 0; i < labels.size(); ++i) groups[labels[i]].push_back(i);

    std::mt19937_64 rng(seed);
    std::vector<bool> validation(labels.size(), false);
    for (auto& [label, indices] : groups) {
        for (size_t i = indices.size(); i > 1; --i) std::swap(indices[i - 1], indices[uniformBelow(rng, i)]);
        const size_t count = indices.size();
        size_t take = 0;
        if (count >= 2) {
            take = static_cast<size_t>(std::llround(static_cast<double>(count) * validation_fraction));
            take = std::clamp<size_t>(take, 1, count - 1);
        }
        for (size_t k = 0; k < take; ++k) validation[indices[k]] = true;
    }
    return validation;
}

}  // namespace bw::data
