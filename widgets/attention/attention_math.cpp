#include "widgets/attention/attention_math.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace bw::gui {
namespace {

AttentionMatrix zeros(int size) { return {size, std::vector<float>(static_cast<size_t>(size) * size, 0.0f)}; }

AttentionMatrix multiply(const AttentionMatrix& a, const AttentionMatrix& b) {
    AttentionMatrix out = zeros(a.size);
    for (int i = 0; i < a.size; ++i)
        for (int k = 0; k < a.size; ++k) {
            const float left = a.at(i, k);
            for (int j = 0; j < a.size; ++j) out.at(i, j) += left * b.at(k, j);
        }
    return out;
}

void normaliseRows(AttentionMatrix& m) {
    for (int r = 0; r < m.size; ++r) {
        double sum = 0;
        for (int c = 0; c < m.size; ++c) sum += m.at(r, c);
        if (sum <= 0) continue;
        for (int c = 0; c < m.size; ++c) m.at(r, c) = static_cast<float>(m.at(r, c) / sum);
    }
}

}  // namespace

AttentionStack::AttentionStack(std::vector<int64_t> shape, std::vector<float> values) : values_(std::move(values)) {
    if (shape.size() != 4 || shape[2] != shape[3])
        throw std::invalid_argument("attentions must have the shape [layers, heads, tokens, tokens]");
    layers_ = static_cast<int>(shape[0]);
    heads_ = static_cast<int>(shape[1]);
    tokens_ = static_cast<int>(shape[2]);
    if (values_.size() != static_cast<size_t>(layers_) * heads_ * tokens_ * tokens_)
        throw std::invalid_argument("attentions: " + std::to_string(values_.size()) + " values do not fill the shape");
}

AttentionMatrix AttentionStack::head(int layer, int head) const {
    if (layer < 0 || layer >= layers_ || head < 0 || head >= heads_)
        throw std::out_of_range("layer " + std::to_string(layer + 1) + ", head " + std::to_string(head + 1) +
                                " does not exist (the model has " + std::to_string(layers_) + " layers of " +
                                std::to_string(heads_) + " heads)");
    const size_t cells = static_cast<size_t>(tokens_) * tokens_;
    const auto begin = values_.begin() + static_cast<std::ptrdiff_t>((static_cast<size_t>(layer) * heads_ + head) * cells);
    return {tokens_, std::vector<float>(begin, begin + static_cast<std::ptrdiff_t>(cells))};
}

AttentionMatrix AttentionStack::headAverage(int layer) const {
    AttentionMatrix sum = zeros(tokens_);
    for (int h = 0; h < heads_; ++h) {
        const AttentionMatrix one = head(layer, h);
        for (size_t i = 0; i < sum.values.size(); ++i) sum.values[i] += one.values[i];
    }
    for (float& v : sum.values) v /= static_cast<float>(heads_);
    return sum;
}

AttentionMatrix AttentionStack::rollout(int layer) const {
    AttentionMatrix result;
    for (int l = 0; l <= layer; ++l) {
        AttentionMatrix a = headAverage(l);
        for (int i = 0; i < tokens_; ++i)
            for (int j = 0; j < tokens_; ++j) a.at(i, j) = 0.5f * a.at(i, j) + (i == j ? 0.5f : 0.0f);
        normaliseRows(a);
        result = l == 0 ? a : multiply(a, result);
    }
    return result;
}

AttentionMatrix select(const AttentionStack& stack, const AttentionView& view) {
    switch (view.mode) {
    case AttentionMode::Head: return stack.head(view.layer, view.head);
    case AttentionMode::HeadAverage: return stack.headAverage(view.layer);
    case AttentionMode::Rollout: return stack.rollout(view.layer);
    }
    return {};
}

AttentionMatrix keepTokens(const AttentionMatrix& matrix, const std::vector<bool>& keep) {
    // Nothing hidden: the matrix as the model gave it, not renormalised to slightly different floats.
    if (std::count(keep.begin(), keep.end(), true) == matrix.size && static_cast<int>(keep.size()) == matrix.size)
        return matrix;
    std::vector<int> kept;
    for (int i = 0; i < matrix.size; ++i)
        if (i < static_cast<int>(keep.size()) && keep[static_cast<size_t>(i)]) kept.push_back(i);
    AttentionMatrix out = zeros(static_cast<int>(kept.size()));
    for (int r = 0; r < out.size; ++r)
        for (int c = 0; c < out.size; ++c) out.at(r, c) = matrix.at(kept[static_cast<size_t>(r)], kept[static_cast<size_t>(c)]);
    normaliseRows(out);
    return out;
}

AttentionMatrix difference(const AttentionMatrix& a, const AttentionMatrix& b) {
    if (a.size != b.size)
        throw std::invalid_argument("cannot subtract a " + std::to_string(b.size) + "-token attention matrix from a " +
                                    std::to_string(a.size) + "-token one");
    AttentionMatrix out = a;
    for (size_t i = 0; i < out.values.size(); ++i) out.values[i] -= b.values[i];
    return out;
}

float maxAbsolute(const AttentionMatrix& matrix) {
    float m = 0;
    for (float v : matrix.values) m = std::max(m, std::fabs(v));
    return m;
}

}  // namespace bw::gui
