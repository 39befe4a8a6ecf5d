#pragma once
// One attention matrix as a heatmap under its title: query tokens down the left, key tokens along
// the bottom, a colour scale, and a tooltip naming both tokens and the weight under the pointer. Where the
// cells are smaller than a label, the labels get smaller first (down to kSmallestLabelScale of the
// widget's font), so that a sentence pair keeps every token named; longer inputs then label only every
// n-th token, as many as fit without overlapping; the tooltip still names each.
#include "widgets/attention/attention_math.h"

#include <QStringList>
#include <qcustomplot.h>

namespace bw::gui {

class AttentionHeatmap : public QCustomPlot {
    Q_OBJECT
public:
    enum class Scale { Weights, Difference };

    explicit AttentionHeatmap(QWidget* parent = nullptr);

    // `tokens` label both axes (matrix.size of them). `segments`, for a sentence pair: each token's
    // type id (0 for sentence A, 1 for B); a dashed line then parts the two on both axes, "A" and "B"
    // stand over the columns, and the tooltip names each token's sentence.
    void setMatrix(const AttentionMatrix& matrix, const QStringList& tokens, Scale scale,
                   const std::vector<int>& segments = {});
    void clearMatrix();
    // The line above the heatmap, in the window and in a saved image (what the matrix is of).
    void setTitle(const QString& title);
    QString title() const;
    QCPTextElement* titleElement() const { return title_; }
    const AttentionMatrix& matrix() const { return matrix_; }
    QCPColorMap* colorMap() const { return map_; }
    // The text of the tooltip for the cell at (row, column).
    QString describeCell(int row, int column) const;
    // Every how many tokens an axis is labelled (1: all).
    int tickStep() const { return tick_step_; }
    // The first token of sentence B, -1 when the input is one text.
    int secondSentenceStart() const { return second_start_; }
    const std::vector<QCPAbstractItem*>& sentenceMarks() const { return sentence_marks_; }

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void showCellTip(QMouseEvent* event);
    void fitTickLabels();
    void setTicks(int step);
    void setTickLabelScale(double scale);  // of the widget's font, on both axes
    void markSentences();

    QCPColorMap* map_;
    QCPColorScale* scale_;
    QCPTextElement* title_;
    AttentionMatrix matrix_;
    QStringList tokens_;
    std::vector<int> segments_;
    int second_start_ = -1;
    std::vector<QCPAbstractItem*> sentence_marks_;  // owned by the plot
    Scale kind_ = Scale::Weights;
    int tick_step_ = 1;
    double label_scale_ = 1.0;  // only shrinks between two setMatrix() or resizes, so the layout settles
};

}  // namespace bw::gui
