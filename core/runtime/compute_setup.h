#pragma once
// Process-wide compute settings, applied once at start-up by every executable. LibTorch starts
// with one intra-op thread on Debian, and a libblas.so.3 that resolves to the reference BLAS makes
// every matmul ~30x slower than OpenBLAS: both are fixed or reported here.
#include "core/runtime/thread_setting.h"

#include <string>

namespace bw {

struct ComputeSetup {
    int intra_op_threads = 0;
    bool adaptive_threads = false;  // --threads auto: trainers adapt the count between steps
    std::string blas;          // "OpenBLAS 0.3.21 ..." or "reference BLAS"
    bool reference_blas = false;
};

// threads <= 0: one per core. Warns on stderr (once) when the reference BLAS is in use.
ComputeSetup configureCompute(int threads = 0);
ComputeSetup configureCompute(const ThreadSetting& setting);
// What the last configureCompute() applied.
ComputeSetup currentComputeSetup();

}  // namespace bw
