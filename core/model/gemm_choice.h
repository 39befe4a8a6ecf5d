#pragma once
// Internal to core (LibTorch). Which library multiplies a Linear of a given shape on this machine:
// LibTorch's (the system BLAS) or oneDNN's. Neither wins everywhere (it depends on the CPU, on
// which kernels the BLAS picked, on the shape), so the answer is timed once per shape and process
// on random data, never assumed, and kept in ~/.cache/bertwork/gemm-choices.json (per CPU, thread
// count and library versions; BERTWORK_GEMM_CACHE names another file) so that every process on
// the machine takes the same path and a seed gives the same bits. Delete the file to time again.
// BERTWORK_GEMM=blas|onednn forces the answer (tests, benchmarks); auto, the default, times.
#include "core/model/packed_linear.h"
#include "core/runtime/compute_device.h"

#include <cstdint>
#include <string>

namespace bw::model {

struct GemmChoice {
    int64_t in_features = 0, out_features = 0;
    GemmEpilogue epilogue = GemmEpilogue::None;
    bool packed = false;                // oneDNN wins (or was forced, or int8 was asked for)
    GemmPrecision precision = GemmPrecision::Float32;
    double blas_ms = 0, onednn_ms = 0;  // the timed sums over the row counts; 0 when not timed
    std::string reason;  // "timed", "timed earlier on this machine (FILE)", "forced by BERTWORK_GEMM",
                         // "oneDNN not in this build", "int8 asked for"
};

// The path a choice takes, as `inspect`, the pipeline's summary and the benchmarks name it:
// "blas", "onednn" (float32, prepacked) or "onednn-int8".
std::string gemmPathName(const GemmChoice& choice);

// Int8 inference runs on the CPU through oneDNN. Throws bw::Error, "CONTEXT: int8 inference needs
// ...", where `device` is a GPU or this LibTorch has no oneDNN; checked before a model is loaded.
void requireInt8Inference(const ComputeDeviceInfo& device, const std::string& context);

// Inference: LibTorch's Linear then the epilogue, against a PackedLinear (prepacked weights, fused
// epilogue), at 128 and 1,024 rows.
GemmChoice chooseGemm(int64_t in_features, int64_t out_features, GemmEpilogue epilogue);

// Training: LibTorch's Linear forward and backward against oneDnnLinear's (three GEMMs on plain
// layouts, nothing packed: the weights change every step), at 1,024 rows.
GemmChoice chooseTrainingGemm(int64_t in_features, int64_t out_features);

// Drops this process's choices, so that the next ones are read from the cache file again (tests).
void forgetGemmChoicesOfThisProcess();

}  // namespace bw::model
