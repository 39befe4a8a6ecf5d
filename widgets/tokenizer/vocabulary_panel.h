#pragma once
// Looks things up in the vocabulary: a token gives its id, a number gives the token with that id,
// and the list shows that token and every token starting with what was typed (ignoring case, and
// accents too for an uncased vocabulary).
#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;

namespace bw::text {
class Vocab;
}

namespace bw::gui {

class VocabularyFilter;
class VocabularyModel;

class VocabularyPanel : public QWidget {
    Q_OBJECT
public:
    explicit VocabularyPanel(QWidget* parent = nullptr);
    // The vocabulary must outlive the panel's use of it (the page keeps its pipeline alive).
    // strip_accents: the tokenizer strips accents (uncased BERT), so the search does too.
    void setVocabulary(const text::Vocab* vocab, bool strip_accents = false);
    void search(const QString& query);

    QString answer() const;                  // the line under the search box
    int matchCount() const;                  // rows of the prefix list
    QString matchAt(int row) const;          // token in that row

private:
    void lookUp();

    const text::Vocab* vocab_ = nullptr;
    bool strip_accents_ = false;
    QLineEdit* query_;
    QLabel* answer_;
    VocabularyModel* model_;
    VocabularyFilter* matches_;
    QTableView* view_;
};

}  // namespace bw::gui
