#pragma once
// Internal to core (LibTorch). The gradient all-reduce of data-parallel training, in flat buckets
// of about 25 MB (BERTWORK_DDP_BUCKET_KB to change it; the parameters in reverse order, as backward
// produces their gradients; a parameter larger than a bucket has one of its own). Armed
// before the backward of an accumulation group's last micro-batch, a bucket's all-reduce starts as
// soon as backward has produced every gradient in it (tensor hooks), so communication overlaps the
// rest of backward; buckets always start in the same order on every rank, which is what pairs them
// up. finish() starts the buckets still waiting, waits for all and leaves the mean gradient (sum over
// the ranks / world size) in each parameter's grad; a parameter no rank has a gradient for keeps
// none, so AdamW skips it as one process would.
#include "core/train/distributed/process_group.h"

#include <torch/torch.h>

#include <functional>
#include <vector>

namespace bw::train::distributed {

class GradientBuckets {
public:
    GradientBuckets(ProcessGroup& group, std::vector<torch::Tensor> parameters);
    ~GradientBuckets();
    GradientBuckets(const GradientBuckets&) = delete;
    GradientBuckets& operator=(const GradientBuckets&) = delete;

    void arm();     // the coming backward completes the gradients
    void finish();  // after backward (armed or not)

private:
    struct Bucket {
        std::vector<size_t> members;  // parameter indices
        torch::Tensor flat;           // their gradients, end to end
        size_t ready = 0;
        std::function<void()> wait;   // set once started
    };
    void onGradient(size_t parameter, const torch::Tensor& grad);
    void startReadyBuckets();  // in order, while the next is complete
    void copyIn(size_t parameter, const torch::Tensor& gradient);

    ProcessGroup& group_;
    std::vector<torch::Tensor> parameters_;
    std::vector<Bucket> buckets_;
    std::vector<size_t> bucket_of_, offset_of_;  // per parameter
    std::vector<bool> seen_;                     // per parameter, in this backward
    std::vector<unsigned> hooks_;
    size_t next_to_start_ = 0;
    bool armed_ = false;
};

}  // namespace bw::train::distributed
