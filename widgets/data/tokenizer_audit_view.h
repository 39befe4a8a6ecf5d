#pragma once
// How well the model's vocabulary covers a split: the share of pieces that are [UNK], pieces per
// word (high = the vocabulary splits this text finely), and the words that became [UNK] most often.
#include <QWidget>

class QLabel;
class QTableWidget;

namespace bw::data {
struct DatasetStatistics;
}

namespace bw::gui {

class TokenizerAuditView : public QWidget {
    Q_OBJECT
public:
    explicit TokenizerAuditView(QWidget* parent = nullptr);

    void setStatistics(const data::DatasetStatistics& stats);
    void clear();

private:
    QLabel* unk_rate_;
    QLabel* pieces_per_word_;
    QLabel* no_unknown_words_;
    QTableWidget* unknown_words_;
};

}  // namespace bw::gui
