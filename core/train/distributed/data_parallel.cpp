#include "core/train/distributed/data_parallel.h"

#include "core/runtime/error.h"
#include "core/train/gather_predictions.h"

#include <algorithm>
#include <cstring>

namespace bw::train::distributed {
namespace {

using model::BertTask;

// The denominators of a batch's mean losses: rows, labelled tokens (weighted by class when the loss
// weighs classes) or masked tokens; `nsp` is the next-sentence part's rows.
struct Denominators {
    double main = 0, nsp = 0;
};

Denominators denominators(const Batch& batch, const torch::Tensor& class_weights) {
    Denominators d;
    const auto rows = static_cast<double>(batch.size());
    if (batch.mlm_labels.defined()) {  // masked LM, pretraining: a mean over the masked tokens
        d.main = (batch.mlm_labels != model::kIgnoreIndex).sum().item<double>();
        d.nsp = rows;
    } else if (!batch.labels.defined() || batch.labels.is_floating_point()) {
        d.main = rows;  // regression and multi-label: a mean over rows (times a constant per row)
    } else {
        const torch::Tensor labelled = batch.labels != model::kIgnoreIndex;
        d.main = class_weights.defined()
                     ? class_weights.to(torch::kCPU, torch::kFloat64).index({batch.labels.masked_select(labelled)}).sum().item<double>()
                     : labelled.sum().item<double>();
    }
    return d;
}

// The figures summed over the ranks after each micro-batch or evaluation.
enum Figure { kLoss, kMlmCorrect, kMlmTotal, kMlmLoss, kNspCorrect, kNspTotal, kNspLoss, kBatches, kFigureCount };

std::vector<double> figuresOf(double loss, const EvalPredictions& p) {
    std::vector<double> f(kFigureCount);
    f[kLoss] = loss;
    f[kMlmCorrect] = static_cast<double>(p.mlm_correct);
    f[kMlmTotal] = static_cast<double>(p.mlm_total);
    f[kMlmLoss] = p.mlm_loss_sum;
    f[kNspCorrect] = static_cast<double>(p.nsp_correct);
    f[kNspTotal] = static_cast<double>(p.nsp_total);
    f[kNspLoss] = p.nsp_loss_sum;
    f[kBatches] = static_cast<double>(p.batches);
    return f;
}

void setLanguageModelFigures(EvalPredictions& p, const std::vector<double>& f) {
    p.mlm_correct = static_cast<int64_t>(std::llround(f[kMlmCorrect]));
    p.mlm_total = static_cast<int64_t>(std::llround(f[kMlmTotal]));
    p.mlm_loss_sum = f[kMlmLoss];
    p.nsp_correct = static_cast<int64_t>(std::llround(f[kNspCorrect]));
    p.nsp_total = static_cast<int64_t>(std::llround(f[kNspTotal]));
    p.nsp_loss_sum = f[kNspLoss];
    p.batches = static_cast<int64_t>(std::llround(f[kBatches]));
}

std::vector<double> summed(ProcessGroup& group, const std::vector<double>& values) {
    torch::Tensor t = torch::tensor(values, torch::kFloat64).to(group.device());
    group.allreduceSum(t);
    t = t.cpu();
    return std::vector<double>(t.data_ptr<double>(), t.data_ptr<double>() + t.numel());
}

// ---- the per-row predictions as bytes, to gather them -------------------------------------------
class ByteWriter {
public:
    template <class T> void values(const std::vector<T>& v) {
        count(v.size());
        const auto* p = reinterpret_cast<const uint8_t*>(v.data());
        bytes_.insert(bytes_.end(), p, p + v.size() * sizeof(T));
    }
    template <class T> void rows(const std::vector<std::vector<T>>& v) {
        count(v.size());
        for (const auto& row : v) values(row);
    }
    std::vector<uint8_t>& bytes() { return bytes_; }

private:
    void count(uint64_t n) {
        const auto* p = reinterpret_cast<const uint8_t*>(&n);
        bytes_.insert(bytes_.end(), p, p + sizeof n);
    }
    std::vector<uint8_t> bytes_;
};

class ByteReader {
public:
    ByteReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}
    template <class T> void values(std::vector<T>& v) {
        v.resize(count());
        take(v.data(), v.size() * sizeof(T));
    }
    template <class T> void rows(std::vector<std::vector<T>>& v) {
        v.resize(count());
        for (auto& row : v) values(row);
    }

private:
    uint64_t count() {
        uint64_t n = 0;
        take(&n, sizeof n);
        return n;
    }
    void take(void* into, size_t n) {
        if (n > size_ - at_) throw Error("internal: a rank's gathered predictions are cut short");
        if (n) std::memcpy(into, data_ + at_, n);
        at_ += n;
    }
    const uint8_t* data_;
    size_t size_, at_ = 0;
};

std::vector<uint8_t> serializeRows(const EvalPredictions& p) {
    ByteWriter w;
    w.values(p.predicted);
    w.values(p.reference);
    w.rows(p.scores);
    w.rows(p.targets);
    w.rows(p.predicted_tags);
    w.rows(p.reference_tags);
    return std::move(w.bytes());
}

EvalPredictions deserializeRows(const uint8_t* data, size_t size) {
    EvalPredictions p;
    ByteReader r(data, size);
    r.values(p.predicted);
    r.values(p.reference);
    r.rows(p.scores);
    r.rows(p.targets);
    r.rows(p.predicted_tags);
    r.rows(p.reference_tags);
    return p;
}

}  // namespace

std::pair<int64_t, int64_t> shardRows(int64_t rows, int rank, int world) {
    const int64_t chunk = (rows + world - 1) / world;
    const int64_t begin = std::min<int64_t>(rows, chunk * rank);
    return {begin, std::min<int64_t>(rows, begin + chunk)};
}

void addLanguageModelFigures(EvalPredictions& into, const EvalPredictions& from) {
    into.mlm_correct += from.mlm_correct;
    into.mlm_total += from.mlm_total;
    into.mlm_loss_sum += from.mlm_loss_sum;
    into.nsp_correct += from.nsp_correct;
    into.nsp_total += from.nsp_total;
    into.nsp_loss_sum += from.nsp_loss_sum;
    into.batches += from.batches;
}

DataParallel::DataParallel(std::shared_ptr<ProcessGroup> group, torch::Tensor class_weights,
                           std::vector<torch::Tensor> parameters)
    : group_(std::move(group)), class_weights_(std::move(class_weights)), buckets_(*group_, std::move(parameters)) {}

Batch DataParallel::shard(const Batch& global) const {
    const auto [begin, end] = shardRows(global.size(), rank(), worldSize());
    auto rows = [&, begin = begin, end = end](const torch::Tensor& t) { return t.defined() ? t.slice(0, begin, end) : t; };
    Batch mine;
    mine.input_ids = rows(global.input_ids);
    mine.token_type_ids = rows(global.token_type_ids);
    mine.attention_mask = rows(global.attention_mask);
    mine.document_ids = rows(global.document_ids);
    mine.position_ids = rows(global.position_ids);
    mine.labels = rows(global.labels);
    mine.mlm_labels = rows(global.mlm_labels);
    mine.feature_indices.assign(global.feature_indices.begin() + begin, global.feature_indices.begin() + end);
    return mine;
}

void DataParallel::broadcastModel(torch::nn::Module& model) {
    torch::NoGradGuard no_grad;
    auto broadcast = [&](const torch::Tensor& tensor) {
        torch::Tensor values = tensor.detach().contiguous();
        group_->broadcastFromLeader(values);
        if (!values.is_same(tensor)) tensor.detach().copy_(values);
    };
    for (const torch::Tensor& p : model.parameters()) broadcast(p);
    for (const torch::Tensor& b : model.buffers()) broadcast(b);
}

bool DataParallel::anyRank(bool value) { return summed(*group_, {value ? 1.0 : 0.0})[0] > 0; }

double DataParallel::leaderValue(double value) { return summed(*group_, {isLeader() ? value : 0.0})[0]; }

DataParallel::ShardLoss DataParallel::weighLoss(const Batch& global, const Batch& shard, const model::BertOutputs& out) const {
    const Denominators all = denominators(global, class_weights_), mine = denominators(shard, class_weights_);
    const double world = worldSize();
    ShardLoss part;
    auto add = [&](const torch::Tensor& loss, double share) {
        const torch::Tensor weighted = loss * (share * world);
        part.weighted = part.weighted.defined() ? part.weighted + weighted : weighted;
    };
    if (!global.mlm_labels.defined() && !out.nsp_loss.defined()) {
        if (mine.main > 0 && out.loss.defined()) add(out.loss, mine.main / all.main);
        return part;
    }
    EvalPredictions& f = part.figures;
    if (global.mlm_labels.defined()) {
        f.mlm_correct = out.mlm.correct;
        f.mlm_total = out.mlm.total;
        if (mine.main > 0 && out.mlm.loss.defined()) {
            add(out.mlm.loss, mine.main / all.main);
            f.mlm_loss_sum = out.mlm.loss.item<double>() * mine.main / all.main;
        }
    }
    if (out.nsp_loss.defined()) {
        f.nsp_correct = (out.seq_relationship_logits.detach().argmax(-1).cpu() == shard.labels.cpu()).sum().item<int64_t>();
        f.nsp_total = shard.size();
        add(out.nsp_loss, mine.nsp / all.nsp);
        f.nsp_loss_sum = out.nsp_loss.item<double>() * mine.nsp / all.nsp;
    }
    f.batches = isLeader() ? 1 : 0;  // rank 0 always has rows
    return part;
}

ShardStep DataParallel::forwardShard(const Batch& global, const ForwardFn& forward) {
    const Batch mine = shard(global);
    ShardLoss part;
    if (mine.size() > 0) part = weighLoss(global, mine, forward(mine));
    const double local = part.weighted.defined() ? part.weighted.item<double>() / worldSize() : 0.0;
    const std::vector<double> total = summed(*group_, figuresOf(local, part.figures));
    ShardStep step;
    step.weighted_loss = part.weighted;
    step.global_loss = total[kLoss];
    if (global.mlm_labels.defined()) setLanguageModelFigures(step.language_model, total);
    return step;
}

void ShardedEvaluation::add(const Batch& global, const ForwardFn& forward) {
    batch_rows_.push_back(global.size());
    const Batch mine = parallel_.shard(global);
    if (mine.size() == 0) return;
    const model::BertOutputs out = forward(mine);
    const DataParallel::ShardLoss part = parallel_.weighLoss(global, mine, out);
    if (task_.task == BertTask::MaskedLM || task_.task == BertTask::PreTraining) addLanguageModelFigures(mine_, part.figures);
    else gatherPredictions(task_, out, mine, mine_);
    // Summed over the ranks: the global batch's mean loss times its rows, as one process adds it.
    if (part.weighted.defined())
        loss_sum_ += part.weighted.item<double>() / parallel_.worldSize() * static_cast<double>(global.size());
}

EvalPredictions ShardedEvaluation::gather(double& loss_sum, int64_t& examples) {
    ProcessGroup& group = parallel_.group();
    const int world = parallel_.worldSize();
    const std::vector<double> total = summed(group, figuresOf(loss_sum_, mine_));
    loss_sum = total[kLoss];
    examples = 0;
    for (int64_t rows : batch_rows_) examples += rows;

    // Each rank's per-row predictions as bytes: the lengths first, then buffers padded to the longest.
    std::vector<uint8_t> bytes = serializeRows(mine_);
    const torch::Tensor length = torch::tensor({static_cast<int64_t>(bytes.size())}, torch::kInt64).to(group.device());
    int64_t longest = 0;
    std::vector<int64_t> lengths;
    for (const torch::Tensor& l : group.allgather(length)) {
        lengths.push_back(l.cpu().item<int64_t>());
        longest = std::max(longest, lengths.back());
    }
    torch::Tensor padded = torch::zeros({std::max<int64_t>(1, longest)}, torch::kUInt8);
    if (!bytes.empty()) std::memcpy(padded.data_ptr<uint8_t>(), bytes.data(), bytes.size());
    std::vector<EvalPredictions> parts;
    const std::vector<torch::Tensor> gathered = group.allgather(padded.to(group.device()));
    for (int r = 0; r < world; ++r) {
        const torch::Tensor buffer = gathered[static_cast<size_t>(r)].cpu().contiguous();
        parts.push_back(deserializeRows(buffer.data_ptr<uint8_t>(), static_cast<size_t>(lengths[static_cast<size_t>(r)])));
    }

    // Back into the single process's order: batch by batch, each rank's slice of it in rank order.
    EvalPredictions merged;
    setLanguageModelFigures(merged, total);
    auto interleave = [&](auto field) {
        std::vector<size_t> cursor(static_cast<size_t>(world), 0);
        for (int64_t rows : batch_rows_)
            for (int r = 0; r < world; ++r) {
                const auto [begin, end] = shardRows(rows, r, world);
                const auto& source = parts[static_cast<size_t>(r)].*field;
                auto& cur = cursor[static_cast<size_t>(r)];
                const size_t take = std::min(source.size() - cur, static_cast<size_t>(end - begin));
                (merged.*field).insert((merged.*field).end(), source.begin() + static_cast<std::ptrdiff_t>(cur),
                                       source.begin() + static_cast<std::ptrdiff_t>(cur + take));
                cur += take;
            }
    };
    interleave(&EvalPredictions::predicted);
    interleave(&EvalPredictions::reference);
    interleave(&EvalPredictions::scores);
    interleave(&EvalPredictions::targets);
    interleave(&EvalPredictions::predicted_tags);
    interleave(&EvalPredictions::reference_tags);
    return merged;
}

}  // namespace bw::train::distributed
