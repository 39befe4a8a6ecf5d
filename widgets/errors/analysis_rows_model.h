#pragma once
// The rows of an error analysis as a table: the text, the gold answer and the model's (for tagging,
// the gold and predicted entities side by side), its confidence and its loss. Which rows and in
// which order is a train::RowSelection (the rule `bertwork-cli analyses rows` follows too).
#include "core/store/store_records.h"
#include "core/train/error_analysis.h"

#include <QAbstractTableModel>
#include <QColor>

#include <utility>
#include <vector>

namespace bw::gui {

class AnalysisRowsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { RowColumn, TextColumn, GoldColumn, PredictedColumn, ConfidenceColumn, LossColumn, ColumnCount };
    // Tagging, on the Gold and Predicted columns: the entities in sentence order, each a QVariantList
    // {text, matched}: matched when both sides have it (seqeval's true positives), else missed (gold)
    // or invented (predicted). EntitySpansDelegate draws the unmatched ones in red.
    static constexpr int EntitySpansRole = Qt::UserRole + 20;
    // What is wrong in the table (a prediction, an entity) is drawn in this colour.
    static QColor wrongColour() { return QColor(0xc6, 0x28, 0x28); }

    explicit AnalysisRowsModel(QObject* parent = nullptr);

    void setAnalysis(const store::AnalysisRecord& analysis, std::vector<store::AnalysisRow> rows);
    void clear();
    void setSelection(const train::RowSelection& selection);
    const train::RowSelection& selection() const { return selection_; }

    const store::AnalysisRecord& analysis() const { return analysis_; }
    const std::vector<store::AnalysisRow>& allRows() const { return rows_; }
    // The row shown at `index` (null when out of range).
    const store::AnalysisRow* rowAt(int index) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Where the row is: "12" (its line of the dataset file), long: "Line 12 of the file (row 10 of
    // the split)"; "row 10" for an analysis stored before lines were kept.
    static QString lineText(const store::AnalysisRow& row, bool long_form);

private:
    QString goldText(const store::AnalysisRow& row) const;
    QString predictedText(const store::AnalysisRow& row) const;
    std::vector<std::pair<train::EntitySpan, bool>> sideOf(const store::AnalysisRow& row, bool gold) const;
    QString entitiesOf(const store::AnalysisRow& row, bool gold) const;
    QVariantList entitySpansOf(const store::AnalysisRow& row, bool gold) const;

    store::AnalysisRecord analysis_;
    std::vector<store::AnalysisRow> rows_;
    std::vector<size_t> shown_;
    train::RowSelection selection_;
};

// "PER John · LOC New York" (tagging), "—" for none.
QString entitiesText(const std::vector<train::EntitySpan>& spans);

}  // namespace bw::gui
