#include "core/io/load_report.h"

namespace bw::io {

nlohmann::json LoadReport::toJson() const {
    nlohmann::json mismatches = nlohmann::json::array();
    for (const ShapeMismatch& m : mismatched)
        mismatches.push_back({{"name", m.name}, {"checkpoint_shape", m.checkpoint_shape}, {"model_shape", m.model_shape}});
    return {{"weight_files", weight_files}, {"missing_keys", missing},       {"unexpected_keys", unexpected},
            {"mismatched_keys", mismatches}, {"newly_initialized", newly_initialized},
            {"renamed_keys", renamed},       {"ignored_keys", ignored},      {"stored_dtype", stored_dtype}};
}

}  // namespace bw::io
