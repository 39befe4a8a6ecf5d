#pragma once
// What happened when weights were loaded into a model, as from_pretrained reports it.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace bw::io {

struct ShapeMismatch {
    std::string name;
    std::vector<int64_t> checkpoint_shape;
    std::vector<int64_t> model_shape;
};

struct LoadReport {
    std::vector<std::string> weight_files;         // the files the tensors came from
    std::vector<std::string> missing;              // the model has them, the checkpoint does not
    std::vector<std::string> unexpected;           // the checkpoint has them, the model does not
    std::vector<ShapeMismatch> mismatched;         // both have them, with different shapes
    std::vector<std::string> newly_initialized;    // missing or mismatched heads we initialised on request
    std::vector<std::string> renamed;              // "old -> new" (gamma/beta, added or removed "bert." prefix)
    std::vector<std::string> ignored;              // tied or known-redundant keys (decoder weight, position_ids, ...)
    std::string stored_dtype;                      // e.g. "F32", "F16"; the model always computes in float32

    bool clean() const { return missing.empty() && unexpected.empty() && mismatched.empty(); }
    nlohmann::json toJson() const;
};

}  // namespace bw::io
