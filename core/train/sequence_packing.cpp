#include "core/train/sequence_packing.h"

#include "core/runtime/error.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace bw::train {

std::vector<Feature> packSequences(const std::vector<Feature>& sequences, size_t max_length) {
    std::vector<size_t> order(sequences.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return sequences[a].size() > sequences[b].size(); });

    std::vector<Feature> rows;
    // Rows with room left, by the room: the best fit is the first with at least the length asked.
    std::multimap<size_t, size_t> room;
    for (size_t i : order) {
        const Feature& sequence = sequences[i];
        const size_t length = sequence.size();
        if (length > max_length)
            throw Error("internal: a sequence of " + std::to_string(length) + " tokens cannot be packed into rows of " +
                        std::to_string(max_length));
        if (length == 0) continue;
        size_t row;
        if (auto fit = room.lower_bound(length); fit != room.end()) {
            row = fit->second;
            room.erase(fit);
        } else {
            row = rows.size();
            rows.emplace_back();
            rows.back().example_index = row;
        }
        Feature& target = rows[row];
        target.input_ids.insert(target.input_ids.end(), sequence.input_ids.begin(), sequence.input_ids.end());
        target.token_type_ids.insert(target.token_type_ids.end(), sequence.token_type_ids.begin(),
                                     sequence.token_type_ids.end());
        target.packed_lengths.push_back(static_cast<int32_t>(length));
        // A row too full for even the shortest sequence ([CLS] x [SEP]) is closed.
        if (const size_t left = max_length - target.size(); left >= 3) room.emplace(left, row);
    }
    return rows;
}

}  // namespace bw::train
