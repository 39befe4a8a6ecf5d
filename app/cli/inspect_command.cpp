// bertwork-cli inspect: what a model directory holds and how it loaded.
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"

#include "core/runtime/compute_device.h"
#include "core/runtime/compute_setup.h"

namespace bw::cli {
namespace {

// Every device a run could use, as --device spells it.
nlohmann::json devicesJson() {
    nlohmann::json devices = nlohmann::json::array();
    for (const ComputeDeviceInfo& d : availableComputeDevices())
        devices.push_back({{"device", d.id}, {"name", d.name}, {"memory_bytes", d.memory_bytes}});
    return devices;
}

}  // namespace

void registerInspectCommand(CLI::App& app) {
    struct Options {
        std::string model_dir;
        std::optional<std::string> task;
        bool init_new_heads = false;
        std::string device = "auto";
        bool int8 = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("inspect", "Config, parameter count, load report and tokenizer of a model (JSON)");
    cmd->add_option("--model", options->model_dir, "Hugging Face model directory")->required();
    addDeviceOption(*cmd, options->device);
    addInt8Option(*cmd, options->int8);
    cmd->add_option("--task", options->task, "Load as another task, e.g. sequence-classification");
    cmd->add_flag("--init-new-heads", options->init_new_heads, "Initialise head weights the checkpoint lacks");

    cmd->callback([options] {
        auto pipeline = analysis::BertPipeline::open(options->model_dir,
                                                     {options->task, options->init_new_heads, options->device, options->int8});
        const analysis::ModelSummary& s = pipeline->summary();
        const ComputeSetup compute = currentComputeSetup();
        printJsonLine({{"directory", s.directory},
                       {"task", s.task},
                       {"architecture", s.architecture},
                       {"parameters", s.parameters},
                       {"max_input_length", s.max_length},
                       {"config", s.config},
                       {"load_report", s.report.toJson()},
                       {"tokenizer", s.tokenizer},
                       {"compute",
                        {{"threads", compute.intra_op_threads},
                         {"adaptive_threads", compute.adaptive_threads},
                         {"blas", compute.blas},
                         {"device", s.device},
                         {"device_name", s.device_name},
                         {"precision", s.precision},
                         {"gemm", s.gemm},
                         {"devices", devicesJson()}}}});
    });
}

}  // namespace bw::cli
