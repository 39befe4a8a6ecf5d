#include "core/model/attention_products.h"

#include "core/runtime/error.h"

#include <map>
#include <mutex>
#include <optional>
#include <vector>

#if BERTWORK_WITH_ONEDNN
#include <oneapi/dnnl/dnnl.hpp>
#endif

namespace bw::model {

#if BERTWORK_WITH_ONEDNN

namespace {
using dnnl::memory;

memory::desc stridedDesc(const torch::Tensor& t) {
    return memory::desc(memory::dims(t.sizes().begin(), t.sizes().end()), memory::data_type::f32,
                        memory::dims(t.strides().begin(), t.strides().end()));
}

// The shapes and strides of a, b and out, and the thread count (a primitive runs with the threads it was
// made for): one primitive each (~0.05 ms to make), a handful per model.
using LayoutKey = std::vector<int64_t>;
LayoutKey layoutOf(const torch::Tensor& a, const torch::Tensor& b, const torch::Tensor& out) {
    LayoutKey key;
    key.push_back(torch::get_num_threads());
    for (const torch::Tensor* t : {&a, &b, &out}) {
        key.push_back(t->dim());
        key.insert(key.end(), t->sizes().begin(), t->sizes().end());
        key.insert(key.end(), t->strides().begin(), t->strides().end());
    }
    return key;
}

struct Primitives {
    dnnl::engine engine{dnnl::engine::kind::cpu, 0};
    std::mutex mutex;
    std::map<LayoutKey, std::optional<dnnl::matmul>> by_layout;  // nullopt: oneDNN declined this layout

    std::optional<dnnl::matmul> forLayout(const torch::Tensor& a, const torch::Tensor& b, const torch::Tensor& out) {
        std::lock_guard<std::mutex> lock(mutex);
        const LayoutKey key = layoutOf(a, b, out);
        auto found = by_layout.find(key);
        if (found != by_layout.end()) return found->second;
        if (by_layout.size() >= 256) by_layout.clear();  // many distinct lengths: start over
        std::optional<dnnl::matmul> made;
        try {
            made = dnnl::matmul(dnnl::matmul::primitive_desc(
                dnnl::matmul::desc(stridedDesc(a), stridedDesc(b), stridedDesc(out)), engine));
        } catch (const dnnl::error&) {
            // a layout oneDNN has no kernel for: torch::matmul computes it
        }
        return by_layout.emplace(key, made).first->second;
    }
};

Primitives& primitives() {
    static Primitives shared;
    return shared;
}
}  // namespace

bool batchedProductsAvailable() { return true; }

torch::Tensor batchedProduct(const torch::Tensor& a, const torch::Tensor& b, torch::Tensor out) {
    if (a.dim() != b.dim() || (a.dim() != 3 && a.dim() != 4) || a.size(-1) != b.size(-2))
        throw Error("batchedProduct: [.., M, K] @ [.., K, P] of 3 or 4 dimensions expected");
    std::vector<int64_t> shape = a.sizes().vec();
    shape.back() = b.size(-1);
    if (!out.defined()) out = torch::empty(shape, a.options());
    if (out.sizes().vec() != shape) throw Error("batchedProduct: the output has the wrong shape");
    const std::optional<dnnl::matmul> product =
        a.scalar_type() == torch::kFloat32 && b.scalar_type() == torch::kFloat32 && out.scalar_type() == torch::kFloat32
            ? primitives().forLayout(a, b, out)
            : std::nullopt;
    if (!product) {
        out.copy_(torch::matmul(a, b));
        return out;
    }
    Primitives& p = primitives();
    dnnl::stream stream(p.engine);
    product->execute(stream, {{DNNL_ARG_SRC, memory(stridedDesc(a), p.engine, a.data_ptr())},
                              {DNNL_ARG_WEIGHTS, memory(stridedDesc(b), p.engine, b.data_ptr())},
                              {DNNL_ARG_DST, memory(stridedDesc(out), p.engine, out.data_ptr())}});
    stream.wait();
    return out;
}

#else  // no oneDNN: the caller keeps torch::matmul

bool batchedProductsAvailable() { return false; }

torch::Tensor batchedProduct(const torch::Tensor& a, const torch::Tensor& b, torch::Tensor out) {
    if (!out.defined()) return torch::matmul(a, b);
    out.copy_(torch::matmul(a, b));
    return out;
}

#endif

}  // namespace bw::model
