#include "widgets/runs/runs_csv.h"

namespace bw::gui {

namespace {

// The TrainingArguments a reader compares runs by, under their Hugging Face names.
const char* const kHyperparameters[] = {"learning_rate", "per_device_train_batch_size", "num_train_epochs", "max_steps",
                                        "seed"};

QString number(double value) { return QString::number(value, 'g', 10); }

QString numberOrEmpty(const std::optional<double>& value) { return value ? number(*value) : QString(); }

QString jsonCell(const nlohmann::json& value) {
    if (value.is_null()) return {};
    if (value.is_number()) return number(value.get<double>());
    if (value.is_string()) return QString::fromStdString(value.get<std::string>());
    return QString::fromStdString(value.dump());
}

}  // namespace

QStringList runsCsvHeader() {
    QStringList header{QStringLiteral("id"),          QStringLiteral("name"),       QStringLiteral("status"),
                       QStringLiteral("task"),        QStringLiteral("base_model"), QStringLiteral("dataset"),
                       QStringLiteral("best_metric"), QStringLiteral("best_value"), QStringLiteral("duration_s")};
    for (const char* name : kHyperparameters) header << QString::fromLatin1(name);
    header << QStringLiteral("started_at") << QStringLiteral("finished_at") << QStringLiteral("tags") << QStringLiteral("notes");
    return header;
}

QStringList runsCsvRow(const RunSummary& summary) {
    const store::RunRecord& run = summary.run;
    QStringList tags;
    for (const std::string& tag : run.tags) tags << QString::fromStdString(tag);
    QStringList row{QString::number(run.id),
                    QString::fromStdString(run.name),
                    QString::fromUtf8(store::runStatusName(run.status).data(), static_cast<qsizetype>(store::runStatusName(run.status).size())),
                    QString::fromStdString(run.task),
                    QString::fromStdString(run.base_model),
                    summary.dataset,
                    summary.best_value ? summary.best_metric : QString(),
                    numberOrEmpty(summary.best_value),
                    summary.seconds ? QString::number(*summary.seconds, 'f', 3) : QString()};
    const nlohmann::json args = run.config.is_object() ? run.config.value("training_args", nlohmann::json::object()) : nlohmann::json::object();
    for (const char* name : kHyperparameters) row << (args.is_object() && args.contains(name) ? jsonCell(args[name]) : QString());
    row << QString::fromStdString(run.started_at) << QString::fromStdString(run.finished_at) << tags.join(QStringLiteral(", "))
        << QString::fromStdString(run.notes);
    return row;
}

QStringList curvesCsvHeader() {
    return {QStringLiteral("run_id"), QStringLiteral("run"),       QStringLiteral("metric"), QStringLiteral("step"),
            QStringLiteral("epoch"),  QStringLiteral("wall_time"), QStringLiteral("value")};
}

QStringList curvesCsvRow(qint64 run_id, const QString& run_label, const store::MetricPoint& point) {
    return {QString::number(run_id),        run_label,
            QString::fromStdString(point.name), QString::number(point.step),
            number(point.epoch),            QString::number(point.wall_time, 'f', 3),
            number(point.value)};
}

}  // namespace bw::gui
