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

std::vector<bool> stratifiedSplit(const std::vector<uint32_t>& group_of_example, double validation_fraction,
                                  uint64_t seed) {
    if (!(validation_fraction > 0.0 && validation_fraction < 1.0))
        throw bw::Error("validation fraction must be between 0 and 1 (exclusive), got " +
                        std::to_string(validation_fraction));
    std::vector<std::vector<size_t>> groups;
    for (size_t i = 0; i < group_of_example.size(); ++i) {
        const uint32_t group = group_of_example[i];
        if (group >= groups.size()) groups.resize(size_t{group} + 1);
        groups[group].push_back(i);
    }

    std::mt19937_64 rng(seed);
    std::vector<bool> validation(group_of_example.size(), false);
    for (auto& indices : groups) {
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

std::vector<bool> stratifiedSplit(const std::vector<std::string>& labels, double validation_fraction, uint64_t seed) {
    std::map<std::string, uint32_t> rank;  // sorted: the labels' order
    for (const std::string& label : labels) rank.emplace(label, 0);
    uint32_t next = 0;
    for (auto& [label, id] : rank) id = next++;
    std::vector<uint32_t> groups(labels.size());
    for (size_t i = 0; i < labels.size(); ++i) groups[i] = rank.at(labels[i]);
    return stratifiedSplit(groups, validation_fraction, seed);
}

}  // namespace bw::data
