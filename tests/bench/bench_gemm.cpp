// The machine's GEMM peaks through every path Bertwork can call, float32 unless named:
//   openblas        LibTorch's mm (the system BLAS: OpenBLAS, with whatever kernels it picked)
//   onednn-plain    oneDNN's matmul reading the weights in PyTorch's layout
//   onednn-packed   oneDNN's matmul on weights reordered once into its own layout (what
//                   core/model/packed_linear uses for inference)
//   onednn-bf16     the same with bfloat16 inputs and weights (float32 out), where the CPU has
//                   AVX-512 BF16 or AMX
// on a square 2048^3 GEMM and on the BERT shapes of batch 32 x 128 tokens. One JSON line per shape
// and path, then {"name": "gemm-peak", ...}: the best float32 path on the square GEMM, the CPU's
// ISA as oneDNN and ATen see it. compare.sh divides MFU by that peak.
//   bench_gemm [--threads T] [--repeats R] [--quick]
#include "core/runtime/compute_setup.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#if BERTWORK_WITH_ONEDNN
#include <oneapi/dnnl/dnnl.hpp>
#endif

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <iostream>
#include <regex>
#include <set>
#include <sstream>

namespace {

struct Shape {
    std::string name;
    int64_t m, k, n;
};

// The median GFLOP/s of `repeats` timings, each of as many calls as fill about 0.2 s.
double medianGflops(const Shape& s, const std::function<void()>& call, int repeats) {
    call();
    call();
    const double flops = 2.0 * s.m * s.k * s.n;
    auto start = std::chrono::steady_clock::now();
    call();
    const double once = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const int calls = std::max(1, static_cast<int>(0.2 / std::max(once, 1e-6)));
    std::vector<double> rates;
    for (int r = 0; r < repeats; ++r) {
        start = std::chrono::steady_clock::now();
        for (int i = 0; i < calls; ++i) call();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        rates.push_back(flops * calls / seconds / 1e9);
    }
    std::sort(rates.begin(), rates.end());
    return rates[rates.size() / 2];
}

// The CPU flags that decide which kernels can run.
std::vector<std::string> cpuFlags() {
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    const std::set<std::string> wanted{"avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_vnni",
                                       "avx512_bf16", "avx_vnni", "amx_tile", "amx_bf16", "amx_int8"};
    std::vector<std::string> found;
    while (std::getline(cpuinfo, line)) {
        if (line.rfind("flags", 0) != 0) continue;
        std::istringstream words(line.substr(line.find(':') + 1));
        for (std::string w; words >> w;)
            if (wanted.count(w)) found.push_back(w);
        break;
    }
    return found;
}

std::string atenCapability() {
    const std::string config = at::show_config();
    std::smatch m;
    if (std::regex_search(config, m, std::regex("CPU capability usage: (\\S+)"))) return m[1];
    return "unknown";
}

#if BERTWORK_WITH_ONEDNN
std::string onednnIsa() {
    switch (dnnl::get_effective_cpu_isa()) {
        case dnnl::cpu_isa::sse41: return "sse41";
        case dnnl::cpu_isa::avx: return "avx";
        case dnnl::cpu_isa::avx2: return "avx2";
        case dnnl::cpu_isa::avx512_core: return "avx512_core";
        case dnnl::cpu_isa::avx512_core_vnni: return "avx512_core_vnni";
        case dnnl::cpu_isa::avx512_core_bf16: return "avx512_core_bf16";
        case dnnl::cpu_isa::avx512_core_amx: return "avx512_core_amx";
        default: return "other";
    }
}

// oneDNN's matmul: [M, K] x W^T, W [N, K] as PyTorch stores it; weights reordered once into
// oneDNN's layout when `packed`; `type` for the inputs and weights, float32 out.
struct OneDnnGemm {
    dnnl::engine engine{dnnl::engine::kind::cpu, 0};
    dnnl::stream stream{engine};
    dnnl::memory src, weights, dst;
    dnnl::matmul gemm;
    torch::Tensor keep_src, keep_weights, keep_dst;

    OneDnnGemm(const Shape& s, bool packed, dnnl::memory::data_type type) {
        using dnnl::memory;
        const auto torch_type = type == memory::data_type::bf16 ? torch::kBFloat16 : torch::kFloat32;
        keep_src = torch::randn({s.m, s.k}).to(torch_type);
        keep_weights = torch::randn({s.n, s.k}).to(torch_type);
        keep_dst = torch::empty({s.m, s.n});
        const memory::desc src_desc({s.m, s.k}, type, memory::format_tag::ab);
        const memory::desc plain_weights({s.k, s.n}, type, memory::format_tag::ba);
        const memory::desc dst_desc({s.m, s.n}, memory::data_type::f32, memory::format_tag::ab);
        const memory::desc weights_desc =
            packed ? memory::desc({s.k, s.n}, type, memory::format_tag::any) : plain_weights;
        dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(src_desc, weights_desc, dst_desc), engine);
        src = memory(src_desc, engine, keep_src.data_ptr());
        dst = memory(dst_desc, engine, keep_dst.data_ptr());
        memory given(plain_weights, engine, keep_weights.data_ptr());
        if (packed) {
            weights = memory(pd.weights_desc(), engine);
            dnnl::reorder(given, weights).execute(stream, given, weights);
            stream.wait();
        } else {
            weights = given;
        }
        gemm = dnnl::matmul(pd);
    }

    void operator()() {
        gemm.execute(stream, {{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, weights}, {DNNL_ARG_DST, dst}});
        stream.wait();
    }
};
#endif

}  // namespace

int main(int argc, char** argv) {
    int threads = 2, repeats = 5;
    bool quick = false;
    CLI::App app{"GEMM peaks of every path"};
    app.add_option("--threads", threads, "compute threads");
    app.add_option("--repeats", repeats, "timings per shape and path (the median is reported)");
    app.add_flag("--quick", quick, "the square GEMM only, 2 repeats: checks the program, not the machine");
    CLI11_PARSE(app, argc, argv);
    if (quick) repeats = 2;
    const bw::ComputeSetup compute = bw::configureCompute(threads);

    std::vector<Shape> shapes{{"square-2048", 2048, 2048, 2048}};
    if (!quick) {
        for (const auto& [config, hidden] : std::vector<std::pair<std::string, int64_t>>{{"mini", 256}, {"base", 768}}) {
            shapes.push_back({config + "-qkv", 4096, hidden, hidden});
            shapes.push_back({config + "-up", 4096, hidden, 4 * hidden});
            shapes.push_back({config + "-down", 4096, 4 * hidden, hidden});
        }
    }
    const std::vector<std::string> flags = cpuFlags();
    const bool has_bf16 = std::count(flags.begin(), flags.end(), "avx512_bf16") ||
                          std::count(flags.begin(), flags.end(), "amx_bf16");

    nlohmann::json best = {{"path", nullptr}, {"gflops", 0.0}};
    for (const Shape& s : shapes) {
        std::vector<std::pair<std::string, std::function<void()>>> paths;
        const torch::Tensor a = torch::randn({s.m, s.k}), w = torch::randn({s.n, s.k});
        torch::Tensor out = torch::empty({s.m, s.n});
        paths.emplace_back("openblas", [&] { torch::mm_out(out, a, w.t()); });
#if BERTWORK_WITH_ONEDNN
        using dt = dnnl::memory::data_type;
        auto plain = std::make_shared<OneDnnGemm>(s, false, dt::f32);
        auto packed = std::make_shared<OneDnnGemm>(s, true, dt::f32);
        paths.emplace_back("onednn-plain", [plain] { (*plain)(); });
        paths.emplace_back("onednn-packed", [packed] { (*packed)(); });
        if (has_bf16) {
            auto bf16 = std::make_shared<OneDnnGemm>(s, true, dt::bf16);
            paths.emplace_back("onednn-bf16", [bf16] { (*bf16)(); });
        }
#endif
        for (const auto& [path, call] : paths) {
            const double gflops = medianGflops(s, call, repeats);
            std::cout << nlohmann::json{{"name", "gemm-" + s.name},
                                        {"path", path},
                                        {"m", s.m},
                                        {"k", s.k},
                                        {"n", s.n},
                                        {"threads", compute.intra_op_threads},
                                        {"gflops", std::round(gflops * 10) / 10}}
                             .dump()
                      << std::endl;
            const bool float32 = path.find("bf16") == std::string::npos;
            if (s.name == "square-2048" && float32 && gflops > best["gflops"].get<double>())
                best = {{"path", path}, {"gflops", std::round(gflops * 10) / 10}};
        }
    }
    nlohmann::json summary = {{"name", "gemm-peak"},
                              {"gflops", best["gflops"]},
                              {"path", best["path"]},
                              {"threads", compute.intra_op_threads},
                              {"blas", compute.blas},
                              {"aten_cpu_capability", atenCapability()},
                              {"cpu_flags", flags}};
#if BERTWORK_WITH_ONEDNN
    summary["onednn_isa"] = onednnIsa();
#else
    summary["onednn_isa"] = nullptr;
#endif
    std::cout << summary.dump() << std::endl;
    return 0;
}
