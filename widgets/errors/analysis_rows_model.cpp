#include "widgets/errors/analysis_rows_model.h"

#include "widgets/shared/row_place_text.h"

#include <QBrush>
#include <QColor>
#include <QStringList>

#include <algorithm>

namespace bw::gui {
namespace {

bool isTagging(const store::AnalysisRecord& a) { return a.task == "token-classification"; }

QString labelsText(const store::AnalysisRecord& analysis, const std::vector<int32_t>& ids) {
    QStringList names;
    for (int32_t id : ids) names << QString::fromStdString(train::labelName(analysis, id));
    return names.join(QStringLiteral(" | "));
}

QString numbersText(const std::vector<float>& values) {
    QStringList parts;
    for (float v : values) parts << QString::number(static_cast<double>(v), 'f', 3);  // as the Loss column
    return parts.join(QLatin1Char(' '));
}

}  // namespace

QString entitiesText(const std::vector<train::EntitySpan>& spans) {
    if (spans.empty()) return QStringLiteral("—");  // none, rather than a cell that looks unfilled
    QStringList parts;
    for (const train::EntitySpan& s : spans) parts << QString::fromStdString(s.type + " " + s.text);
    return parts.join(QStringLiteral(" · "));
}

AnalysisRowsModel::AnalysisRowsModel(QObject* parent) : QAbstractTableModel(parent) { selection_.wrong_only = true; }

void AnalysisRowsModel::setAnalysis(const store::AnalysisRecord& analysis, std::vector<store::AnalysisRow> rows) {
    beginResetModel();
    analysis_ = analysis;
    rows_ = std::move(rows);
    shown_ = train::selectRows(rows_, selection_);
    endResetModel();
}

void AnalysisRowsModel::clear() { setAnalysis({}, {}); }

void AnalysisRowsModel::setSelection(const train::RowSelection& selection) {
    beginResetModel();
    selection_ = selection;
    shown_ = train::selectRows(rows_, selection_);
    endResetModel();
}

const store::AnalysisRow* AnalysisRowsModel::rowAt(int index) const {
    if (index < 0 || static_cast<size_t>(index) >= shown_.size()) return nullptr;
    return &rows_[shown_[static_cast<size_t>(index)]];
}

int AnalysisRowsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(shown_.size()); }
int AnalysisRowsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

// One side's entities in sentence order, each marked matched (both sides have it) or not (only
// this side has it: missed for gold, invented for the prediction).
std::vector<std::pair<train::EntitySpan, bool>> AnalysisRowsModel::sideOf(const store::AnalysisRow& row, bool gold) const {
    const train::EntityDiff diff = train::entityDiff(row, analysis_.labels);
    std::vector<std::pair<train::EntitySpan, bool>> spans;
    for (const train::EntitySpan& s : diff.found) spans.emplace_back(s, true);
    for (const train::EntitySpan& s : gold ? diff.missed : diff.invented) spans.emplace_back(s, false);
    std::stable_sort(spans.begin(), spans.end(), [](const auto& a, const auto& b) { return a.first.start < b.first.start; });
    return spans;
}

QString AnalysisRowsModel::entitiesOf(const store::AnalysisRow& row, bool gold) const {
    std::vector<train::EntitySpan> spans;
    for (const auto& [span, matched] : sideOf(row, gold)) spans.push_back(span);
    return entitiesText(spans);
}

QVariantList AnalysisRowsModel::entitySpansOf(const store::AnalysisRow& row, bool gold) const {
    QVariantList list;
    for (const auto& [span, matched] : sideOf(row, gold))
        list << QVariant(QVariantList{QString::fromStdString(span.type + " " + span.text), matched});
    return list;
}

QString AnalysisRowsModel::goldText(const store::AnalysisRow& row) const {
    if (row.gold) return QString::fromStdString(train::labelName(analysis_, *row.gold));
    if (isTagging(analysis_)) return entitiesOf(row, true);
    if (!row.targets.empty()) return numbersText(row.targets);
    return labelsText(analysis_, row.gold_ids);
}

QString AnalysisRowsModel::predictedText(const store::AnalysisRow& row) const {
    if (row.predicted) return QString::fromStdString(train::labelName(analysis_, *row.predicted));
    if (isTagging(analysis_)) return entitiesOf(row, false);
    if (!row.targets.empty()) return numbersText(row.scores);
    return labelsText(analysis_, row.predicted_ids);
}

// The line of the file, where to find the row; an analysis stored before lines were kept gives the
// row's place in the split instead.
QString AnalysisRowsModel::lineText(const store::AnalysisRow& row, bool long_form) {
    if (row.source_line == 0) return tr("row %1").arg(row.row_index);
    if (!long_form) return QString::number(row.source_line);
    return rowPlaceText(row.source_line, row.row_index);
}

QVariant AnalysisRowsModel::data(const QModelIndex& index, int role) const {
    const store::AnalysisRow* row = rowAt(index.row());
    if (!row) return {};
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case RowColumn: return lineText(*row, role == Qt::ToolTipRole);
        case TextColumn: {
            QString text = QString::fromStdString(row->text);
            if (row->text_pair) text += QStringLiteral("  ‖  ") + QString::fromStdString(*row->text_pair);
            return text;
        }
        case GoldColumn: return goldText(*row);
        case PredictedColumn: return predictedText(*row);
        case ConfidenceColumn: return QString::number(row->confidence, 'f', 3);
        case LossColumn: return QString::number(row->loss, 'f', 3);
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == RowColumn || index.column() >= ConfidenceColumn))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    const bool entity_column = index.column() == GoldColumn || index.column() == PredictedColumn;
    if (role == EntitySpansRole && entity_column && isTagging(analysis_))
        return entitySpansOf(*row, index.column() == GoldColumn);
    if (role == Qt::ForegroundRole && index.column() == PredictedColumn && row->isWrong() && !isTagging(analysis_))
        return QBrush(wrongColour());
    return {};
}

QVariant AnalysisRowsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    const bool tagging = isTagging(analysis_);
    switch (section) {
    case RowColumn: return tr("Line");
    case TextColumn: return tr("Text");
    case GoldColumn: return tagging ? tr("Gold entities") : tr("Gold");
    case PredictedColumn: return tagging ? tr("Predicted entities") : tr("Predicted");
    case ConfidenceColumn: return tr("Confidence");
    case LossColumn: return tr("Loss");
    default: return {};
    }
}

}  // namespace bw::gui
