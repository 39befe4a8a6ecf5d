#include "core/model/packed_linear.h"

#include "core/runtime/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>


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

std::string precisionName(GemmPrecision precision) {
    return precision == GemmPrecision::Int8 ? "int8" : "float32";
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
constexpr auto kS8 = memory::data_type::s8;
constexpr auto kU8 = memory::data_type::u8;
constexpr auto kS32 = memory::data_type::s32;

memory::desc rowMajor(int64_t rows, int64_t columns, memory::data_type type = kF32) {
    return {{rows, columns}, type, memory::format_tag::ab};
}

// The epilogue as oneDNN post-ops. Int8 first turns the int32 sums into float32 with two post-ops
// whose values are given per call: times each column's scale, plus each column's shift (the bias,
// less what the input's zero point added). oneDNN 2.6's own runtime output scales and zero points
// would do the same but select its slower gemm:jit kernels instead of brgemm (VNNI).
dnnl::primitive_attr attributesFor(GemmPrecision precision, GemmEpilogue epilogue, int64_t rows, int64_t columns) {
    dnnl::primitive_attr attr;
    dnnl::post_ops ops;
    if (precision == GemmPrecision::Int8) {
        ops.append_binary(dnnl::algorithm::binary_mul, rowMajor(1, columns));
        ops.append_binary(dnnl::algorithm::binary_add, rowMajor(1, columns));
    }
    switch (epilogue) {
        case GemmEpilogue::None: break;
        case GemmEpilogue::Gelu: ops.append_eltwise(1.f, dnnl::algorithm::eltwise_gelu_erf, 0.f, 0.f); break;
        case GemmEpilogue::GeluTanh: ops.append_eltwise(1.f, dnnl::algorithm::eltwise_gelu_tanh, 0.f, 0.f); break;
        case GemmEpilogue::Relu: ops.append_eltwise(1.f, dnnl::algorithm::eltwise_relu, 0.f, 0.f); break;
        case GemmEpilogue::Silu: ops.append_eltwise(1.f, dnnl::algorithm::eltwise_swish, 1.f, 0.f); break;
        case GemmEpilogue::AddResidual: ops.append_binary(dnnl::algorithm::binary_add, rowMajor(rows, columns)); break;
    }
    attr.set_post_ops(ops);
    return attr;
}

// Where the residual goes among the post-ops' arguments (after int8's scale and shift).
int residualArgument(GemmPrecision precision) {
    return DNNL_ARG_ATTR_MULTIPLE_POST_OP(precision == GemmPrecision::Int8 ? 2 : 0) | DNNL_ARG_SRC_1;
}

// The scale and zero point that map [min(x, 0), max(x, 0)] onto 0..255, as ONNX's
// DynamicQuantizeLinear computes them (zero stays exactly representable).
struct InputQuantization {
    float scale = 1.f;
    int32_t zero_point = 0;
    bool finite = true;
};
InputQuantization quantizationOf(const torch::Tensor& rows) {
    const auto [min_t, max_t] = torch::aminmax(rows);  // one pass, vectorised
    const float lo = std::min(0.f, *min_t.data_ptr<float>()), hi = std::max(0.f, *max_t.data_ptr<float>());
    InputQuantization q;
    q.finite = std::isfinite(lo) && std::isfinite(hi);
    if (!q.finite || hi == lo) return q;
    q.scale = (hi - lo) / 255.f;
    q.zero_point = static_cast<int32_t>(std::clamp(std::nearbyint(-lo / q.scale), 0.f, 255.f));
    return q;
}
}  // namespace

struct PackedLinear::Kernels {
    dnnl::engine engine{dnnl::engine::kind::cpu, 0};
    GemmPrecision precision = GemmPrecision::Float32;
    memory::desc weights_desc;  // oneDNN's blocked layout, chosen for this machine
    memory weights;
    torch::Tensor bias;           // [1, N], the parts' biases times their scales
    torch::Tensor weight_scales;  // [N], int8 only: what each output channel's integers are worth
    torch::Tensor weight_sums;    // [N], int8 only: each output channel's integers summed over K

    struct ForRows {
        dnnl::matmul gemm;
        dnnl::reorder quantize;  // int8 only: float32 rows to uint8 with a scale and zero point given per call
    };
    std::mutex mutex;  // guards `by_rows`: pipelines may run on several threads
    // Primitives per row count M and thread count (~0.05 ms to make): a primitive runs with the threads
    // it was made for, and --threads auto changes them.
    std::map<std::pair<int64_t, int>, ForRows> by_rows;

    memory::data_type inputType() const { return precision == GemmPrecision::Int8 ? kU8 : kF32; }

    dnnl::matmul::primitive_desc describe(int64_t rows, int64_t k, int64_t n, GemmEpilogue epilogue,
                                          const memory::desc& weights_layout) const {
        const dnnl::primitive_attr attr = attributesFor(precision, epilogue, rows, n);
        const memory::desc src = rowMajor(rows, k, inputType()), dst = rowMajor(rows, n);
        if (precision == GemmPrecision::Int8)  // the bias is a post-op (attributesFor)
            return {dnnl::matmul::desc(src, weights_layout, dst), attr, engine};
        return {dnnl::matmul::desc(src, weights_layout, rowMajor(1, n), dst), attr, engine};
    }

    ForRows primitivesFor(int64_t rows, int64_t k, int64_t n, GemmEpilogue epilogue) {
        std::lock_guard<std::mutex> lock(mutex);
        const std::pair<int64_t, int> key{rows, torch::get_num_threads()};
        auto found = by_rows.find(key);
        if (found != by_rows.end()) return found->second;
        if (by_rows.size() >= 256) by_rows.clear();  // many distinct lengths: start over, never grow without bound
        ForRows made{dnnl::matmul(describe(rows, k, n, epilogue, weights_desc)), {}};
        if (precision == GemmPrecision::Int8) {
            dnnl::primitive_attr attr;
            attr.set_output_scales(0, {DNNL_RUNTIME_F32_VAL});
            attr.set_zero_points(DNNL_ARG_DST, 0, {DNNL_RUNTIME_S32_VAL});
            made.quantize = dnnl::reorder(
                dnnl::reorder::primitive_desc(engine, rowMajor(rows, k), engine, rowMajor(rows, k, kU8), attr));
        }
        return by_rows.emplace(key, made).first->second;
    }
};

bool PackedLinear::available() { return true; }

std::string PackedLinear::libraryVersion() {
    const dnnl_version_t* v = dnnl_version();
    return "oneDNN " + std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch);
}

PackedLinear::PackedLinear(std::vector<LinearPart> parts, GemmEpilogue epilogue, GemmPrecision precision)
    : parts_(std::move(parts)), epilogue_(epilogue), precision_(precision), kernels_(std::make_unique<Kernels>()) {
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
    torch::Tensor weight = torch::cat(weights, 0).contiguous();  // [N, K], PyTorch's layout
    out_features_ = weight.size(0);
    Kernels& k = *kernels_;
    k.precision = precision_;
    k.bias = torch::cat(biases, 0).reshape({1, out_features_}).contiguous();
    memory::data_type weight_type = kF32;
    if (precision_ == GemmPrecision::Int8) {
        // Symmetric per output channel: the largest |w| of a row maps to 127.
        const torch::Tensor largest = weight.abs().amax(1);  // [N]
        k.weight_scales = torch::where(largest > 0, largest / 127.0, torch::ones_like(largest)).contiguous();
        weight = torch::round(weight / k.weight_scales.unsqueeze(1)).clamp(-127, 127).to(torch::kInt8).contiguous();
        k.weight_sums = weight.sum(1, /*keepdim=*/false, torch::kFloat64).to(torch::kFloat32).contiguous();
        weight_type = kS8;
    }

    // The layout oneDNN wants for these weights ("any"), asked at a typical row count, then the one
    // reorder into it. W^T [K, N] is W [N, K] read column-major: format tag "ba".
    const memory::desc any({in_features_, out_features_}, weight_type, memory::format_tag::any);
    k.weights_desc = k.describe(128, in_features_, out_features_, epilogue_, any).weights_desc();
    memory plain({{in_features_, out_features_}, weight_type, memory::format_tag::ba}, k.engine, weight.data_ptr());
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
    const Kernels::ForRows primitives = k.primitivesFor(m, in_features_, out_features_, epilogue_);
    dnnl::stream stream(k.engine);  // CPU streams are cheap; one per call keeps threads apart
    memory dst(rowMajor(m, out_features_), k.engine, y.data_ptr());
    std::unordered_map<int, memory> args{{DNNL_ARG_WEIGHTS, k.weights}, {DNNL_ARG_DST, dst}};

    torch::Tensor quantized, column_factors;  // int8: alive until the GEMM has run
    InputQuantization q;
    if (precision_ == GemmPrecision::Int8) {
        q = quantizationOf(rows);
        if (!q.finite) return y.fill_(std::numeric_limits<float>::quiet_NaN()).view(out_shape);  // as float32 would
        quantized = torch::empty({m, in_features_}, x.options().dtype(torch::kUInt8));
        float inverse_scale = 1.f / q.scale;
        memory from(rowMajor(m, in_features_), k.engine, rows.data_ptr());
        memory to(rowMajor(m, in_features_, kU8), k.engine, quantized.data_ptr());
        memory scale_arg({{1}, kF32, memory::format_tag::x}, k.engine, &inverse_scale);
        memory zero_point_arg({{1}, kS32, memory::format_tag::x}, k.engine, &q.zero_point);
        primitives.quantize.execute(stream, {{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to},
                                             {DNNL_ARG_ATTR_OUTPUT_SCALES, scale_arg},
                                             {DNNL_ARG_ATTR_ZERO_POINTS | DNNL_ARG_DST, zero_point_arg}});
        // y[n] = scale_x scale_w[n] sum_k (x_q - zp) w_q = column_scale[n] * (int32 sum) + shift[n], where
        // shift[n] = bias[n] - column_scale[n] * zp * sum_k w_q[k, n]. A plain loop over N: at one
        // sequence, the five small ATen operations (each a dispatch and an allocation) it replaces add up.
        column_factors = torch::empty({2, out_features_}, x.options());
        float* scales = column_factors.data_ptr<float>();
        float* shifts = scales + out_features_;
        const float* weight_scales = k.weight_scales.data_ptr<float>();
        const float* weight_sums = k.weight_sums.data_ptr<float>();
        const float* bias = k.bias.data_ptr<float>();
        const auto zero_point = static_cast<float>(q.zero_point);
        for (int64_t n = 0; n < out_features_; ++n) {
            scales[n] = weight_scales[n] * q.scale;
            shifts[n] = bias[n] - scales[n] * (weight_sums[n] * zero_point);
        }
        args.emplace(DNNL_ARG_SRC, to);
        args.emplace(DNNL_ARG_ATTR_MULTIPLE_POST_OP(0) | DNNL_ARG_SRC_1,
                     memory(rowMajor(1, out_features_), k.engine, scales));
        args.emplace(DNNL_ARG_ATTR_MULTIPLE_POST_OP(1) | DNNL_ARG_SRC_1,
                     memory(rowMajor(1, out_features_), k.engine, shifts));
    } else {
        args.emplace(DNNL_ARG_SRC, memory(rowMajor(m, in_features_), k.engine, rows.data_ptr()));
        args.emplace(DNNL_ARG_BIAS, memory(rowMajor(1, out_features_), k.engine, k.bias.data_ptr()));
    }
    torch::Tensor residual_rows;
    if (epilogue_ == GemmEpilogue::AddResidual) {
        if (!residual.defined() || residual.numel() != m * out_features_)
            throw Error("PackedLinear: the residual must have the output's shape");
        residual_rows = residual.reshape({m, out_features_}).contiguous();
        args.emplace(residualArgument(precision_),
                     memory(rowMajor(m, out_features_), k.engine, residual_rows.data_ptr()));
    }
    primitives.gemm.execute(stream, args);
    stream.wait();
    return y.view(out_shape);
}

#else  // no oneDNN in this build: nothing is ever packed

struct PackedLinear::Kernels {};
bool PackedLinear::available() { return false; }
std::string PackedLinear::libraryVersion() { return "no oneDNN"; }
PackedLinear::PackedLinear(std::vector<LinearPart>, GemmEpilogue epilogue, GemmPrecision precision)
    : epilogue_(epilogue), precision_(precision) {
    throw Error("this build has no oneDNN: Linear layers cannot be packed");
}
torch::Tensor PackedLinear::forward(const torch::Tensor&, const torch::Tensor&) const {
    throw Error("this build has no oneDNN");
}

#endif

PackedLinear::~PackedLinear() = default;

bool PackedLinear::usableFor(const torch::Tensor& x) const {
    if (torch::GradMode::is_enabled() || !x.device().is_cpu() || x.scalar_type() != torch::kFloat32 || x.dim() < 1 ||
        x.size(-1) != in_features_)
        return false;
    for (size_t i = 0; i < parts_.size(); ++i)  // compared in place: this runs at every call
        if (versionOf(parts_[i].linear->weight) != versions_[2 * i] || versionOf(parts_[i].linear->bias) != versions_[2 * i + 1])
            return false;
    return true;
}

}  // namespace bw::model
