#include "core/train/distributed/gradient_buckets.h"

#include <cstdlib>

namespace bw::train::distributed {
namespace {

// 25 MB as PyTorch's DistributedDataParallel, unless BERTWORK_DDP_BUCKET_KB says otherwise.
int64_t bucketBytes() {
    if (const char* text = std::getenv("BERTWORK_DDP_BUCKET_KB"))
        if (const long kb = std::atol(text); kb > 0) return static_cast<int64_t>(kb) * 1024;
    return 25 * 1024 * 1024;
}

}  // namespace

GradientBuckets::GradientBuckets(ProcessGroup& group, std::vector<torch::Tensor> parameters)
    : group_(group), parameters_(std::move(parameters)), bucket_of_(parameters_.size()), offset_of_(parameters_.size()),
      seen_(parameters_.size(), false) {
    const int64_t limit = bucketBytes();
    int64_t bucket_bytes = limit;
    int64_t offset = 0;
    for (size_t k = parameters_.size(); k-- > 0;) {
        const torch::Tensor& p = parameters_[k];
        const int64_t bytes = p.numel() * p.element_size();
        const bool new_bucket = bucket_bytes + bytes > limit ||
                                parameters_[buckets_.back().members.front()].scalar_type() != p.scalar_type() ||
                                parameters_[buckets_.back().members.front()].device() != p.device();
        if (new_bucket) {
            buckets_.emplace_back();
            bucket_bytes = 0;
            offset = 0;
        }
        buckets_.back().members.push_back(k);
        bucket_of_[k] = buckets_.size() - 1;
        offset_of_[k] = static_cast<size_t>(offset);
        bucket_bytes += bytes;
        offset += p.numel();
    }
    for (size_t k = 0; k < parameters_.size(); ++k)
        if (parameters_[k].requires_grad())
            hooks_.push_back(parameters_[k].register_hook([this, k](const torch::Tensor& grad) { onGradient(k, grad); }));
        else
            hooks_.push_back(~0u);
}

GradientBuckets::~GradientBuckets() {
    // The model may outlive this trainer: its parameters must not call back into a dead object.
    for (size_t k = 0; k < parameters_.size(); ++k)
        if (hooks_[k] != ~0u) parameters_[k].remove_hook(hooks_[k]);
}

void GradientBuckets::arm() {
    for (Bucket& bucket : buckets_) {
        int64_t numel = 0;
        for (size_t k : bucket.members) numel += parameters_[k].numel();
        const torch::Tensor& first = parameters_[bucket.members.front()];
        bucket.flat = torch::empty({numel}, first.options().requires_grad(false));
        bucket.ready = 0;
        bucket.wait = nullptr;
    }
    std::fill(seen_.begin(), seen_.end(), false);
    next_to_start_ = 0;
    armed_ = true;
}

void GradientBuckets::copyIn(size_t k, const torch::Tensor& gradient) {
    const torch::Tensor& p = parameters_[k];
    torch::Tensor slot = buckets_[bucket_of_[k]].flat.slice(0, static_cast<int64_t>(offset_of_[k]),
                                                             static_cast<int64_t>(offset_of_[k]) + p.numel());
    if (gradient.defined()) slot.copy_(gradient.reshape({-1}));
    else slot.zero_();
}

// Called by autograd with this backward's gradient, before it is added to p.grad.
void GradientBuckets::onGradient(size_t k, const torch::Tensor& grad) {
    if (!armed_ || seen_[k]) return;
    torch::NoGradGuard no_grad;
    seen_[k] = true;
    const torch::Tensor& earlier = parameters_[k].grad();  // from the group's earlier micro-batches
    copyIn(k, earlier.defined() ? earlier + grad : grad);
    ++buckets_[bucket_of_[k]].ready;
    startReadyBuckets();
}

void GradientBuckets::startReadyBuckets() {
    while (next_to_start_ < buckets_.size() && buckets_[next_to_start_].ready == buckets_[next_to_start_].members.size()) {
        Bucket& bucket = buckets_[next_to_start_++];
        bucket.wait = group_.allreduceSumAsync(bucket.flat);
    }
}

void GradientBuckets::finish() {
    torch::NoGradGuard no_grad;
    if (!armed_) arm();
    // Gradients backward did not touch (unused parameters, an empty slice) come from p.grad as it is.
    for (size_t k = 0; k < parameters_.size(); ++k) {
        if (seen_[k]) continue;
        seen_[k] = true;
        copyIn(k, parameters_[k].grad());
        ++buckets_[bucket_of_[k]].ready;
    }
    startReadyBuckets();
    // Which parameters have a gradient on some rank (after the buckets, so the order is the same everywhere).
    std::vector<double> local(parameters_.size());
    for (size_t k = 0; k < parameters_.size(); ++k) local[k] = parameters_[k].grad().defined() ? 1 : 0;
    torch::Tensor present = torch::tensor(local, torch::kFloat64).to(group_.device());
    group_.allreduceSum(present);
    present = present.cpu();
    const auto has_gradient = present.accessor<double, 1>();
    const double world = group_.worldSize();
    for (Bucket& bucket : buckets_) {
        bucket.wait();
        bucket.flat.div_(world);
        for (size_t k : bucket.members) {
            if (has_gradient[static_cast<int64_t>(k)] == 0) continue;
            torch::Tensor p = parameters_[k];
            const torch::Tensor mean = bucket.flat.slice(0, static_cast<int64_t>(offset_of_[k]),
                                                         static_cast<int64_t>(offset_of_[k]) + p.numel()).view_as(p);
            if (p.grad().defined()) p.mutable_grad().copy_(mean);
            else p.mutable_grad() = mean.clone();
        }
    }
    armed_ = false;
}

}  // namespace bw::train::distributed
