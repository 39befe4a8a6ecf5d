#include "core/metrics/entity_metrics.h"

#include "core/runtime/error.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace bw::metrics {

namespace {

const std::string kWhat = "entity metrics: ";

}  // namespace

EntityAccumulator::EntityAccumulator(EntityOptions options) : options_(options) {}

EntityAccumulator::SentenceEntities EntityAccumulator::extract(const std::vector<std::string>& predicted,
                                                               const std::vector<std::string>& reference,
                                                               size_t sentence) const {
    const std::string where = "sentence " + std::to_string(sentence);
    if (predicted.size() != reference.size())
        throw Error(kWhat + where + " has " + std::to_string(predicted.size()) + " predicted tags but " +
                    std::to_string(reference.size()) + " reference tags");
    SentenceEntities e;
    try {
        e.predicted = extractEntities(predicted, options_);
    } catch (const Error& err) {
        throw Error(kWhat + "predictions, " + where + ": " + err.what());
    }
    try {
        e.reference = extractEntities(reference, options_);
    } catch (const Error& err) {
        throw Error(kWhat + "references, " + where + ": " + err.what());
    }
    return e;
}

void EntityAccumulator::count(const SentenceEntities& entities, const std::vector<std::string>& predicted,
                              const std::vector<std::string>& reference) {
    for (const auto& e : entities.predicted) ++counts_[e.type].predicted;
    for (const auto& e : entities.reference) ++counts_[e.type].actual;
    std::vector<Entity> a = entities.predicted, b = entities.reference, found;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(found));
    for (const auto& e : found) ++counts_[e.type].true_positives;

    for (size_t i = 0; i < predicted.size(); ++i) equal_tags_ += predicted[i] == reference[i] ? 1 : 0;
    tokens_ += static_cast<int64_t>(predicted.size());
    ++sentences_;
}

void EntityAccumulator::add(const std::vector<std::string>& predicted, const std::vector<std::string>& reference) {
    count(extract(predicted, reference, static_cast<size_t>(sentences_)), predicted, reference);
}

void EntityAccumulator::add(const std::vector<std::vector<std::string>>& predictions,
                            const std::vector<std::vector<std::string>>& references) {
    if (predictions.size() != references.size())
        throw Error(kWhat + std::to_string(predictions.size()) + " predicted sentences but " +
                    std::to_string(references.size()) + " reference sentences");
    std::vector<SentenceEntities> batch;
    batch.reserve(predictions.size());
    for (size_t s = 0; s < predictions.size(); ++s)
        batch.push_back(extract(predictions[s], references[s], static_cast<size_t>(sentences_) + s));
    for (size_t s = 0; s < predictions.size(); ++s) count(batch[s], predictions[s], references[s]);
}

EntityReport EntityAccumulator::finish() const {
    if (tokens_ == 0) throw Error(kWhat + "no tags to score");
    EntityReport r;
    r.options = options_;
    std::vector<ClassCounts> counts;
    for (const auto& [type, c] : counts_) {  // std::map: sorted by type
        r.types.push_back(type);
        r.per_type.push_back(scoresOf(c));
        counts.push_back(c);
    }
    r.micro = microAverage(counts);
    r.macro = macroAverage(r.per_type);
    r.weighted = weightedAverage(r.per_type);
    r.sentences = sentences_;
    r.tokens = tokens_;
    r.token_accuracy = static_cast<double>(equal_tags_) / static_cast<double>(tokens_);
    return r;
}

nlohmann::json EntityReport::toJson() const {
    nlohmann::json j;
    // The overall scores under the names Hugging Face's token-classification example prints.
    j["precision"] = micro.precision;
    j["recall"] = micro.recall;
    j["f1"] = micro.f1;
    j["accuracy"] = token_accuracy;
    addAverage(j, "micro", micro);
    addAverage(j, "macro", macro);
    addAverage(j, "weighted", weighted);
    j["support"] = micro.support;
    j["token_accuracy"] = token_accuracy;
    j["sentences"] = sentences;
    j["tokens"] = tokens;
    j["scheme"] = tagSchemeName(options.scheme);
    j["mode"] = options.mode == EntityMode::Strict ? "strict" : "default";
    nlohmann::json per = nlohmann::json::object();
    for (size_t t = 0; t < types.size(); ++t) per[types[t]] = metrics::toJson(per_type[t]);
    j["per_type"] = std::move(per);
    return j;
}

EntityReport entityReport(const std::vector<std::vector<std::string>>& predictions,
                          const std::vector<std::vector<std::string>>& references, const EntityOptions& options) {
    EntityAccumulator acc(options);
    acc.add(predictions, references);
    return acc.finish();
}

}  // namespace bw::metrics
