// bertwork-cli fill-mask: the most likely tokens for every [MASK] in a text.
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"

namespace bw::cli {

void registerFillMaskCommand(CLI::App& app) {
    struct Options {
        std::string model_dir, text;
        int top_k = 5;
        std::string device = "auto";
        bool int8 = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("fill-mask", "Predict the tokens behind each [MASK] (JSON)");
    cmd->add_option("--model", options->model_dir, "Model directory with a masked-LM head")->required();
    addDeviceOption(*cmd, options->device);
    addInt8Option(*cmd, options->int8);
    cmd->add_option("--text", options->text, "Text with one or more [MASK] tokens")->required();
    cmd->add_option("--top-k", options->top_k, "Candidates per mask")->check(CLI::PositiveNumber);

    cmd->callback([options] {
        auto pipeline = analysis::BertPipeline::open(options->model_dir, {std::nullopt, false, options->device, options->int8});
        nlohmann::json masks = nlohmann::json::array();
        bool truncated = false;
        const std::vector<analysis::MaskFill> fills = pipeline->fillMask(options->text, options->top_k, &truncated);
        if (truncated)  // as predict says it
            printNotice("the text was truncated to " + std::to_string(pipeline->summary().max_length) +
                        " tokens (the model's maximum input length)");
        for (const analysis::MaskFill& fill : fills) {
            nlohmann::json candidates = nlohmann::json::array();
            for (const analysis::MaskCandidate& c : fill.candidates)
                candidates.push_back({{"token", c.token}, {"id", c.id}, {"score", jsonFloat(c.score)}, {"sequence", c.sequence}});
            masks.push_back({{"position", fill.position}, {"predictions", candidates}});
        }
        printJsonLine({{"text", options->text}, {"masks", masks}});
    });
}

}  // namespace bw::cli
