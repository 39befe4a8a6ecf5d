#include "core/train/distributed/job_start.h"

#include "core/runtime/compute_device.h"
#include "core/runtime/error.h"

namespace bw::train::distributed {

std::shared_ptr<ProcessGroup> joinJobFromEnvironment(const TrainingArguments& args) {
    const std::optional<LaunchEnvironment> environment = launchEnvironment();
    if (!environment || environment->world_size == 1) return nullptr;
    const bool on_gpus = resolveComputeDevice(args.device, args.use_cpu).rfind("cuda", 0) == 0;
    return ProcessGroup::join(*environment, args.ddp_backend, on_gpus);
}

void announceStart(ProcessGroup* group, const std::optional<std::filesystem::path>& checkpoint) {
    if (!group) return;
    nlohmann::json word = {{"start", true}};
    word["checkpoint"] = checkpoint ? nlohmann::json(checkpoint->string()) : nlohmann::json(nullptr);
    group->publish("start", word.dump());
}

void announceFailure(ProcessGroup* group, const std::string& message) {
    if (!group) return;
    try {
        group->publish("start", nlohmann::json{{"start", false}, {"error", message}}.dump());
    } catch (const std::exception&) {
        // The others will notice rank 0 is gone; the error that matters is the one being reported.
    }
}

std::optional<std::filesystem::path> awaitStart(ProcessGroup& group) {
    const nlohmann::json word = nlohmann::json::parse(group.awaitPublished("start"));
    if (!word.value("start", false))
        throw Error("rank 0 could not start the run: " + word.value("error", std::string("no reason given")));
    if (word["checkpoint"].is_string()) return std::filesystem::path(word["checkpoint"].get<std::string>());
    return std::nullopt;
}

nlohmann::json describeJob(const ProcessGroup& group) {
    return {{"world_size", group.worldSize()}, {"backend", group.backendName()}};
}

void requireSameWorldSize(const nlohmann::json& run_config, const ProcessGroup* group, int64_t run_id) {
    int64_t recorded = 1;
    if (run_config.contains("distributed") && run_config["distributed"].is_object())
        recorded = run_config["distributed"].value("world_size", int64_t{1});
    const int64_t now = group ? group->worldSize() : 1;
    if (recorded == now) return;
    auto ranks = [](int64_t n) { return std::to_string(n) + (n == 1 ? " process" : " ranks"); };
    throw Error("run " + std::to_string(run_id) + " was trained on " + ranks(recorded) + " and this is " + ranks(now) +
                ": resume it on " + ranks(recorded) + " (" +
                (recorded == 1 ? std::string("without --nproc-per-node or torchrun")
                               : "--nproc-per-node " + std::to_string(recorded) + " or torchrun --nproc-per-node " +
                                     std::to_string(recorded)) +
                "), so that its batches and steps stay the same");
}

}  // namespace bw::train::distributed
