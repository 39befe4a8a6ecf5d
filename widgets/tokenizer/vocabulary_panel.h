#pragma once
// Looks things up in the vocabulary: a token gives its id, a number gives the token with that id,
// and every token starting with what was typed is listed.
#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace bw::text {
class Vocab;
}

namespace bw::gui {

class VocabularyModel;

class VocabularyPanel : public QWidget {
    Q_OBJECT
public:
    explicit VocabularyPanel(QWidget* parent = nullptr);
    // The vocabulary must outlive the panel's use of it (the page keeps its pipeline alive).
    void setVocabulary(const text::Vocab* vocab);
    void search(const QString& query);

    QString answer() const;                  // the line under the search box
    int matchCount() const;                  // rows of the prefix list
    QString matchAt(int row) const;          // token in that row

private:
    void lookUp();

    const text::Vocab* vocab_ = nullptr;
    QLineEdit* query_;
    QLabel* answer_;
    VocabularyModel* model_;
    QSortFilterProxyModel* matches_;
    QTableView* view_;
};

}  // namespace bw::gui
