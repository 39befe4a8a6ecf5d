#pragma once
// A tokenizer's vocabulary as a table: token and id, one row per id; each token also in the
// folded form searches compare (FoldedRole), computed once per vocabulary.
#include <QAbstractTableModel>
#include <QStringList>

namespace bw::text {
class Vocab;
}

namespace bw::gui {

class VocabularyModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TokenColumn, IdColumn, ColumnCount };
    static constexpr int FoldedRole = Qt::UserRole;

    explicit VocabularyModel(QObject* parent = nullptr);
    // null: empty. strip_accents: the vocabulary is uncased, its search ignores accents too.
    void setVocabulary(const text::Vocab* vocab, bool strip_accents);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QStringList tokens_;
    QStringList folded_;
};

}  // namespace bw::gui
