#include "core/model/onednn_linear.h"

#include "core/runtime/error.h"

#include <map>
#include <mutex>
#include <tuple>

#if BERTWORK_WITH_ONEDNN
#include <oneapi/dnnl/dnnl.hpp>
#endif

namespace bw::model {

#if BERTWORK_WITH_ONEDNN

namespace {

using dnnl::memory;
constexpr auto kF32 = memory::data_type::f32;

// out [m, n] = scale * (A [m, k] B [k, n] + bias), each operand row-major as stored or, when
// `transposed`, the transpose of a row-major tensor (oneDNN reads it through the "ba" layout).
class PlainGemms {
public:
    void run(const torch::Tensor& a, bool a_transposed, const torch::Tensor& b, bool b_transposed,
             const torch::Tensor& bias, float scale, torch::Tensor& out) {
        const int64_t m = out.size(0), n = out.size(1);
        const int64_t k = a_transposed ? a.size(0) : a.size(1);
        const Key key{m, k, n, a_transposed, b_transposed, bias.defined(), scale, torch::get_num_threads()};
        dnnl::matmul gemm = primitive(key);
        memory src(describe(m, k, a_transposed), engine_, a.data_ptr());
        memory weights(describe(k, n, b_transposed), engine_, b.data_ptr());
        memory dst(describe(m, n, false), engine_, out.data_ptr());
        std::unordered_map<int, memory> args{{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, weights}, {DNNL_ARG_DST, dst}};
        if (bias.defined()) args.emplace(DNNL_ARG_BIAS, memory(describe(1, n, false), engine_, bias.data_ptr()));
        dnnl::stream stream(engine_);
        gemm.execute(stream, args);
        stream.wait();
    }

private:
    // What a primitive is made for. The thread count too: a primitive runs with the threads it was
    // made for, so a run whose thread count changes (--threads auto) needs new ones.
    struct Key {
        int64_t m, k, n;
        bool a_transposed, b_transposed, has_bias;
        float scale;
        int threads;
        bool operator<(const Key& other) const {
            auto fields = [](const Key& key) {
                return std::tie(key.m, key.k, key.n, key.a_transposed, key.b_transposed, key.has_bias, key.scale, key.threads);
            };
            return fields(*this) < fields(other);
        }
    };

    static memory::desc describe(int64_t rows, int64_t columns, bool transposed) {
        return {{rows, columns}, kF32, transposed ? memory::format_tag::ba : memory::format_tag::ab};
    }

    dnnl::matmul primitive(const Key& key) {
        std::lock_guard<std::mutex> lock(mutex_);
        auto found = cache_.find(key);
        if (found != cache_.end()) return found->second;
        if (cache_.size() >= 1024) cache_.clear();  // lengths vary per batch: bounded, rebuilt on demand
        // Made now, so with the current thread count, which the key names.
        dnnl::primitive_attr attr;
        if (key.scale != 1.0f) attr.set_output_scales(0, {key.scale});  // scales the bias too: scale * (A B + bias)
        const memory::desc a = describe(key.m, key.k, key.a_transposed), b = describe(key.k, key.n, key.b_transposed),
                           out = describe(key.m, key.n, false);
        const dnnl::matmul::desc desc = key.has_bias ? dnnl::matmul::desc(a, b, describe(1, key.n, false), out)
                                                     : dnnl::matmul::desc(a, b, out);
        return cache_.emplace(key, dnnl::matmul(dnnl::matmul::primitive_desc(desc, attr, engine_))).first->second;
    }

    dnnl::engine engine_{dnnl::engine::kind::cpu, 0};
    std::mutex mutex_;  // data-parallel ranks are processes, but evaluation may run beside training
    std::map<Key, dnnl::matmul> cache_;
};

PlainGemms& gemms() {
    static PlainGemms instance;
    return instance;
}

struct OneDnnLinearFunction : torch::autograd::Function<OneDnnLinearFunction> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x, const torch::Tensor& weight,
                                 const torch::Tensor& bias, double scale) {
        const int64_t in = weight.size(1), out = weight.size(0);
        const torch::Tensor rows = x.reshape({-1, in}).contiguous();  // [M, K]
        const torch::Tensor w = weight.contiguous();
        const bool has_bias = bias.numel() > 0;  // an empty tensor stands for none (apply() takes no undefined one)
        const torch::Tensor b = has_bias ? bias.contiguous() : torch::Tensor();
        ctx->save_for_backward({rows, w});
        ctx->saved_data["scale"] = scale;
        ctx->saved_data["has_bias"] = has_bias;
        ctx->saved_data["input_shape"] = x.sizes().vec();
        torch::Tensor y = torch::empty({rows.size(0), out}, x.options());  // [M, N]
        if (rows.size(0) > 0) gemms().run(rows, false, w, true, b, static_cast<float>(scale), y);
        std::vector<int64_t> shape = x.sizes().vec();
        shape.back() = out;
        return y.view(shape);
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list grad_outputs) {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor& rows = saved[0];  // [M, K]
        const torch::Tensor& weight = saved[1];  // [N, K]
        const float scale = static_cast<float>(ctx->saved_data["scale"].toDouble());
        const int64_t m = rows.size(0), in = weight.size(1), out = weight.size(0);
        const torch::Tensor g = grad_outputs[0].reshape({m, out}).contiguous();  // [M, N]
        torch::Tensor grad_x, grad_weight, grad_bias;
        if (ctx->needs_input_grad(0)) {
            grad_x = torch::empty({m, in}, g.options());  // g W: [M, N] x [N, K]
            if (m > 0) gemms().run(g, false, weight, false, {}, scale, grad_x);
            grad_x = grad_x.view(ctx->saved_data["input_shape"].toIntVector());
        }
        if (ctx->needs_input_grad(1)) {
            grad_weight = torch::empty({out, in}, g.options());  // g^T X: [N, M] x [M, K]
            if (m > 0) gemms().run(g, true, rows, false, {}, scale, grad_weight);
            else grad_weight.zero_();
        }
        if (ctx->saved_data["has_bias"].toBool() && ctx->needs_input_grad(2)) {
            grad_bias = g.sum(0);
            if (scale != 1.0f) grad_bias.mul_(scale);
        }
        return {grad_x, grad_weight, grad_bias, torch::Tensor()};
    }
};

}  // namespace

torch::Tensor oneDnnLinear(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias, double scale) {
    if (!x.device().is_cpu() || x.scalar_type() != torch::kFloat32 || weight.scalar_type() != torch::kFloat32)
        throw Error("oneDnnLinear: float32 tensors on the CPU only");
    return OneDnnLinearFunction::apply(x, weight, bias.defined() ? bias : torch::empty({0}, x.options()), scale);
}

#else

torch::Tensor oneDnnLinear(const torch::Tensor&, const torch::Tensor&, const torch::Tensor&, double) {
    throw Error("this build has no oneDNN");
}

#endif

}  // namespace bw::model
