// bertwork-cli predict: run a model on each input; what is printed depends on its heads.
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "core/runtime/adaptive_threads.h"
#include "core/runtime/compute_setup.h"

namespace bw::cli {
namespace {

nlohmann::json predictionJson(const analysis::Prediction& p, const analysis::ModelSummary& model, int top_k) {
    nlohmann::json line = {{"tokens", p.encoding.tokens},
                           {"input_ids", p.encoding.ids},
                           {"token_type_ids", p.encoding.type_ids}};
    if (p.encoding.truncated) line["truncated"] = true;
    if (!p.logits.empty()) {
        line["logits"] = jsonArray(p.logits);
        if (!p.probabilities.empty()) line["probabilities"] = jsonArray(p.probabilities);
        if (model.task == "token-classification") line["labels"] = p.labels;
        else if (model.config.value("problem_type", "") == "multi_label_classification") line["labels"] = p.labels;
        else if (!p.labels.empty()) line["label"] = p.labels.front();
    }
    if (!p.last_hidden_state.empty()) line["last_hidden_state"] = jsonArray(p.last_hidden_state);
    if (!p.pooler_output.empty()) line["pooler_output"] = jsonArray(p.pooler_output);
    if (!p.attentions.empty()) line["attentions"] = jsonArray(p.attentions);
    if (!p.nsp_logits.empty()) line["nsp_logits"] = jsonArray(p.nsp_logits);
    if (top_k > 0 && !p.mlm_top_ids.empty()) {
        nlohmann::json logits = nlohmann::json::array();
        for (const auto& row : p.mlm_top_logits) {
            nlohmann::json values = nlohmann::json::array();
            for (float v : row) values.push_back(jsonFloat(v));
            logits.push_back(values);
        }
        line["mlm_top_ids"] = p.mlm_top_ids;
        line["mlm_top_logits"] = logits;
    }
    return line;
}

}  // namespace

void registerPredictCommand(CLI::App& app) {
    struct Options {
        std::string model_dir;
        std::optional<std::string> task;
        bool init_new_heads = false;
        std::string device = "auto";
        bool int8 = false;
        analysis::PredictOptions predict;
        TextSource source;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("predict", "Run a model on text (JSON lines)");
    cmd->add_option("--model", options->model_dir, "Hugging Face model directory")->required();
    addDeviceOption(*cmd, options->device);
    addInt8Option(*cmd, options->int8);
    options->source.addOptions(*cmd);
    cmd->add_flag("--output-hidden-states", options->predict.output_hidden_states, "Add last_hidden_state and pooler_output");
    cmd->add_flag("--output-attentions", options->predict.output_attentions, "Add attentions [layer][head][query][key]");
    cmd->add_option("--top-k", options->predict.top_k, "Masked-LM: top-k ids and logits per position")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--max-length", options->predict.max_length, "Truncate inputs to this many tokens")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--batch-size", options->predict.batch_size, "Inputs per forward pass")->check(CLI::PositiveNumber);
    cmd->add_option("--task", options->task, "Load as another task (e.g. base) instead of config.json's architecture");
    cmd->add_flag("--init-new-heads", options->init_new_heads, "Initialise head weights the checkpoint lacks");

    cmd->callback([options] {
        auto pipeline = analysis::BertPipeline::open(options->model_dir,
                                                     {options->task, options->init_new_heads, options->device, options->int8});
        const auto& summary = pipeline->summary();
        const int limit = options->predict.max_length.value_or(summary.max_length);
        // --threads auto follows the free cores between batches, over the whole input, as training does.
        std::optional<AdaptiveThreads> adaptive;
        if (currentComputeSetup().adaptive_threads && summary.device == "cpu") adaptive.emplace();
        options->predict.adaptive_threads = adaptive ? &*adaptive : nullptr;
        size_t index = 0;
        options->source.forEachChunk(256, [&](const std::vector<text::TextInput>& inputs) {
            for (const analysis::Prediction& p : pipeline->predict(inputs, options->predict)) {
                if (p.encoding.truncated)
                    printNotice("input " + std::to_string(index + 1) + " was truncated to " + std::to_string(limit) +
                                " tokens (the model's maximum input length)");
                printJsonLine(predictionJson(p, summary, options->predict.top_k));
                ++index;
            }
        });
    });
}

}  // namespace bw::cli
