#include "core/metrics/multilabel_metrics.h"

#include "core/runtime/error.h"

#include <set>
#include <utility>

namespace bw::metrics {

namespace {

const std::string kWhat = "multi-label metrics: ";

std::vector<std::string> checkedLabels(size_t num_labels, std::vector<std::string> names) {
    if (num_labels == 0) throw Error(kWhat + "there must be at least one label");
    if (names.empty()) {
        for (size_t l = 0; l < num_labels; ++l) names.push_back(std::to_string(l));
        return names;
    }
    if (names.size() != num_labels)
        throw Error(kWhat + std::to_string(names.size()) + " label names given for " + std::to_string(num_labels) +
                    " labels");
    std::set<std::string> seen;
    for (const auto& n : names)
        if (!seen.insert(n).second) throw Error(kWhat + "label name '" + n + "' is given twice");
    return names;
}

}  // namespace

MultiLabelAccumulator::MultiLabelAccumulator(size_t num_labels, std::vector<std::string> label_names)
    : labels_(checkedLabels(num_labels, std::move(label_names))), counts_(num_labels) {}

void MultiLabelAccumulator::check(const std::vector<int>& prediction, const std::vector<int>& reference,
                                  size_t example) const {
    const std::string where = "example " + std::to_string(example);
    if (prediction.size() != labels_.size() || reference.size() != labels_.size())
        throw Error(kWhat + where + " has " + std::to_string(prediction.size()) + " predicted and " +
                    std::to_string(reference.size()) + " reference entries; expected " +
                    std::to_string(labels_.size()) + " (one per label)");
    for (size_t l = 0; l < labels_.size(); ++l) {
        if (prediction[l] != 0 && prediction[l] != 1)
            throw Error(kWhat + where + ": predicted entry " + std::to_string(l) + " is " +
                        std::to_string(prediction[l]) + ", not 0 or 1");
        if (reference[l] != 0 && reference[l] != 1)
            throw Error(kWhat + where + ": reference entry " + std::to_string(l) + " is " +
                        std::to_string(reference[l]) + ", not 0 or 1");
    }
}

void MultiLabelAccumulator::add(const std::vector<int>& prediction, const std::vector<int>& reference) {
    check(prediction, reference, static_cast<size_t>(examples_));
    count(prediction, reference);
}

void MultiLabelAccumulator::count(const std::vector<int>& prediction, const std::vector<int>& reference) {
    bool exact = true;
    for (size_t l = 0; l < labels_.size(); ++l) {
        const bool p = prediction[l] == 1, r = reference[l] == 1;
        counts_[l].true_positives += (p && r) ? 1 : 0;
        counts_[l].predicted += p ? 1 : 0;
        counts_[l].actual += r ? 1 : 0;
        if (p != r) {
            ++wrong_entries_;
            exact = false;
        }
    }
    exact_matches_ += exact ? 1 : 0;
    ++examples_;
}

void MultiLabelAccumulator::add(const std::vector<std::vector<int>>& predictions,
                                const std::vector<std::vector<int>>& references) {
    if (predictions.size() != references.size())
        throw Error(kWhat + std::to_string(predictions.size()) + " predictions but " +
                    std::to_string(references.size()) + " references");
    for (size_t i = 0; i < predictions.size(); ++i)
        check(predictions[i], references[i], static_cast<size_t>(examples_) + i);
    for (size_t i = 0; i < predictions.size(); ++i) count(predictions[i], references[i]);
}

MultiLabelReport MultiLabelAccumulator::finish() const {
    if (examples_ == 0) throw Error(kWhat + "no examples to score");
    MultiLabelReport r;
    r.labels = labels_;
    for (const auto& c : counts_) r.per_label.push_back(scoresOf(c));
    r.micro = microAverage(counts_);
    r.macro = macroAverage(r.per_label);
    r.weighted = weightedAverage(r.per_label);
    r.examples = examples_;
    r.subset_accuracy = static_cast<double>(exact_matches_) / static_cast<double>(examples_);
    const double entries = static_cast<double>(examples_) * static_cast<double>(labels_.size());
    r.hamming_loss = static_cast<double>(wrong_entries_) / entries;
    return r;
}

nlohmann::json MultiLabelReport::toJson() const {
    nlohmann::json j;
    j["subset_accuracy"] = subset_accuracy;
    j["hamming_loss"] = hamming_loss;
    addAverage(j, "micro", micro);
    addAverage(j, "macro", macro);
    addAverage(j, "weighted", weighted);
    j["support"] = micro.support;
    j["examples"] = examples;
    j["labels"] = labels;
    nlohmann::json per = nlohmann::json::object();
    for (size_t l = 0; l < labels.size(); ++l) per[labels[l]] = metrics::toJson(per_label[l]);
    j["per_label"] = std::move(per);
    return j;
}

MultiLabelReport multiLabelReport(const std::vector<std::vector<int>>& predictions,
                                  const std::vector<std::vector<int>>& references,
                                  const std::vector<std::string>& label_names) {
    if (predictions.size() != references.size())
        throw Error(kWhat + std::to_string(predictions.size()) + " predictions but " +
                    std::to_string(references.size()) + " references");
    if (references.empty()) throw Error(kWhat + "no examples to score");
    MultiLabelAccumulator acc(references.front().size(), label_names);
    acc.add(predictions, references);
    return acc.finish();
}

}  // namespace bw::metrics
