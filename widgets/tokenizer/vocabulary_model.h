#pragma once
// A tokenizer's vocabulary as a table: token and id, one row per id.
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

    explicit VocabularyModel(QObject* parent = nullptr);
    void setVocabulary(const text::Vocab* vocab);  // null: empty

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QStringList tokens_;
};

}  // namespace bw::gui
