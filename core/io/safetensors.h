#pragma once
// Internal to core. The safetensors format: 8-byte little-endian header length N, N bytes of JSON
// {"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {str: str}}, then the
// byte buffer. Files are untrusted input: every length, offset, dtype and shape is checked.
#include "core/io/tensor_map.h"

#include <filesystem>
#include <map>
#include <string>

namespace bw::io {

struct SafetensorsFile {
    TensorMap tensors;                            // dtypes as stored (F32, F16, BF16, F64, I64, I32, ...)
    std::map<std::string, std::string> metadata;  // "__metadata__"
};

// Throws bw::Error "<file>: <what is wrong>" for a truncated file, a header length beyond the file,
// offsets out of range / overlapping / not covering the buffer, an unknown dtype, or a shape that
// disagrees with the byte count.
SafetensorsFile readSafetensors(const std::filesystem::path& path);

// Writes tensors (made contiguous, CPU) with metadata {"format": "pt"} merged with `metadata`.
// Written to "<path>.tmp" and renamed, so a failure never leaves a half-written file.
void writeSafetensors(const std::filesystem::path& path, const TensorMap& tensors,
                      const std::map<std::string, std::string>& metadata = {});

}  // namespace bw::io
