#include "widgets/tokenizer/vocabulary_filter.h"

#include "widgets/tokenizer/vocabulary_model.h"

namespace bw::gui {

QString foldForSearch(const QString& text, bool strip_accents) {
    QString folded = text.toCaseFolded();
    if (!strip_accents) return folded;
    // As BERT's uncased normaliser: decompose, then drop the combining marks.
    const QString decomposed = folded.normalized(QString::NormalizationForm_D);
    folded.clear();
    for (const QChar c : decomposed)
        if (c.category() != QChar::Mark_NonSpacing) folded += c;
    return folded;
}

VocabularyFilter::VocabularyFilter(QObject* parent) : QSortFilterProxyModel(parent) {}

void VocabularyFilter::setQuery(const QString& query, bool strip_accents) {
    folded_query_ = foldForSearch(query, strip_accents);
    bool is_number = false;
    const int id = query.toInt(&is_number);
    id_ = is_number ? id : -1;
    invalidateFilter();
}

bool VocabularyFilter::startsWithQuery(int source_row) const {
    const QModelIndex token = sourceModel()->index(source_row, VocabularyModel::TokenColumn);
    return token.data(VocabularyModel::FoldedRole).toString().startsWith(folded_query_);
}

bool VocabularyFilter::filterAcceptsRow(int source_row, const QModelIndex&) const {
    return folded_query_.isEmpty() || source_row == id_ || startsWithQuery(source_row);
}

}  // namespace bw::gui
