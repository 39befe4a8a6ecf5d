#include "widgets/train/training_setup.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace bw::gui {
namespace {

struct TrainingSetupText {
    Q_DECLARE_TR_FUNCTIONS(TrainingSetupText)
};

}  // namespace

std::string engineTaskName(TrainTask task) {
    switch (task) {
        case TrainTask::TextClassification:
        case TrainTask::SentencePairs: return "sequence-classification";
        case TrainTask::TokenTagging: return "token-classification";
        case TrainTask::MaskedLm: return "masked-lm";
        case TrainTask::Pretraining: return "pretraining";
    }
    return {};
}

bool isLanguageModelling(TrainTask task) { return task == TrainTask::MaskedLm || task == TrainTask::Pretraining; }

bool isClassification(TrainTask task) {
    return task == TrainTask::TextClassification || task == TrainTask::SentencePairs;
}

bool isLanguageModellingTask(const std::string& engine_task) {
    return engine_task == engineTaskName(TrainTask::MaskedLm) || engine_task == engineTaskName(TrainTask::Pretraining);
}

train::TrainingRequest toTrainingRequest(const TrainingSetup& setup) {
    train::TrainingRequest request;
    request.db = setup.store_path;
    if (setup.model_kind == BaseModelKind::Scratch) {
        request.init_config = setup.scratch_size;
        request.vocab = setup.vocab;
    } else {
        request.model_dir = setup.model_dir;
    }
    request.task = engineTaskName(setup.task);
    // A corpus file is only for the language-modelling tasks; the others always read the store.
    if (isLanguageModelling(setup.task) && setup.data_source == DataSource::CorpusFile) request.corpus = setup.corpus;
    else request.dataset = setup.dataset;
    if (isClassification(setup.task)) request.problem_type = setup.problem_type;
    request.args = setup.args;
    request.run_name = setup.run_name.empty() ? defaultRunName(setup).toStdString() : setup.run_name;
    request.output_dir = setup.output_dir;
    return request;
}

TrainingSetup setupFromRequest(const train::TrainingRequest& request, const std::vector<store::DatasetRecord>& datasets,
                               const QString& bundled_dir) {
    TrainingSetup setup;
    setup.store_path = request.db.string();
    if (request.init_config) {
        setup.model_kind = BaseModelKind::Scratch;
        const bool named = std::find(kScratchSizes.begin(), kScratchSizes.end(), *request.init_config) != kScratchSizes.end();
        if (named) setup.scratch_size = *request.init_config;
        setup.vocab = request.vocab.value_or("").string();
    } else {
        setup.model_dir = request.model_dir.value_or("").string();
        const QString canonical = QFileInfo(QString::fromStdString(setup.model_dir)).canonicalFilePath();
        const bool bundled = !bundled_dir.isEmpty() && canonical == QFileInfo(bundled_dir).canonicalFilePath();
        setup.model_kind = bundled ? BaseModelKind::Bundled : BaseModelKind::Directory;
    }
    if (request.corpus) {
        setup.data_source = DataSource::CorpusFile;
        setup.corpus = request.corpus->string();
    }
    setup.dataset = request.dataset.value_or("");
    bool pairs = false;
    for (const store::DatasetRecord& d : datasets)
        if (d.name == setup.dataset) pairs = hasTextPair(d);
    if (request.task == engineTaskName(TrainTask::TokenTagging)) setup.task = TrainTask::TokenTagging;
    else if (request.task == engineTaskName(TrainTask::MaskedLm)) setup.task = TrainTask::MaskedLm;
    else if (request.task == engineTaskName(TrainTask::Pretraining)) setup.task = TrainTask::Pretraining;
    else setup.task = pairs ? TrainTask::SentencePairs : TrainTask::TextClassification;
    setup.problem_type = request.problem_type;
    setup.args = request.args;
    setup.run_name = request.run_name;
    return setup;
}

QString freeRunName(const QString& name, const std::vector<std::string>& taken) {
    const auto is_taken = [&](const QString& candidate) {
        return std::find(taken.begin(), taken.end(), candidate.toStdString()) != taken.end();
    };
    QString candidate = name;
    // Counted rather than parsed from the name: "lr-3e-4" must not become "lr-3e-5".
    for (int n = 2; is_taken(candidate); ++n) candidate = QStringLiteral("%1-%2").arg(name).arg(n);
    return candidate;
}

bool hasTextPair(const store::DatasetRecord& dataset) {
    const auto it = dataset.columns.find("text_pair");
    return it != dataset.columns.end() && it->is_string() && !it->get<std::string>().empty();
}

QString datasetKindTitle(const std::string& task_kind) {
    if (task_kind == "sequence") return TrainingSetupText::tr("labelled sentences");
    if (task_kind == "token") return TrainingSetupText::tr("tagged words");
    if (task_kind == "corpus") return TrainingSetupText::tr("plain text");
    return QString::fromStdString(task_kind);
}

std::vector<std::string> bestMetricChoices(TrainTask task, const std::string& problem_type) {
    // As core/metrics reports them: precision, recall and F1 under each average.
    const auto averaged = [](std::vector<std::string> names) {
        for (const char* average : {"macro", "micro", "weighted"})
            for (const char* score : {"f1", "precision", "recall"}) names.push_back(std::string(score) + "_" + average);
        return names;
    };
    switch (task) {
        case TrainTask::TextClassification:
        case TrainTask::SentencePairs:
            if (problem_type == "regression") return {"loss", "mse", "mae", "pearson", "spearman"};
            if (problem_type == "multi_label_classification")
                return averaged({"loss", "subset_accuracy", "hamming_loss"});
            // "f1" is the positive class's F1: binary datasets only (the engine says so otherwise).
            return averaged({"loss", "accuracy", "f1", "matthews_correlation"});
        case TrainTask::TokenTagging: return averaged({"loss", "f1", "precision", "recall", "accuracy", "token_accuracy"});
        case TrainTask::MaskedLm: return {"loss", "mlm_loss", "mlm_accuracy", "perplexity"};
        case TrainTask::Pretraining:
            return {"loss", "mlm_loss", "mlm_accuracy", "perplexity", "nsp_loss", "nsp_accuracy"};
    }
    return {"loss"};
}

QString defaultRunName(const TrainingSetup& setup) {
    const QString data = setup.data_source == DataSource::CorpusFile && isLanguageModelling(setup.task)
                             ? QFileInfo(QString::fromStdString(setup.corpus)).completeBaseName()
                             : QString::fromStdString(setup.dataset);
    const char* task = "";
    switch (setup.task) {
        case TrainTask::TextClassification: task = "classification"; break;
        case TrainTask::SentencePairs: task = "pairs"; break;
        case TrainTask::TokenTagging: task = "tagging"; break;
        case TrainTask::MaskedLm: task = "mlm"; break;
        case TrainTask::Pretraining: task = "pretraining"; break;
    }
    return data.isEmpty() ? QString::fromLatin1(task) : data + QLatin1Char('-') + QString::fromLatin1(task);
}

QString defaultOutputDir(const QString& store_path, const QString& run_name) {
    QString folder = run_name.trimmed();
    for (QChar& c : folder)
        if (!c.isLetterOrNumber() && c != QLatin1Char('-') && c != QLatin1Char('_') && c != QLatin1Char('.'))
            c = QLatin1Char('-');
    if (folder.isEmpty() || folder.startsWith(QLatin1Char('.'))) folder.prepend(QStringLiteral("run"));
    const QDir runs(QFileInfo(store_path).absoluteDir().filePath(QStringLiteral("runs")));
    QString candidate = runs.filePath(folder);
    for (int n = 2; QFileInfo::exists(candidate); ++n)
        candidate = runs.filePath(QStringLiteral("%1-%2").arg(folder).arg(n));
    return candidate;
}

}  // namespace bw::gui
