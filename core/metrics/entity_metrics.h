#pragma once
// Entity-level scores of a tagger (seqeval's classification_report / precision_recall_fscore_support):
// an entity counts as found only if a predicted entity has the same type, start and end in the
// same sentence. Per type precision, recall, F1 and support (number of reference entities), plus
// micro (pooled counts), macro (mean over types) and weighted (by support) averages with
// zero_division=0. The types are those seen in the references or the predictions, sorted, as in
// seqeval 1.x. Also the token accuracy (seqeval accuracy_score: equal tags / tags).
//
// Entities are found per sentence as entity_extraction.h describes (default or strict mode).
#include "core/metrics/entity_extraction.h"
#include "core/metrics/precision_recall.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace bw::metrics {

struct EntityReport {
    EntityOptions options;
    std::vector<std::string> types;           // sorted
    std::vector<PrecisionRecallF1> per_type;  // index as in `types`
    PrecisionRecallF1 micro, macro, weighted;
    double token_accuracy = 0.0;
    int64_t sentences = 0;
    int64_t tokens = 0;

    // {"precision", "recall", "f1" (seqeval's overall scores, = micro), "accuracy" (= token_accuracy),
    //  "precision_micro", "recall_micro", "f1_micro", "precision_macro", ..., "f1_weighted",
    //  "support" (reference entities), "token_accuracy", "sentences", "tokens",
    //  "scheme", "mode" ("default" | "strict"),
    //  "per_type": {type: {"precision", "recall", "f1", "support"}}}
    nlohmann::json toJson() const;
};

class EntityAccumulator {
public:
    explicit EntityAccumulator(EntityOptions options = {});

    // One sentence: predicted and reference tags, one per token, the same length.
    void add(const std::vector<std::string>& predicted, const std::vector<std::string>& reference);
    // A batch of sentences; checked whole before anything is counted.
    void add(const std::vector<std::vector<std::string>>& predictions,
             const std::vector<std::vector<std::string>>& references);

    int64_t sentences() const { return sentences_; }
    // The report over everything added so far; throws if no tag was added.
    EntityReport finish() const;

private:
    struct SentenceEntities {
        std::vector<Entity> predicted, reference;
    };
    // Extracts and checks one sentence; sentence = its index among everything added.
    SentenceEntities extract(const std::vector<std::string>& predicted, const std::vector<std::string>& reference,
                             size_t sentence) const;
    void count(const SentenceEntities& entities, const std::vector<std::string>& predicted,
               const std::vector<std::string>& reference);

    EntityOptions options_;
    std::map<std::string, ClassCounts> counts_;  // per entity type
    int64_t sentences_ = 0;
    int64_t tokens_ = 0;
    int64_t equal_tags_ = 0;
};

// One-shot: predictions[s] and references[s] are the tags of sentence s.
EntityReport entityReport(const std::vector<std::vector<std::string>>& predictions,
                          const std::vector<std::vector<std::string>>& references, const EntityOptions& options = {});

}  // namespace bw::metrics
