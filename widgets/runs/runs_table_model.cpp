#include "widgets/runs/runs_table_model.h"

#include "core/store/run_tags.h"
#include "widgets/shared/duration_text.h"
#include "widgets/shared/metric_meaning.h"
#include "widgets/shared/metric_text.h"
#include "widgets/shared/model_name.h"
#include "widgets/shared/run_status_text.h"

#include <QBrush>
#include <QColor>
#include <QDir>
#include <QFileInfo>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace bw::gui {

namespace {

// A double as 16 hex digits that compare as text as the numbers compare (IEEE 754's bits, the sign
// bit flipped for positives and every bit for negatives).
QString orderedKey(double value) {
    uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    bits = (bits >> 63) ? ~bits : bits | (uint64_t{1} << 63);
    return QStringLiteral("%1").arg(static_cast<qulonglong>(bits), 16, 16, QLatin1Char('0'));
}

QString joinedTags(const std::vector<std::string>& tags) {
    QStringList list;
    for (const auto& tag : tags) list << QString::fromStdString(tag);
    return list.join(QStringLiteral(", "));
}

}  // namespace

RunsTableModel::RunsTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void RunsTableModel::setRuns(std::vector<RunSummary> runs) {
    const bool same_rows = runs.size() == runs_.size() &&
                           std::equal(runs.begin(), runs.end(), runs_.begin(),
                                      [](const RunSummary& a, const RunSummary& b) { return a.run.id == b.run.id; });
    if (!same_rows) {
        beginResetModel();
        runs_ = std::move(runs);
        row_of_run_.clear();
        row_of_run_.reserve(static_cast<qsizetype>(runs_.size()));
        for (size_t i = 0; i < runs_.size(); ++i) row_of_run_.insert(runs_[i].run.id, static_cast<int>(i));
        endResetModel();
        return;
    }
    runs_ = std::move(runs);
    if (!runs_.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

bool RunsTableModel::updateRun(RunSummary run) {
    const int row = rowOfRun(run.run.id);
    if (row < 0) return false;
    runs_[static_cast<size_t>(row)] = std::move(run);
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return true;
}

const RunSummary* RunsTableModel::runAt(int row) const {
    return row >= 0 && static_cast<size_t>(row) < runs_.size() ? &runs_[static_cast<size_t>(row)] : nullptr;
}

int RunsTableModel::rowOfRun(int64_t id) const { return row_of_run_.value(id, -1); }

bool RunsTableModel::anyRunning() const {
    return std::any_of(runs_.begin(), runs_.end(), [](const RunSummary& s) { return s.run.status == store::RunStatus::Running; });
}

int RunsTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(runs_.size()); }

int RunsTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RunsTableModel::displayValue(const RunSummary& s, int column) const {
    const store::RunRecord& r = s.run;
    switch (column) {
    case Id: return static_cast<qlonglong>(r.id);
    case Name: return QString::fromStdString(r.name);
    case Status: return runStatusTitle(r.status);
    case Task: return QString::fromStdString(r.task);
    case BaseModel:  // by name; the tooltip has the whole path
        return r.base_model.empty() ? tr("(from scratch)") : modelName(QString::fromStdString(r.base_model));
    case Dataset:
        if (s.dataset.empty() && !s.corpus.empty())  // pretraining on a text file: its name (the path in the tooltip)
            return tr("%1 (text file)").arg(QFileInfo(QString::fromStdString(s.corpus)).fileName());
        return s.dataset_deleted ? tr("%1 (deleted)").arg(QString::fromStdString(s.dataset)) : QString::fromStdString(s.dataset);
    case BestMetric:
        return s.best.value ? QStringLiteral("%1 %2").arg(QString::fromStdString(s.best.metric), metricValueText(*s.best.value))
                            : QString();
    case Duration: return s.trained_seconds ? durationText(*s.trained_seconds) : QString();
    case Tags: return joinedTags(r.tags);
    case Notes: return QString::fromStdString(r.notes).replace(QLatin1Char('\n'), QStringLiteral(" · "));  // one line per run
    default: return {};
    }
}

QVariant RunsTableModel::sortValue(const RunSummary& s, int column) const {
    switch (column) {
    case Id: return static_cast<qlonglong>(s.run.id);
    case BestMetric: {
        // Each metric's runs together ("accuracy 0.75" and "loss 0.41" are not one scale), better
        // values higher: sorted descending, each metric's best run comes first. A run without one, last.
        if (!s.best.value) return QString();
        const double better = s.best.greater_is_better ? *s.best.value : -*s.best.value;
        return QString::fromStdString(s.best.metric) + QChar(0x1f) + orderedKey(better);
    }
    case Duration: return s.trained_seconds ? QVariant(*s.trained_seconds) : QVariant(-1.0);
    default: return displayValue(s, column);
    }
}

QVariant RunsTableModel::data(const QModelIndex& index, int role) const {
    const RunSummary* s = runAt(index.row());
    if (!s) return {};
    switch (role) {
    case Qt::DisplayRole: return displayValue(*s, index.column());
    case Qt::EditRole:
        if (index.column() == Name) return QString::fromStdString(s->run.name);
        if (index.column() == Tags) return joinedTags(s->run.tags);
        if (index.column() == Notes) return QString::fromStdString(s->run.notes);
        return displayValue(*s, index.column());
    case SortRole: return sortValue(*s, index.column());
    case Qt::ForegroundRole:
        if (index.column() == Status) return QBrush(runStatusColor(s->run.status));
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Status && !s->run.error_message.empty()) return QString::fromStdString(s->run.error_message);
        if (index.column() == Notes) return QString::fromStdString(s->run.notes);
        if (index.column() == BaseModel && !s->run.base_model.empty())
            return QDir::toNativeSeparators(QString::fromStdString(s->run.base_model));
        if (index.column() == BaseModel || index.column() == Task) return displayValue(*s, index.column());
        if (index.column() == Dataset && !s->corpus.empty()) return QDir::toNativeSeparators(QString::fromStdString(s->corpus));
        if (index.column() == BestMetric && s->best.value) {  // "f1" of a tagger is not a classifier's
            const nlohmann::json& config = s->run.config;
            const QString problem = config.is_object() && config.value("problem_type", nlohmann::json()).is_string()
                                        ? QString::fromStdString(config["problem_type"].get<std::string>()) : QString();
            return metricMeaning(QString::fromStdString(s->run.task), problem, QString::fromStdString(s->best.metric));
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Id || index.column() == Duration) return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default: return {};
    }
}

QVariant RunsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Id: return tr("Id");
    case Name: return tr("Name");
    case Status: return tr("Status");
    case Task: return tr("Task");
    case BaseModel: return tr("Base model");
    case Dataset: return tr("Dataset");
    case BestMetric: return tr("Best metric");
    case Duration: return tr("Duration");
    case Tags: return tr("Tags");
    case Notes: return tr("Notes");
    default: return {};
    }
}

Qt::ItemFlags RunsTableModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == Name || index.column() == Tags || index.column() == Notes) f |= Qt::ItemIsEditable;
    return f;
}

bool RunsTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    const RunSummary* s = runAt(index.row());
    if (!s || role != Qt::EditRole) return false;
    store::RunUpdate update;
    const QString text = value.toString();
    switch (index.column()) {
    case Name:
        if (text.trimmed().isEmpty()) return false;  // a run keeps a name to be found by
        update.name = text.trimmed().toStdString();
        break;
    case Tags: update.tags = store::parseRunTags(text.toStdString()); break;
    case Notes: update.notes = text.toStdString(); break;
    default: return false;
    }
    emit runEdited(s->run.id, update);
    return true;
}

}  // namespace bw::gui
