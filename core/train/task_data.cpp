#include "core/train/task_data.h"

#include "core/data/content_hash.h"
#include "core/data/label_set.h"
#include "core/runtime/error.h"
#include "core/train/row_label_checks.h"
#include "core/train/training_rows.h"

#include <algorithm>
#include <numeric>
#include <set>
#include <sstream>

namespace bw::train {
namespace {

using model::BertTask;

std::vector<std::string> multiLabelNames(const std::vector<data::Example>& rows) {
    std::set<std::string> names;
    for (const data::Example& e : rows) {
        std::stringstream in(e.label);
        for (std::string part; std::getline(in, part, ',');) {
            part.erase(0, part.find_first_not_of(" \t"));
            part.erase(part.find_last_not_of(" \t") + 1);
            if (!part.empty()) names.insert(part);
        }
    }
    return {names.begin(), names.end()};
}

std::string tagSchemeOf(const std::vector<std::string>& tags) {
    bool iobes = false, bmes = false;
    for (const std::string& t : tags) {
        iobes |= t.rfind("E-", 0) == 0 || t.rfind("S-", 0) == 0;
        bmes |= t.rfind("M-", 0) == 0;
    }
    return bmes ? "BMES" : iobes ? "IOBES" : "IOB2";
}

// Holds out whole documents (never half of one) for evaluating masked-LM / pretraining.
void holdOutDocuments(std::vector<data::Example>& train, std::vector<data::Example>& validation, double fraction,
                      uint64_t seed) {
    std::vector<int64_t> documents;
    for (const data::Example& e : train)
        if (documents.empty() || documents.back() != e.document) documents.push_back(e.document);
    std::vector<int64_t> shuffled = documents;
    std::mt19937_64 rng(seed);
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    const size_t held = std::max<size_t>(1, static_cast<size_t>(fraction * static_cast<double>(documents.size())));
    if (documents.size() < 2) throw Error("the corpus has a single document: it needs at least two (blank-line separated)");
    const std::set<int64_t> held_out(shuffled.begin(), shuffled.begin() + std::min(held, documents.size() - 1));
    std::vector<data::Example> kept;
    for (data::Example& e : train) (held_out.count(e.document) ? validation : kept).push_back(std::move(e));
    train.swap(kept);
}

// A corpus made of a sequence dataset's sentences: each row its own document.
void rowsAsDocuments(std::vector<data::Example>& rows) {
    for (size_t i = 0; i < rows.size(); ++i) rows[i].document = static_cast<int64_t>(i);
}

std::vector<float> balancedWeights(const std::vector<Feature>& features, size_t classes, bool tokens) {
    std::vector<double> counts(classes, 0.0);
    double total = 0;
    for (const Feature& f : features) {
        if (tokens) {
            for (int32_t l : f.token_labels)
                if (l != kIgnoreIndex) counts.at(l) += 1, total += 1;
        } else {
            counts.at(f.label) += 1;
            total += 1;
        }
    }
    std::vector<float> weights(classes, 1.0f);
    for (size_t c = 0; c < classes; ++c)  // scikit-learn's "balanced": n / (classes * count)
        if (counts[c] > 0) weights[c] = static_cast<float>(total / (static_cast<double>(classes) * counts[c]));
    return weights;
}

// Multi-label "balanced": BCE's pos_weight per label, negatives / positives in the training set (what
// torch's BCEWithLogitsLoss documents for imbalanced labels). A label no training row has cannot be weighed.
std::vector<float> positiveWeights(const std::vector<Feature>& features, const std::vector<std::string>& labels) {
    std::vector<double> positives(labels.size(), 0.0);
    for (const Feature& f : features)
        for (size_t c = 0; c < labels.size(); ++c) positives[c] += f.target.at(c) > 0.5f ? 1.0 : 0.0;
    std::vector<float> weights(labels.size());
    for (size_t c = 0; c < labels.size(); ++c) {
        if (positives[c] == 0) throw Error("class_weights balanced: no training row has label '" + labels[c] + "'");
        weights[c] = static_cast<float>((static_cast<double>(features.size()) - positives[c]) / positives[c]);
    }
    return weights;
}

}  // namespace

std::vector<Feature> featuresForEvaluation(const std::vector<data::Example>& rows, BertTask task,
                                           const std::vector<std::string>& model_labels,
                                           const text::BertTokenizer& tokenizer, int max_length, TaskSpec& spec) {
    spec.task = task;
    spec.label_names = model_labels;
    const data::LabelSet labels(model_labels);
    auto label_id = [&](const std::string& l) { return static_cast<int32_t>(labels.id(l)); };
    switch (task) {
    case BertTask::SequenceClassification:
        return buildSequenceFeatures(rows, tokenizer, max_length, spec.problem_type, label_id,
                                     static_cast<int32_t>(model_labels.size()));
    case BertTask::TokenClassification: {
        std::vector<std::string> tags;
        for (const auto& r : rows) tags.insert(tags.end(), r.tags.begin(), r.tags.end());
        spec.tag_scheme = tagSchemeOf(tags);
        return buildTokenFeatures(rows, tokenizer, max_length, label_id);
    }
    case BertTask::MaskedLM: return buildMaskedLmFeatures(rows, tokenizer, max_length);
    case BertTask::PreTraining: {
        std::mt19937_64 rng(1);
        return buildPretrainingFeatures(rows, tokenizer, max_length, 0.1, 0.5, rng);
    }
    default: throw Error("evaluating a " + model::taskName(task) + " model is not supported");
    }
}

store::DatasetRecord requireDataset(store::ExperimentStore& store, const std::string& name, const std::filesystem::path& db) {
    if (auto dataset = store.findDataset(name)) return *dataset;
    std::string names;
    for (const auto& ds : store.listDatasets()) names += (names.empty() ? "" : ", ") + ds.name;
    throw Error("no dataset named '" + name + "' in " + db.string() +
                (names.empty() ? " (it has none: import one first)" : " (it has: " + names + ")"));
}

TaskData prepareTaskData(store::ExperimentStore& store, const TrainingRequest& request, BertTask task,
                         const text::BertTokenizer& tokenizer) {
    TaskData d;
    d.spec.task = task;
    const TrainingArguments& args = request.args;
    const int max_length = static_cast<int>(args.max_seq_length);
    std::vector<data::Example> train = trainingRows(store, request), validation;
    std::string kind, name;
    std::vector<std::string> stored_labels;
    std::map<std::string, std::string> source_of_split;

    if (request.dataset) {
        const auto dataset = requireDataset(store, *request.dataset, request.db);
        d.dataset_id = dataset.id;
        kind = dataset.task_kind;
        name = dataset.name;
        stored_labels = dataset.label_set;
        validation = store.loadRows(dataset.id, "validation");
        for (const auto& source : store.sources(dataset.id)) {
            d.data_hashes[source.split] = source.dataHash();
            source_of_split[source.split] = source.path;
        }
    } else {
        kind = "corpus";
        name = request.corpus->filename().string();
        d.data_hashes["train"] = data::contentHash(*request.corpus);
    }
    if (train.empty()) throw Error("dataset '" + name + "' has no train rows");

    const bool language_modelling = task == BertTask::MaskedLM || task == BertTask::PreTraining;
    if (task == BertTask::SequenceClassification && kind != "sequence")
        throw Error("dataset '" + name + "' is a " + kind + " dataset; sequence-classification needs labelled sentences");
    if (task == BertTask::TokenClassification && kind != "token")
        throw Error("dataset '" + name + "' is a " + kind + " dataset; token-classification needs tagged words (CoNLL)");
    if (language_modelling) {
        if (kind != "corpus") {
            rowsAsDocuments(train);
            rowsAsDocuments(validation);
        }
        if (validation.empty()) holdOutDocuments(train, validation, request.corpus_validation_fraction, args.seed);
    }
    if (validation.empty() && args.evaluation_strategy != "no")
        throw Error("dataset '" + name + "' has no validation split: import one (--split validation), split at import "
                    "(--validation-fraction 0.1), or train without evaluation (--evaluation-strategy no)");

    auto origin = [&](const data::Example& e, const char* split) {
        return data::LabelOrigin{split, source_of_split.count(split) ? source_of_split[split] : name, e.source_line};
    };
    switch (task) {
    case BertTask::SequenceClassification: {
        d.spec.problem_type = request.problemType();
        if (d.spec.problem_type == model::ProblemType::Regression) {
            d.spec.label_names = {"score"};
        } else if (d.spec.problem_type == model::ProblemType::MultiLabel) {
            d.spec.label_names = multiLabelNames(train);
        } else {
            d.spec.label_names = stored_labels.empty() ? data::LabelSet::forClasses(train).labels() : stored_labels;
        }
        if (d.spec.problem_type != model::ProblemType::MultiLabel) {  // a multi-label row may have no class
            for (const auto& [rows, split] : {std::pair{&train, "train"}, std::pair{&validation, "validation"}}) {
                const RowsPlace place{name, split, source_of_split.count(split) ? source_of_split[split] : ""};
                refuseUnlabelledRows(*rows, place);
                if (d.spec.problem_type == model::ProblemType::Regression) refuseNonNumericLabels(*rows, place);
            }
        }
        const data::LabelSet labels(d.spec.label_names);
        const auto n = static_cast<int32_t>(d.spec.label_names.size());
        // Labels are checked per row, so an unseen validation label names its file and line.
        for (const auto& e : validation)
            if (d.spec.problem_type == model::ProblemType::SingleLabel) labels.id(e.label, origin(e, "validation"));
        auto id = [&](const std::string& l) { return static_cast<int32_t>(labels.id(l)); };
        d.train = buildSequenceFeatures(train, tokenizer, max_length, d.spec.problem_type, id, n);
        d.validation = buildSequenceFeatures(validation, tokenizer, max_length, d.spec.problem_type, id, n);
        if (args.class_weights == "balanced") {
            if (d.spec.problem_type == model::ProblemType::Regression)
                throw Error("class_weights balanced weighs classes; a regression task has none (use class_weights none)");
            d.spec.class_weights = d.spec.problem_type == model::ProblemType::MultiLabel
                                       ? positiveWeights(d.train, d.spec.label_names)
                                       : balancedWeights(d.train, d.spec.label_names.size(), false);
        }
        break;
    }
    case BertTask::TokenClassification: {
        d.spec.label_names = stored_labels.empty() ? data::LabelSet::forTags(train).labels() : stored_labels;
        d.spec.tag_scheme = tagSchemeOf(d.spec.label_names);
        const data::LabelSet labels(d.spec.label_names);
        for (const auto& e : validation)
            for (const auto& tag : e.tags) labels.id(tag, origin(e, "validation"));
        auto id = [&](const std::string& l) { return static_cast<int32_t>(labels.id(l)); };
        d.train = buildTokenFeatures(train, tokenizer, max_length, id);
        d.validation = buildTokenFeatures(validation, tokenizer, max_length, id);
        if (args.class_weights == "balanced") d.spec.class_weights = balancedWeights(d.train, d.spec.label_names.size(), true);
        break;
    }
    case BertTask::MaskedLM:
        d.train = buildMaskedLmFeatures(train, tokenizer, max_length, args.packing);
        d.validation = buildMaskedLmFeatures(validation, tokenizer, max_length, args.packing);
        break;
    case BertTask::PreTraining: {
        // The held-out set and its pairs follow `seed`, so runs with another data_seed evaluate alike.
        std::mt19937_64 train_rng(args.dataSeed()), validation_rng(args.seed + 1);
        d.train = buildPretrainingFeatures(train, tokenizer, max_length, args.short_seq_probability, args.nsp_probability,
                                           train_rng);
        d.validation = buildPretrainingFeatures(validation, tokenizer, max_length, args.short_seq_probability,
                                                args.nsp_probability, validation_rng);
        break;
    }
    default: throw Error("training a " + model::taskName(task) + " model is not supported");
    }
    if (d.train.empty()) throw Error("dataset '" + name + "' gave no training examples for " + model::taskName(task));
    d.train_rows = static_cast<int64_t>(train.size());
    d.validation_rows = static_cast<int64_t>(validation.size());
    d.description = name + " (train " + std::to_string(train.size()) + ", validation " +
                    std::to_string(validation.size()) + ")";
    return d;
}

}  // namespace bw::train
