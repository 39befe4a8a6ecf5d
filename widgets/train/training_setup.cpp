#include "widgets/train/training_setup.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace bw::gui {
bool isLanguageModellingTask(const std::string& engine_task) {
    const train::TaskDefinition* task = train::firstTaskWithHead(engine_task);
    return task && task->isLanguageModelling();
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
    const train::TaskDefinition& task = setup.definition();
    request.task = task.engineTask();
    // A corpus file is only for the language-modelling tasks; the others always read the store.
    if (task.isLanguageModelling() && setup.data_source == DataSource::CorpusFile) request.corpus = setup.corpus;
    else request.dataset = setup.dataset;
    if (task.isClassification()) request.problem_type = setup.problem_type;
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
        setup.model_kind = isBundledModel(QString::fromStdString(setup.model_dir), bundled_dir) ? BaseModelKind::Bundled
                                                                                              : BaseModelKind::Directory;
    }
    if (request.corpus) {
        setup.data_source = DataSource::CorpusFile;
        setup.corpus = request.corpus->string();
    }
    setup.dataset = request.dataset.value_or("");
    bool pairs = false;
    for (const store::DatasetRecord& d : datasets)
        if (d.name == setup.dataset) pairs = train::hasTextPairs(d);
    try {
        setup.task = train::taskForRun(request.task, request.problem_type, pairs).id;
    } catch (const std::exception&) {
        setup.task = train::taskCatalogue().front().id;  // a run of a head no task trains: pick anew
    }
    setup.problem_type = request.problem_type;
    setup.args = request.args;
    setup.run_name = request.run_name;
    return setup;
}

bool isBundledModel(const QString& dir, const QString& bundled_dir) {
    if (dir.isEmpty() || bundled_dir.isEmpty()) return false;
    const QString canonical = QFileInfo(dir).canonicalFilePath();
    return !canonical.isEmpty() && canonical == QFileInfo(bundled_dir).canonicalFilePath();
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

QString defaultRunName(const TrainingSetup& setup) {
    const train::TaskDefinition& task = setup.definition();
    const QString data = setup.data_source == DataSource::CorpusFile && task.isLanguageModelling()
                             ? QFileInfo(QString::fromStdString(setup.corpus)).completeBaseName()
                             : QString::fromStdString(setup.dataset);
    const QString name = QString::fromStdString(task.short_name);
    return data.isEmpty() ? name : data + QLatin1Char('-') + name;
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
