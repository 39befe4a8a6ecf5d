#pragma once
// The arithmetic behind the attention views, kept free of Qt so that it is tested on its own:
// one head's matrix, the head average, attention rollout, hiding tokens and the difference
// between two models. Matrices are square (query rows x key columns), row-major.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace bw::gui {

struct AttentionMatrix {
    int size = 0;               // tokens
    std::vector<float> values;  // size * size, row = query (from), column = key (to)

    float at(int row, int column) const { return values[static_cast<std::size_t>(row) * size + column]; }
    float& at(int row, int column) { return values[static_cast<std::size_t>(row) * size + column]; }
};

// All attention probabilities of one input: [layers, heads, tokens, tokens] as BertPipeline
// returns them. Throws std::invalid_argument when shape and values disagree.
class AttentionStack {
public:
    AttentionStack() = default;
    AttentionStack(std::vector<int64_t> shape, std::vector<float> values);

    int layers() const { return layers_; }
    int heads() const { return heads_; }
    int tokens() const { return tokens_; }
    bool empty() const { return values_.empty(); }

    // Throws std::out_of_range for a layer or head that does not exist.
    AttentionMatrix head(int layer, int head) const;
    AttentionMatrix headAverage(int layer) const;
    // Abnar & Zuidema's rollout up to and including `layer`: each layer's head average plus the
    // residual connection, (A + I) / 2, rows normalised to sum 1, multiplied from the first layer
    // up: R = Â_layer · … · Â_0.
    AttentionMatrix rollout(int layer) const;

private:
    int layers_ = 0, heads_ = 0, tokens_ = 0;
    std::vector<float> values_;
};

// What the heatmap shows: one head, the average of a layer's heads, or the rollout up to a layer.
enum class AttentionMode { Head, HeadAverage, Rollout };
struct AttentionView {
    AttentionMode mode = AttentionMode::Head;
    int layer = 0;  // 0-based
    int head = 0;   // used by AttentionMode::Head only
};
AttentionMatrix select(const AttentionStack& stack, const AttentionView& view);

// Keeps the rows and columns whose `keep` flag is set and renormalises each row to sum 1 (a row
// that sums to zero stays zero), e.g. to hide [CLS] and [SEP], which draw most of the attention.
// When every flag is set, the matrix comes back unchanged.
AttentionMatrix keepTokens(const AttentionMatrix& matrix, const std::vector<bool>& keep);

// a - b, element-wise. Throws std::invalid_argument when the sizes differ.
AttentionMatrix difference(const AttentionMatrix& a, const AttentionMatrix& b);

// The largest |value|, for symmetric colour ranges.
float maxAbsolute(const AttentionMatrix& matrix);

}  // namespace bw::gui
