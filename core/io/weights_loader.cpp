#include "core/io/weights_loader.h"

#include "core/runtime/error.h"

#include <c10/util/irange.h>

namespace bw::io {
namespace {

bool startsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }
bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string dtypeName(const torch::Tensor& t) {
    switch (t.scalar_type()) {
    case torch::kFloat32: return "F32";
    case torch::kFloat16: return "F16";
    case torch::kBFloat16: return "BF16";
    case torch::kFloat64: return "F64";
    default: return std::string(c10::toString(t.scalar_type()));
    }
}

std::string joinNames(const std::vector<std::string>& names, size_t limit = 8) {
    std::string out;
    for (size_t i = 0; i < names.size() && i < limit; ++i) out += (i ? ", " : "") + names[i];
    if (names.size() > limit) out += ", ... (" + std::to_string(names.size() - limit) + " more)";
    return out;
}

// TF-era checkpoints call LayerNorm's parameters gamma/beta.
void renameLegacyLayerNorm(TensorMap& tensors, LoadReport& report) {
    TensorMap renamed;
    for (auto& [name, tensor] : tensors) {
        std::string target = name;
        if (endsWith(name, ".gamma")) target = name.substr(0, name.size() - 6) + ".weight";
        else if (endsWith(name, ".beta")) target = name.substr(0, name.size() - 5) + ".bias";
        if (target != name) report.renamed.push_back(name + " -> " + target);
        renamed[target] = tensor;
    }
    tensors.swap(renamed);
}

// A base checkpoint (BertModel: "embeddings.*") loaded into a task model ("bert.embeddings.*").
void addEncoderPrefix(TensorMap& tensors, LoadReport& report) {
    bool has_prefix = false, has_bare_encoder = false;
    for (const auto& item : tensors) {
        has_prefix |= startsWith(item.first, "bert.");
        has_bare_encoder |= startsWith(item.first, "embeddings.") || startsWith(item.first, "encoder.");
    }
    if (has_prefix || !has_bare_encoder) return;
    TensorMap prefixed;
    size_t count = 0;
    for (auto& [name, tensor] : tensors) {
        const bool encoder_key =
            startsWith(name, "embeddings.") || startsWith(name, "encoder.") || startsWith(name, "pooler.");
        prefixed[encoder_key ? "bert." + name : name] = tensor;
        count += encoder_key;
    }
    tensors.swap(prefixed);
    report.renamed.push_back("added the 'bert.' prefix to " + std::to_string(count) + " encoder keys (base checkpoint)");
}

// Keys Hugging Face itself skips: the tied decoder, the position_ids buffer, a pooler that the
// task model does not have.
void dropIgnoredKeys(TensorMap& tensors, const model::BertTaskModelImpl& model, LoadReport& report) {
    auto drop = [&](const std::string& name) {
        if (tensors.erase(name)) report.ignored.push_back(name);
    };
    drop("cls.predictions.decoder.weight");  // the word embeddings, tied
    if (tensors.count("cls.predictions.bias")) drop("cls.predictions.decoder.bias");
    else if (auto it = tensors.find("cls.predictions.decoder.bias"); it != tensors.end()) {
        tensors["cls.predictions.bias"] = it->second;
        tensors.erase(it);
        report.renamed.push_back("cls.predictions.decoder.bias -> cls.predictions.bias");
    }
    drop("bert.embeddings.position_ids");
    if (!model.bert->pooler) {
        std::vector<std::string> pooler;
        for (const auto& item : tensors)
            if (startsWith(item.first, "bert.pooler.")) pooler.push_back(item.first);
        for (const auto& name : pooler) drop(name);
    }
}

}  // namespace

LoadReport loadWeightsInto(model::BertTaskModelImpl& model, TensorMap tensors, const WeightLoadOptions& options,
                           const std::string& source) {
    if (tensors.empty()) throw Error(source + ": the checkpoint holds no tensors");
    LoadReport report;
    report.stored_dtype = dtypeName(tensors.begin()->second);
    renameLegacyLayerNorm(tensors, report);
    addEncoderPrefix(tensors, report);
    dropIgnoredKeys(tensors, model, report);

    torch::NoGradGuard no_grad;
    auto params = model.named_parameters(/*recurse=*/true);
    std::vector<std::string> fatal_missing, fatal_mismatched;
    for (const auto& item : params) {
        const std::string& name = item.key();
        torch::Tensor target = item.value();
        auto found = tensors.find(name);
        if (found == tensors.end()) {
            report.missing.push_back(name);
            if (model.isHeadParameter(name) && options.init_new_heads) report.newly_initialized.push_back(name);
            else fatal_missing.push_back(name);
            continue;
        }
        const torch::Tensor& source_tensor = found->second;
        if (source_tensor.sizes() != target.sizes()) {
            report.mismatched.push_back({name, source_tensor.sizes().vec(), target.sizes().vec()});
            if (model.isHeadParameter(name) && options.init_new_heads) report.newly_initialized.push_back(name);
            else fatal_mismatched.push_back(name + " " + c10::str(source_tensor.sizes()) + " vs model " +
                                            c10::str(target.sizes()));
        } else {
            if (!source_tensor.is_floating_point())
                throw Error(source + ": tensor '" + name + "' has a non-float dtype (" + dtypeName(source_tensor) + ")");
            target.copy_(source_tensor.to(torch::kFloat32));
        }
        tensors.erase(found);
    }
    for (const auto& item : tensors) report.unexpected.push_back(item.first);

    if (!fatal_mismatched.empty())
        throw Error(source + ": " + std::to_string(fatal_mismatched.size()) +
                    " weights do not match the config's shapes: " + joinNames(fatal_mismatched, 4));
    if (!fatal_missing.empty()) {
        bool heads_only = true;
        for (const auto& name : fatal_missing) heads_only &= model.isHeadParameter(name);
        throw Error(source + ": the checkpoint lacks " + std::to_string(fatal_missing.size()) + " weights the " +
                    model::taskName(model.task) + " model needs: " + joinNames(fatal_missing) +
                    (heads_only ? " (ask to initialise new heads to fine-tune it: --init-new-heads)" : ""));
    }
    return report;
}

TensorMap stateDictForSaving(const model::BertTaskModelImpl& model) {
    TensorMap out;
    const bool bare_encoder = model.task == model::BertTask::Base;
    for (const auto& item : model.named_parameters(/*recurse=*/true)) {
        std::string name = item.key();
        if (bare_encoder && startsWith(name, "bert.")) name = name.substr(5);
        out[name] = item.value().detach();
    }
    return out;
}

}  // namespace bw::io
