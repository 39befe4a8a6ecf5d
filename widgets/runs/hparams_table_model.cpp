#include "widgets/runs/hparams_table_model.h"

#include "widgets/shared/chart_numbers.h"
#include "widgets/shared/metric_meaning.h"
#include "widgets/shared/metric_text.h"

#include <QFont>

namespace bw::gui {
namespace {

// Hyperparameters' floats to six significant digits as the charts write them ("1·10⁻⁵", "0.891");
// the CLI's csv and json keep every digit.
QString cellText(const nlohmann::json& value) {
    if (value.is_null()) return {};
    if (value.is_number_integer()) return QString::number(value.get<int64_t>());
    if (value.is_number()) return chartNumber(value.get<double>(), 6);
    if (value.is_string()) return QString::fromStdString(value.get<std::string>());
    return QString::fromStdString(value.dump());  // booleans, lists
}

QVariant sortValue(const nlohmann::json& value) {
    if (value.is_null()) return {};
    if (value.is_number()) return value.get<double>();
    return cellText(value);
}

}  // namespace

HParamsTableModel::HParamsTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void HParamsTableModel::setTable(train::HParamsTable table, QStringList labels, QStringList search) {
    beginResetModel();
    table_ = std::move(table);
    labels_ = std::move(labels);
    search_ = std::move(search);
    endResetModel();
}

int HParamsTableModel::rowOfRun(qint64 run_id) const {
    for (size_t r = 0; r < table_.rows.size(); ++r)
        if (table_.rows[r].run_id == run_id) return static_cast<int>(r);
    return -1;
}

int HParamsTableModel::columnOfHyperparameter(const QString& name) const {
    const int i = table_.hyperparameterIndex(name.toStdString());
    return i < 0 ? -1 : FirstValueColumn + i;
}

int HParamsTableModel::columnOfMetric(const QString& name) const {
    const int i = table_.metricIndex(name.toStdString());
    return i < 0 ? -1 : FirstValueColumn + static_cast<int>(table_.hyperparameters.size()) + i;
}

HParamsTableModel::ColumnKind HParamsTableModel::kindOf(int column) const {
    if (column < FirstValueColumn) return RunColumn;
    return column - FirstValueColumn < static_cast<int>(table_.hyperparameters.size()) ? HyperparameterColumn : MetricColumn;
}

bool HParamsTableModel::hyperparameterDiffers(int column) const {
    return kindOf(column) == HyperparameterColumn && table_.hyperparameters[column - FirstValueColumn].differs;
}

const nlohmann::json* HParamsTableModel::valueAt(int row, int column) const {
    const train::HParamsRow& r = table_.rows[row];
    const size_t i = static_cast<size_t>(column - FirstValueColumn);
    if (kindOf(column) == HyperparameterColumn) return &r.hyperparameters[i];
    if (kindOf(column) == MetricColumn) return &r.metrics[i - table_.hyperparameters.size()];
    return nullptr;
}

int HParamsTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(table_.rows.size());
}

int HParamsTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : FirstValueColumn + static_cast<int>(table_.hyperparameters.size() + table_.metrics.size());
}

QVariant HParamsTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const train::HParamsRow& row = table_.rows[index.row()];
    if (role == RunIdRole) return QVariant::fromValue<qint64>(row.run_id);
    if (index.column() == Run) {
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole) return labels_.value(index.row());
        if (role == SortRole) return QVariant::fromValue<qint64>(row.run_id);
        if (role == SearchRole) return search_.value(index.row());
        return {};
    }
    if (index.column() == Step) {
        if (role == Qt::DisplayRole) return row.step ? QString::number(*row.step) : QString();
        if (role == SortRole) return row.step ? QVariant(static_cast<double>(*row.step)) : QVariant();
        if (role == Qt::ToolTipRole && row.epoch) return tr("epoch %1").arg(*row.epoch, 0, 'f', 2);
        if (role == Qt::TextAlignmentRole) return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    const nlohmann::json* value = valueAt(index.row(), index.column());
    switch (role) {
        // A metric as every page shows one (0.2564, not 0.25641 beside 0.102041); a hyperparameter as the plot's axis.
        case Qt::DisplayRole:
            return kindOf(index.column()) == MetricColumn && value->is_number() && !value->is_number_integer()
                       ? metricValueText(value->get<double>())
                       : cellText(*value);
        case Qt::ToolTipRole: return value->is_null() ? QVariant() : QString::fromStdString(value->dump());  // every digit
        case SortRole: return sortValue(*value);
        case Qt::TextAlignmentRole:
            return value->is_number() ? int(Qt::AlignRight | Qt::AlignVCenter) : int(Qt::AlignLeft | Qt::AlignVCenter);
        default: return {};
    }
}

QString HParamsTableModel::metricTip(const QString& metric) const {
    // What the metric means for each task of these runs: "f1" and "accuracy" of a tagger are entity F1
    // and token accuracy beside a classifier's.
    const int task = table_.hyperparameterIndex("task"), problem = table_.hyperparameterIndex("problem_type");
    const auto text = [](const nlohmann::json* v) { return v && v->is_string() ? QString::fromStdString(v->get<std::string>()) : QString(); };
    QStringList tasks, meanings;
    for (const train::HParamsRow& row : table_.rows) {
        const QString name = text(task >= 0 ? &row.hyperparameters[static_cast<size_t>(task)] : nullptr);
        const QString meaning = metricMeaning(name, text(problem >= 0 ? &row.hyperparameters[static_cast<size_t>(problem)] : nullptr), metric);
        if (meaning.isEmpty() || meanings.contains(meaning)) continue;
        tasks << name;
        meanings << meaning;
    }
    const QString at = tr("At the evaluation the Step column names.");
    if (meanings.isEmpty()) return at;
    if (meanings.size() == 1) return tr("%1.").arg(meanings.front()) + QLatin1Char('\n') + at;
    QStringList lines{tr("Not the same measure for every run here:")};
    for (int i = 0; i < meanings.size(); ++i) lines << tr("• %1: %2.").arg(tasks[i], meanings[i]);
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n') + at;
}

QVariant HParamsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == KindRole) return kindOf(section);
    if (section == Run) return role == Qt::DisplayRole ? tr("Run") : QVariant();
    if (section == Step) {
        if (role == Qt::DisplayRole) return tr("Step");
        if (role == Qt::ToolTipRole) return tr("The step of the evaluation the metrics come from");
        return {};
    }
    const bool hyperparameter = kindOf(section) == HyperparameterColumn;
    const size_t i = static_cast<size_t>(section - FirstValueColumn);
    const train::HParamsColumn& column =
        hyperparameter ? table_.hyperparameters[i] : table_.metrics[i - table_.hyperparameters.size()];
    switch (role) {
        case Qt::DisplayRole: return QString::fromStdString(column.name);
        case Qt::ToolTipRole:
            return !hyperparameter  ? metricTip(QString::fromStdString(column.name))
                   : column.differs ? tr("Hyperparameter: differs between these runs")
                                    : tr("Hyperparameter: the same in every run");
        case Qt::FontRole: {
            // The settings a comparison is about stand out; metrics are set apart by italics.
            QFont font;
            font.setBold(hyperparameter && column.differs);
            font.setItalic(!hyperparameter);
            return font;
        }
        default: return {};
    }
}

HParamsFilter::HParamsFilter(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(HParamsTableModel::SortRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(-1);
}

void HParamsFilter::setOnlyDiffering(bool only) {
    only_differing_ = only;
    invalidateFilter();
}

bool HParamsFilter::filterAcceptsRow(int source_row, const QModelIndex& source_parent) const {
    if (QSortFilterProxyModel::filterAcceptsRow(source_row, source_parent)) return true;
    const QModelIndex run = sourceModel()->index(source_row, HParamsTableModel::Run, source_parent);
    return filterRegularExpression().match(run.data(HParamsTableModel::SearchRole).toString()).hasMatch();
}

bool HParamsFilter::filterAcceptsColumn(int source_column, const QModelIndex& source_parent) const {
    const auto* model = qobject_cast<const HParamsTableModel*>(sourceModel());
    if (!only_differing_ || !model || model->kindOf(source_column) != HParamsTableModel::HyperparameterColumn) return true;
    return model->hyperparameterDiffers(source_column);
}

bool HParamsFilter::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    const QVariant a = left.data(sortRole()), b = right.data(sortRole());
    // Empty cells last in either order: "less" sorts last when descending.
    if (!a.isValid() || !b.isValid()) {
        if (a.isValid() == b.isValid()) return false;
        return a.isValid() == (sortOrder() == Qt::AscendingOrder);
    }
    const bool a_number = a.typeId() == QMetaType::Double || a.typeId() == QMetaType::LongLong;
    const bool b_number = b.typeId() == QMetaType::Double || b.typeId() == QMetaType::LongLong;
    if (a_number && b_number) return a.toDouble() < b.toDouble();
    if (a_number != b_number) return a_number;  // numbers before text in a mixed column
    return a.toString().localeAwareCompare(b.toString()) < 0;
}

}  // namespace bw::gui
