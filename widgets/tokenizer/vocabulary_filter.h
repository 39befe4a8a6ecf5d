#pragma once
// Which vocabulary rows a search shows: the tokens that start with the query, compared as the
// tokenizer compares text (case folded, and without accents for an uncased vocabulary, so "Müll"
// finds "muller"), plus the row whose id the query is.
#include <QSortFilterProxyModel>
#include <QString>

namespace bw::gui {

// The form tokens and queries are compared in.
QString foldForSearch(const QString& text, bool strip_accents);

class VocabularyFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit VocabularyFilter(QObject* parent = nullptr);

    // An empty query shows every row. Call after the source model's tokens were set.
    void setQuery(const QString& query, bool strip_accents);
    // Whether the token in that row starts with the query (not only shown for its id).
    bool startsWithQuery(int source_row) const;

protected:
    bool filterAcceptsRow(int source_row, const QModelIndex& source_parent) const override;

private:
    QString folded_query_;
    int id_ = -1;  // the row the query names as a number, -1 when it is none
};

}  // namespace bw::gui
