#include "widgets/train/setup_checks.h"

#include "core/data/label_set.h"
#include "widgets/shared/dataset_kind_text.h"
#include "widgets/shared/error_text.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QStringList>

#include <algorithm>

namespace bw::gui {
namespace {

struct SetupChecks {
    Q_DECLARE_TR_FUNCTIONS(SetupChecks)
};

int64_t rows(const store::DatasetRecord& dataset, const char* split) {
    const auto it = dataset.row_counts.find(split);
    return it == dataset.row_counts.end() ? 0 : it->second;
}

bool usesCorpusFile(const TrainingSetup& setup) {
    return setup.definition().isLanguageModelling() && setup.data_source == DataSource::CorpusFile;
}

}  // namespace

QString modelProblem(const TrainingSetup& setup, const ModelFacts& model) {
    if (setup.model_kind == BaseModelKind::Scratch && setup.vocab.empty())
        return SetupChecks::tr("A model trained from scratch needs a vocabulary: choose a vocab.txt.");
    if (setup.model_kind == BaseModelKind::Directory && setup.model_dir.empty())
        return SetupChecks::tr("Choose a Hugging Face model folder (one with config.json and weights).");
    if (!model.error.isEmpty()) return SetupChecks::tr("This model cannot be used: %1").arg(model.error);
    return {};
}

bool readsPairsAsOneText(const train::TaskDefinition& task, const store::DatasetRecord& dataset) {
    return task.isClassification() && task.input == train::TaskInput::Text && train::hasTextPairs(dataset);
}

QString dataProblem(const TrainingSetup& setup, const ModelFacts& model,
                    const std::optional<store::DatasetRecord>& dataset) {
    const train::TaskDefinition& task = setup.definition();
    if (task.isLanguageModelling() && model.usable && !model.has_mask_token)
        return SetupChecks::tr("The model's vocabulary has no [MASK] token, which masked-LM training needs.");
    if (usesCorpusFile(setup)) {
        if (setup.corpus.empty())
            return SetupChecks::tr(
                "Choose a plain-text corpus file (one sentence per line, blank lines between documents).");
        if (!QFileInfo(QString::fromStdString(setup.corpus)).isFile())
            return SetupChecks::tr("%1 is not a readable file.").arg(QString::fromStdString(setup.corpus));
        return {};
    }
    if (setup.dataset.empty())
        return SetupChecks::tr("Choose a dataset. The workspace's datasets are imported on the Data page.");
    if (!dataset)
        return SetupChecks::tr("The workspace has no dataset named “%1”.").arg(QString::fromStdString(setup.dataset));
    const QString name = QString::fromStdString(dataset->name);
    if (rows(*dataset, "train") == 0)
        return SetupChecks::tr("“%1” has no train split: import one on the Data page.").arg(name);
    if (task.input == train::TaskInput::TaggedWords && dataset->task_kind != "token")
        return SetupChecks::tr(
                   "Token tagging needs a dataset of tagged words (CoNLL), but “%1” holds %2. "
                   "Choose text classification, or a CoNLL dataset.")
            .arg(name, datasetKindTitle(*dataset));
    if (task.isClassification() && dataset->task_kind != "sequence")
        return SetupChecks::tr("Classification needs labelled sentences, but “%1” holds %2.")
            .arg(name, datasetKindTitle(*dataset));
    if (readsPairsAsOneText(task, *dataset))
        return SetupChecks::tr(
                   "“%1” holds sentence pairs, and the model reads both texts of a row together. Choose Sentence "
                   "pairs (or Sentence similarity for a score).")
            .arg(name);
    if (task.isClassification() && setup.problem_type == train::kRegression) {
        // The engine would refuse it at the review page; the labels the dataset holds say so now.
        QStringList words;
        for (const std::string& label : dataset->label_set)
            if (!data::regressionValue(label)) words << QStringLiteral("“%1”").arg(QString::fromStdString(label));
        if (!words.isEmpty())
            return SetupChecks::tr("A regression learns a number per row, but “%1” has %n label(s) that are not "
                                   "numbers: %2. Choose one class per example, or a dataset of numeric labels.",
                                   nullptr, static_cast<int>(words.size()))
                .arg(name, words.mid(0, 5).join(QStringLiteral(", ")) +
                               (words.size() > 5 ? QStringLiteral(", …") : QString()));
    }
    if (task.input == train::TaskInput::TextPair && !train::hasTextPairs(*dataset))
        return SetupChecks::tr(
                   "A sentence-pair task needs a dataset with a second text column, but “%1” has one text per "
                   "row. Choose text classification, or import the pairs with their second column.")
            .arg(name);
    return {};
}

QString lengthProblem(const TrainingSetup& setup, const ModelFacts& model) {
    if (model.max_positions > 0 && setup.args.max_seq_length > model.max_positions)
        return SetupChecks::tr(
                   "max length %1 is above the model's max_position_embeddings (%2): it has no position "
                   "embeddings for the tokens past %2.")
            .arg(setup.args.max_seq_length)
            .arg(model.max_positions);
    if (setup.args.max_seq_length < 8) return SetupChecks::tr("max length must be at least 8 tokens.");
    return {};
}

QString settingsProblem(const TrainingSetup& setup, const std::optional<store::DatasetRecord>& dataset) {
    try {
        setup.args.validateNewRun();
    } catch (const std::exception& e) {
        return errorText(e);
    }
    const bool evaluates = setup.args.evaluation_strategy != "no";
    // Language modelling holds documents out when there is no validation split; the others cannot.
    const train::TaskDefinition& task = setup.definition();
    if (evaluates && !task.isLanguageModelling() && dataset && rows(*dataset, "validation") == 0)
        return SetupChecks::tr(
                   "“%1” has no validation split, so evaluation cannot run: hold out validation rows (Task and data "
                   "page, or the Data page), import a validation split, or set evaluation_strategy to “no”.")
            .arg(QString::fromStdString(dataset->name));
    if (evaluates && !setup.args.metric_for_best_model.empty()) {
        std::string metric = setup.args.metric_for_best_model;
        if (metric.rfind("eval_", 0) == 0) metric.erase(0, 5);  // Hugging Face's spelling
        // The dataset's label count decides whether "f1" (a two-class metric) is among them.
        const size_t labels = dataset ? dataset->label_set.size() : 0;
        const std::vector<std::string> choices = train::reportedMetricNames(task.head, setup.problem_type, labels);
        if (std::find(choices.begin(), choices.end(), metric) == choices.end()) {
            QStringList names;
            for (const std::string& c : choices) names << QString::fromStdString(c);
            return SetupChecks::tr("metric_for_best_model “%1” is not computed for this task; choose one of: %2.")
                .arg(QString::fromStdString(setup.args.metric_for_best_model), names.join(QStringLiteral(", ")));
        }
    }
    if (setup.output_dir.empty()) return SetupChecks::tr("Choose an output folder for the checkpoints.");
    return {};
}

}  // namespace bw::gui
