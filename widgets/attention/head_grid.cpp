#include "widgets/attention/head_grid.h"

#include "widgets/attention/attention_colors.h"

#include <QGridLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>

#include <functional>

namespace bw::gui {

constexpr int kThumbnailSize = 56;

// One head's matrix, drawn one pixel per cell and scaled up without smoothing.
class HeadThumbnail : public QWidget {
public:
    HeadThumbnail(const AttentionMatrix& matrix, int layer, int head, QWidget* parent)
        : QWidget(parent), layer_(layer), head_(head) {
        setFixedSize(kThumbnailSize, kThumbnailSize);
        setCursor(Qt::PointingHandCursor);
        setToolTip(HeadGrid::tr("Layer %1, head %2: click to enlarge").arg(layer + 1).arg(head + 1));
        image_ = QImage(std::max(matrix.size, 1), std::max(matrix.size, 1), QImage::Format_RGB32);
        image_.fill(palette().color(QPalette::Base));
        QCPColorGradient gradient = weightGradient();  // color() is not const: it caches its lookup table
        float top = 0;
        for (float v : matrix.values) top = std::max(top, v);
        const QCPRange range(0, top > 0 ? top : 1);
        for (int r = 0; r < matrix.size; ++r)
            for (int c = 0; c < matrix.size; ++c)
                image_.setPixel(c, r, gradient.color(matrix.at(r, c), range));
    }
    int layer() const { return layer_; }
    int head() const { return head_; }
    void setSelected(bool on) {
        selected_ = on;
        update();
    }
    std::function<void(int, int)> clicked;

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter painter(this);
        painter.drawImage(rect().adjusted(3, 3, -3, -3), image_);
        if (selected_) {
            painter.setPen(QPen(palette().color(QPalette::Highlight), 3));
            painter.drawRect(rect().adjusted(1, 1, -2, -2));
        }
    }
    void mouseReleaseEvent(QMouseEvent* event) override {
        if (event->button() == Qt::LeftButton && rect().contains(event->pos()) && clicked) clicked(layer_, head_);
    }

private:
    QImage image_;
    int layer_, head_;
    bool selected_ = false;
};

HeadGrid::HeadGrid(QWidget* parent) : QWidget(parent) {
    grid_ = new QGridLayout(this);
    grid_->setSpacing(2);
    grid_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
}

void HeadGrid::clear() {
    qDeleteAll(cells_);
    cells_.clear();
    thumbnails_.clear();
}

void HeadGrid::setAttention(const AttentionStack& stack, const std::vector<bool>& keep) {
    clear();
    for (int h = 0; h < stack.heads(); ++h) {
        auto* label = new QLabel(tr("H%1").arg(h + 1), this);
        label->setAlignment(Qt::AlignCenter);
        grid_->addWidget(label, 0, h + 1);
        cells_ << label;
    }
    for (int l = 0; l < stack.layers(); ++l) {
        auto* label = new QLabel(tr("L%1").arg(l + 1), this);
        grid_->addWidget(label, l + 1, 0);
        cells_ << label;
        for (int h = 0; h < stack.heads(); ++h) {
            auto* thumbnail = new HeadThumbnail(keepTokens(stack.head(l, h), keep), l, h, this);
            thumbnail->clicked = [this](int layer, int head) { emit headClicked(layer, head); };
            grid_->addWidget(thumbnail, l + 1, h + 1);
            cells_ << thumbnail;
            thumbnails_ << thumbnail;
        }
    }
}

int HeadGrid::rowWidth() const {
    int heads = 0;
    for (HeadThumbnail* t : thumbnails_) heads = std::max(heads, t->head() + 1);
    const QMargins m = grid_->contentsMargins();
    const int label = fontMetrics().horizontalAdvance(tr("L%1").arg(99)) + grid_->horizontalSpacing();
    return m.left() + m.right() + label + heads * (kThumbnailSize + grid_->horizontalSpacing());
}

void HeadGrid::setSelected(int layer, int head) {
    for (HeadThumbnail* t : thumbnails_) t->setSelected(t->layer() == layer && t->head() == head);
}

}  // namespace bw::gui
