#include "widgets/tokenizer/vocabulary_model.h"

#include "core/text/vocab.h"
#include "widgets/tokenizer/vocabulary_filter.h"

namespace bw::gui {

VocabularyModel::VocabularyModel(QObject* parent) : QAbstractTableModel(parent) {}

void VocabularyModel::setVocabulary(const text::Vocab* vocab, bool strip_accents) {
    beginResetModel();
    tokens_.clear();
    folded_.clear();
    if (vocab) {
        tokens_.reserve(static_cast<qsizetype>(vocab->size()));
        folded_.reserve(static_cast<qsizetype>(vocab->size()));
        for (const std::string& token : vocab->tokens()) {
            tokens_.append(QString::fromStdString(token));
            folded_.append(foldForSearch(tokens_.back(), strip_accents));
        }
    }
    endResetModel();
}

int VocabularyModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(tokens_.size());
}

int VocabularyModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant VocabularyModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    if (role == FoldedRole) return folded_[index.row()];
    if (role == Qt::DisplayRole) return index.column() == TokenColumn ? QVariant(tokens_[index.row()]) : QVariant(index.row());
    if (role == Qt::TextAlignmentRole && index.column() == IdColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant VocabularyModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return section == TokenColumn ? tr("Token") : tr("Id");
}

}  // namespace bw::gui
