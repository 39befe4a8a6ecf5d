#include "core/runtime/compute_setup.h"

#include <torch/torch.h>

#include <dlfcn.h>

#include <cstdio>
#include <thread>

namespace bw {
namespace {

// OpenBLAS exports openblas_get_config(); the reference BLAS exports nothing of the kind.
std::string detectBlas(bool& is_reference) {
    using ConfigFn = const char* (*)();
    if (auto fn = reinterpret_cast<ConfigFn>(::dlsym(RTLD_DEFAULT, "openblas_get_config"))) {
        is_reference = false;
        return std::string("OpenBLAS ") + fn();
    }
    if (::dlsym(RTLD_DEFAULT, "mkl_get_version")) {
        is_reference = false;
        return "MKL";
    }
    is_reference = true;
    return "reference BLAS";
}

ComputeSetup& appliedSetup() {
    static ComputeSetup setup;
    return setup;
}

}  // namespace

ComputeSetup currentComputeSetup() { return appliedSetup(); }

ComputeSetup configureCompute(int threads) {
    ComputeSetup& setup = appliedSetup();
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    setup.intra_op_threads = threads > 0 ? threads : cores;
    torch::set_num_threads(setup.intra_op_threads);
    setup.blas = detectBlas(setup.reference_blas);
    static bool warned = false;
    if (setup.reference_blas && !warned) {
        warned = true;
        std::fprintf(stderr,
                     "bertwork: warning: libblas.so.3 is the slow reference BLAS; install libopenblas0-openmp "
                     "(packaging/install-deps.sh) for ~30x faster training\n");
    }
    return setup;
}

}  // namespace bw
