#pragma once
// Internal to core (LibTorch). What the trainer does differently as one rank of a data-parallel
// job, so that N ranks train exactly as one process at N times the batch:
//  - every rank plans, collates and masks the whole global micro-batch as the single process would,
//    then keeps its own contiguous slice of rows (shardRows: near-equal, in rank order; the last,
//    short batch may leave a rank with none);
//  - each rank weighs its mean loss by its share of the global mean's denominator (rows, labelled
//    tokens, masked tokens; for pretraining each part by its own), times the world size, so that
//    the gradients summed over the ranks and divided by the world size are the global-batch mean's;
//  - gradients are all-reduced in flat buckets of about 25 MB (core/train/distributed/gradient_buckets),
//    started during the backward of an accumulation group's last micro-batch, finished before clipping;
//  - logged losses, language-model figures and evaluation predictions are global.
#include "core/model/bert_task_model.h"
#include "core/train/batching.h"
#include "core/train/distributed/gradient_buckets.h"
#include "core/train/distributed/process_group.h"
#include "core/train/task_spec.h"

#include <torch/torch.h>

#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace bw::train::distributed {

using ForwardFn = std::function<model::BertOutputs(const Batch&)>;

// Rows [begin, end) of a global batch of `rows` that `rank` of `world` keeps.
std::pair<int64_t, int64_t> shardRows(int64_t rows, int rank, int world);

// Adds the language-model figures (hits, totals, loss sums, batches) of `from` to `into`.
void addLanguageModelFigures(EvalPredictions& into, const EvalPredictions& from);

// One micro-batch of training on this rank's rows.
struct ShardStep {
    torch::Tensor weighted_loss;   // backpropagate this; undefined when the shard adds nothing
    double global_loss = 0;        // the loss one process would have had on the whole micro-batch
    EvalPredictions language_model;  // global masked-LM / NSP figures (pretraining tasks)
};

class DataParallel {
public:
    // `parameters` in the optimizer's order.
    DataParallel(std::shared_ptr<ProcessGroup> group, torch::Tensor class_weights, std::vector<torch::Tensor> parameters);

    int rank() const { return group_->rank(); }
    int worldSize() const { return group_->worldSize(); }
    bool isLeader() const { return group_->isLeader(); }
    ProcessGroup& group() { return *group_; }

    Batch shard(const Batch& global) const;  // may hold no rows

    // Rank 0's parameters and buffers on every rank.
    void broadcastModel(torch::nn::Module& model);
    // Call before the backward that completes an accumulation group: its buckets start during it.
    void armGradientReduction() { buckets_.arm(); }
    // The mean gradient over the ranks in every parameter's grad (one no rank has stays undefined).
    void reduceGradients() { buckets_.finish(); }
    // True on every rank when it is true on any (a stop asked for on one rank stops them all).
    bool anyRank(bool value);
    // Rank 0's value on every rank (a clock the ranks must agree on).
    double leaderValue(double value);

    ShardStep forwardShard(const Batch& global, const ForwardFn& forward);

private:
    friend class ShardedEvaluation;
    struct ShardLoss {
        torch::Tensor weighted;  // undefined when the shard adds nothing
        EvalPredictions figures; // this rank's share of the language-model figures
    };
    ShardLoss weighLoss(const Batch& global, const Batch& shard, const model::BertOutputs& out) const;

    std::shared_ptr<ProcessGroup> group_;
    torch::Tensor class_weights_;  // [C] or undefined, as the loss uses them
    GradientBuckets buckets_;
};

// Evaluation split across the ranks batch by batch (each global batch's rows as in training), the
// predictions gathered so that every rank computes the metrics one process would.
class ShardedEvaluation {
public:
    explicit ShardedEvaluation(DataParallel& parallel, const TaskSpec& task) : parallel_(parallel), task_(task) {}
    void add(const Batch& global, const ForwardFn& forward);
    // Every rank's predictions in the single process's order, the global loss sum and row count.
    EvalPredictions gather(double& loss_sum, int64_t& examples);

private:
    DataParallel& parallel_;
    const TaskSpec& task_;
    EvalPredictions mine_;
    double loss_sum_ = 0;
    std::vector<int64_t> batch_rows_;  // of each global batch
};

}  // namespace bw::train::distributed
