#pragma once
// Every head of every layer as a small heatmap, layers down, heads across; click one to see it
// large.
#include "widgets/attention/attention_math.h"

#include <QList>
#include <QWidget>

class QGridLayout;

namespace bw::gui {

class HeadThumbnail;

class HeadGrid : public QWidget {
    Q_OBJECT
public:
    explicit HeadGrid(QWidget* parent = nullptr);

    // Draws the heads of `stack` with the tokens whose `keep` flag is set.
    void setAttention(const AttentionStack& stack, const std::vector<bool>& keep);
    void clear();
    void setSelected(int layer, int head);  // -1, -1: none
    int thumbnailCount() const { return static_cast<int>(thumbnails_.size()); }
    // The width that shows one layer's heads side by side.
    int rowWidth() const;

signals:
    void headClicked(int layer, int head);

private:
    QGridLayout* grid_;
    QList<QWidget*> cells_;  // thumbnails and labels, rebuilt with each stack
    QList<HeadThumbnail*> thumbnails_;
};

}  // namespace bw::gui
