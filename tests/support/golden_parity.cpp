#include "tests/support/golden_parity.h"

#include "core/analysis/bert_pipeline.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>

namespace bw::test {
namespace {

using nlohmann::json;

void flatten(const json& value, std::vector<double>& out) {
    if (value.is_array())
        for (const json& v : value) flatten(v, out);
    else
        out.push_back(value.get<double>());
}

// The largest error between a nested JSON array and our flat array of the same shape; infinite
// when the sizes differ or a value is not finite.
double maxAbsDiff(const json& expected, const std::vector<float>& actual) {
    std::vector<double> flat;
    flatten(expected, flat);
    if (flat.size() != actual.size()) return std::numeric_limits<double>::infinity();
    double worst = 0;
    for (size_t i = 0; i < flat.size(); ++i) {
        const double error = std::abs(flat[i] - actual[i]);
        if (!std::isfinite(error)) return std::numeric_limits<double>::infinity();  // std::max would drop a NaN
        worst = std::max(worst, error);
    }
    return worst;
}

void note(GoldenParity& parity, const std::string& output, double error) {
    double& worst = parity.max_error[output];
    worst = std::max(worst, error);
}

}  // namespace

double GoldenParity::worst() const {
    double w = 0;
    for (const auto& [name, error] : max_error) w = std::max(w, error);
    return w;
}

GoldenParity compareWithGolden(const std::string& golden, const std::filesystem::path& model_dir,
                               const std::filesystem::path& expected_outputs, const std::string& device) {
    std::ifstream in(expected_outputs);
    const json expected = json::parse(in);
    analysis::PipelineOptions open;
    open.device = device;
    const auto pipeline = analysis::BertPipeline::open(model_dir, open);

    std::vector<text::TextInput> inputs;
    for (const json& c : expected["cases"])
        inputs.push_back({c["text"].get<std::string>(), c["text_pair"].is_null()
                                                            ? std::nullopt
                                                            : std::optional<std::string>(c["text_pair"].get<std::string>())});
    const bool classifier = golden == "seqcls";
    analysis::PredictOptions options;
    options.output_hidden_states = true;
    options.output_attentions = classifier;
    options.top_k = classifier ? 0 : 5;
    options.batch_size = 4;  // mixes lengths in one batch, so padding must not change results
    const auto predictions = pipeline->predict(inputs, options);

    GoldenParity parity;
    parity.cases = predictions.size();
    for (size_t i = 0; i < predictions.size(); ++i) {
        const json& c = expected["cases"][i];
        const analysis::Prediction& p = predictions[i];
        const std::string where = "case " + std::to_string(i) + " (" + c["text"].get<std::string>() + ")";
        if (parity.mismatch.empty() && p.encoding.ids != c["input_ids"].get<std::vector<int32_t>>())
            parity.mismatch = where + ": input ids differ";
        if (parity.mismatch.empty() && c.contains("token_type_ids") &&
            p.encoding.type_ids != c["token_type_ids"].get<std::vector<int32_t>>())
            parity.mismatch = where + ": token type ids differ";
        note(parity, "hidden", maxAbsDiff(c["last_hidden_state"], p.last_hidden_state.values));
        note(parity, "pooler", maxAbsDiff(c["pooler_output"], p.pooler_output.values));
        if (classifier) {
            note(parity, "logits", maxAbsDiff(c["logits"], p.logits.values));
            note(parity, "attentions", maxAbsDiff(c["attentions"], p.attentions.values));
            continue;
        }
        note(parity, "nsp", maxAbsDiff(c["nsp_logits"], p.nsp_logits.values));
        if (parity.mismatch.empty() && p.mlm_top_ids != c["mlm_top5_ids"].get<std::vector<std::vector<int32_t>>>())
            parity.mismatch = where + ": masked-LM top-5 ids differ";
        std::vector<float> top_logits;
        for (const auto& row : p.mlm_top_logits) top_logits.insert(top_logits.end(), row.begin(), row.end());
        note(parity, "mlm_top5_logits", maxAbsDiff(c["mlm_top5_logits"], top_logits));
    }
    if (predictions.size() != expected["cases"].size()) parity.mismatch = "not every golden case was predicted";
    return parity;
}

}  // namespace bw::test
