#include "core/runtime/compute_setup.h"

#include "core/runtime/core_load.h"

#include <torch/torch.h>

#include <dlfcn.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

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

// Tensors of a training step are freed and allocated again at every step. glibc serves blocks above
// its mmap threshold with fresh mappings, so each step page-faults its big tensors back in, and on
// virtual machines a page fault is expensive: that cost more than the arithmetic on small models.
// Serve blocks up to 32 MiB (glibc's ceiling for the threshold) from the heap and keep freed memory.
void keepTensorMemoryMapped() {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
    mallopt(M_TOP_PAD, 64 * 1024 * 1024);
#endif
}

ComputeSetup& appliedSetup() {
    static ComputeSetup setup;
    return setup;
}

}  // namespace

ComputeSetup currentComputeSetup() { return appliedSetup(); }

ComputeSetup configureCompute(const ThreadSetting& setting) {
    ComputeSetup setup = configureCompute(setting.threads);
    appliedSetup().adaptive_threads = setup.adaptive_threads = setting.adaptive;
    return setup;
}

ComputeSetup configureCompute(int threads) {
    ComputeSetup& setup = appliedSetup();
    setup.adaptive_threads = false;
    // One per core this process may run on (taskset and cgroups' cpusets narrow it).
    const int cores = static_cast<int>(usableCpus().size());
    setup.intra_op_threads = threads > 0 ? threads : cores;
    torch::set_num_threads(setup.intra_op_threads);
    static const bool memory_tuned = (keepTensorMemoryMapped(), true);
    (void)memory_tuned;
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
