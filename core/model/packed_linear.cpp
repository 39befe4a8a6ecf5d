#include "core/model/packed_linear.h"

#include "core/runtime/error.h"


#if BERTWORK_WITH_ONEDNN
#include <oneapi/dnnl/dnnl.hpp>
#endif

namespace bw::model {

GemmEpilogue epilogueForActivation(const std::string& hidden_act) {
    if (hidden_act == "gelu") return GemmEpilogue::Gelu;
    if (hidden_act == "gelu_new" || hidden_act == "gelu_pytorch_tanh") return GemmEpilogue::GeluTanh;
    if (hidden_act == "relu") return GemmEpilogue::Relu;
    if (hidden_act == "silu" || hidden_act == "swish") return GemmEpilogue::Silu;
    return GemmEpilogue::None;
}

std::string epilogueName(GemmEpilogue epilogue) {
    switch (epilogue) {
        case GemmEpilogue::None: return "bias";
        case GemmEpilogue::Gelu: return "bias+gelu";
        case GemmEpilogue::GeluTanh: return "bias+gelu_tanh";
        case GemmEpilogue::Relu: return "bias+relu";
        case GemmEpilogue::Silu: return "bias+silu";
        case GemmEpilogue::AddResidual: return "bias+residual";
    }
    return "?";
}

namespace {

// A tensor's version counter; inference tensors have none (and cannot be changed outside
// InferenceMode), so they count as unchanged.
int64_t versionOf(const torch::Tensor& t) {
    if (!t.defined() || t.is_inference()) return -1;
    return static_cast<int64_t>(t._version());
}

std::vector<int64_t> versionsOf(const std::vector<LinearPart>& parts) {
    std::vector<int64_t> versions;
    for (const LinearPart& part : parts) {
        versions.push_back(versionOf(part.linear->weight));
        versions.push_back(versionOf(part.linear->bias));
    }
    return versions;
}

}  // namespace

#if BERTWORK_WITH_ONEDNN

namespace {
using dnnl::memory;
constexpr auto kF32 = memory::data_type::f32;

dnnl::primitive_attr postOpsFor(GemmEpilogue epilogue, int64_t rows, int64_t columns) {
    dnnl::post_ops ops;
    switch (epilogue) {
        case GemmEpilogue::None: break;
        case GemmEpilogue::Gelu: ops.append_eltwise(1.f, dnnl::algorithm::eltwise_gelu_erf, 0.f, 0.f); break;
        case GemmEpilogue::GeluTanh: ops.append_eltwise(1.f, dnnl::algorithm::eltwise_gelu_tanh, 0.f, 0.f); break;
        case GemmEpilogue::Relu: ops.append_eltwise(1.f, dnnl::algorithm::eltwise_relu, 0.f, 0.f); break;
        case GemmEpilogue::Silu: ops.append_eltwise(1.f, dnnl::algorithm::eltwise_swish, 1.f, 0.f); break;
        case GemmEpilogue::AddResidual:
            ops.append_binary(dnnl::algorithm::binary_add, memory::desc({rows, columns}, kF32, memory::format_tag::ab));
            break;
    }
    dnnl::primitive_attr attr;
    attr.set_post_ops(ops);
    return attr;
}
}  // namespace

struct PackedLinear::Kernels {
    dnnl::engine engine{dnnl::engine::kind::cpu, 0};
    memory::desc weights_desc;  // oneDNN's blocked layout, chosen for this machine
    memory weights;
    torch::Tensor bias;  // [1, N], the parts' biases times their scales
    std::mutex mutex;    // guards `by_rows`: pipelines may run on several threads
    std::unordered_map<int64_t, dnnl::matmul> by_rows;  // a primitive per row count M (~0.05 ms to make)

    memory::desc rowsDesc(int64_t rows, int64_t columns) const { return {{rows, columns}, kF32, memory::format_tag::ab}; }

    dnnl::matmul::primitive_desc describe(int64_t rows, int64_t k, int64_t n, GemmEpilogue epilogue,
                                          const memory::desc& weights_layout) const {
        return dnnl::matmul::primitive_desc(
            dnnl::matmul::desc(rowsDesc(rows, k), weights_layout, rowsDesc(1, n), rowsDesc(rows, n)),
            postOpsFor(epilogue, rows, n), engine);
    }

    dnnl::matmul primitiveFor(int64_t rows, int64_t k, int64_t n, GemmEpilogue epilogue) {
        std::lock_guard<std::mutex> lock(mutex);
        auto found = by_rows.find(rows);
        if (found != by_rows.end()) return found->second;
        if (by_rows.size() >= 256) by_rows.clear();  // many distinct lengths: start over, never grow without bound
        return by_rows.emplace(rows, dnnl::matmul(describe(rows, k, n, epilogue, weights_desc))).first->second;
    }
};

bool PackedLinear::available() { return true; }

std::string PackedLinear::libraryVersion() {
    const dnnl_version_t* v = dnnl_version();
    return "oneDNN " + std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch);
}

PackedLinear::PackedLinear(std::vector<LinearPart> parts, GemmEpilogue epilogue)
    : parts_(std::move(parts)), epilogue_(epilogue), kernels_(std::make_unique<Kernels>()) {
    if (parts_.empty()) throw Error("PackedLinear: no Linear to pack");
    torch::NoGradGuard no_grad;
    std::vector<torch::Tensor> weights, biases;
    in_features_ = parts_.front().linear->weight.size(1);
    for (const LinearPart& part : parts_) {
        const torch::Tensor& w = part.linear->weight;
        if (!w.device().is_cpu() || w.scalar_type() != torch::kFloat32 || w.size(1) != in_features_)
            throw Error("PackedLinear: the weights must be float32 on the CPU, with the same input size");
        weights.push_back(w * part.scale);
        biases.push_back(part.linear->bias.defined() ? part.linear->bias * part.scale
                                                    : torch::zeros({w.size(0)}, w.options()));
    }
    const torch::Tensor weight = torch::cat(weights, 0).contiguous();  // [N, K], PyTorch's layout
    out_features_ = weight.size(0);
    kernels_->bias = torch::cat(biases, 0).reshape({1, out_features_}).contiguous();

    // The layout oneDNN wants for these weights ("any"), asked at a typical row count, then the one
    // reorder into it. W^T [K, N] is W [N, K] read column-major: format tag "ba".
    Kernels& k = *kernels_;
    const memory::desc any({in_features_, out_features_}, kF32, memory::format_tag::any);
    k.weights_desc = k.describe(128, in_features_, out_features_, epilogue_, any).weights_desc();
    memory plain({{in_features_, out_features_}, kF32, memory::format_tag::ba}, k.engine, weight.data_ptr());
    k.weights = memory(k.weights_desc, k.engine);
    dnnl::stream stream(k.engine);
    dnnl::reorder(plain, k.weights).execute(stream, plain, k.weights);
    stream.wait();
    versions_ = versionsOf(parts_);
}

torch::Tensor PackedLinear::forward(const torch::Tensor& x, const torch::Tensor& residual) const {
    if (x.size(-1) != in_features_) throw Error("PackedLinear: input has the wrong feature size");
    const torch::Tensor rows = x.reshape({-1, in_features_}).contiguous();  // [M, K]
    const int64_t m = rows.size(0);
    std::vector<int64_t> out_shape = x.sizes().vec();
    out_shape.back() = out_features_;
    torch::Tensor y = torch::empty({m, out_features_}, x.options());  // [M, N]
    if (m == 0) return y.view(out_shape);

    Kernels& k = *kernels_;
    dnnl::matmul gemm = k.primitiveFor(m, in_features_, out_features_, epilogue_);
    memory src(k.rowsDesc(m, in_features_), k.engine, rows.data_ptr());
    memory bias(k.rowsDesc(1, out_features_), k.engine, k.bias.data_ptr());
    memory dst(k.rowsDesc(m, out_features_), k.engine, y.data_ptr());
    std::unordered_map<int, memory> args{
        {DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, k.weights}, {DNNL_ARG_BIAS, bias}, {DNNL_ARG_DST, dst}};
    torch::Tensor residual_rows;
    if (epilogue_ == GemmEpilogue::AddResidual) {
        if (!residual.defined() || residual.numel() != m * out_features_)
            throw Error("PackedLinear: the residual must have the output's shape");
        residual_rows = residual.reshape({m, out_features_}).contiguous();
        args.emplace(DNNL_ARG_ATTR_MULTIPLE_POST_OP(0) | DNNL_ARG_SRC_1,
                     memory(k.rowsDesc(m, out_features_), k.engine, residual_rows.data_ptr()));
    }
    dnnl::stream stream(k.engine);  // CPU streams are cheap; one per call keeps threads apart
    gemm.execute(stream, args);
    stream.wait();
    return y.view(out_shape);
}

#else  // no oneDNN in this build: nothing is ever packed

struct PackedLinear::Kernels {};
bool PackedLinear::available() { return false; }
std::string PackedLinear::libraryVersion() { return "no oneDNN"; }
PackedLinear::PackedLinear(std::vector<LinearPart>, GemmEpilogue epilogue) : epilogue_(epilogue) {
    throw Error("this build has no oneDNN: Linear layers cannot be packed");
}
torch::Tensor PackedLinear::forward(const torch::Tensor&, const torch::Tensor&) const {
    throw Error("this build has no oneDNN");
}

#endif

PackedLinear::~PackedLinear() = default;

bool PackedLinear::usableFor(const torch::Tensor& x) const {
    return !torch::GradMode::is_enabled() && x.device().is_cpu() && x.scalar_type() == torch::kFloat32 &&
           x.dim() >= 1 && x.size(-1) == in_features_ && versionsOf(parts_) == versions_;
}

}  // namespace bw::model
