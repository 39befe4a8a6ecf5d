#include "widgets/tokenizer/token_chip_view.h"

#include "widgets/tokenizer/flow_layout.h"
#include "widgets/tokenizer/token_chip.h"

#include <QMap>
#include <QPainter>

#include <algorithm>

namespace bw::gui {
namespace {

constexpr int kUnderline = 5;  // room under a word's pieces for the line that joins them

// The chips of one word; draws a line under them when the word was split into several pieces. A word
// wider than the view (a URL, a long compound) wraps inside itself, instead of widening the view and
// every line of chips with it.
class WordGroup : public QWidget {
public:
    explicit WordGroup(QWidget* parent) : QWidget(parent) {
        layout_ = new FlowLayout(this, 2, kUnderline + 3);
        layout_->setContentsMargins(0, 0, 0, kUnderline);
    }
    void add(TokenChip* chip) { layout_->addWidget(chip); }
    // On one line where it fits (the flow layout's own hint is its narrowest chip).
    QSize sizeHint() const override {
        int width = 0, height = 0;
        for (int i = 0; i < layout_->count(); ++i) {
            const QSize chip = layout_->itemAt(i)->sizeHint();
            width += chip.width() + (i > 0 ? 2 : 0);
            height = std::max(height, chip.height());
        }
        return {width, height + kUnderline};
    }

protected:
    void paintEvent(QPaintEvent*) override {
        if (layout_->count() < 2) return;
        QPainter painter(this);
        painter.setPen(QPen(palette().color(QPalette::Mid), 2, Qt::SolidLine, Qt::RoundCap));
        // A line under each row the pieces take.
        QMap<int, std::pair<int, int>> rows;  // bottom → left and right
        for (int i = 0; i < layout_->count(); ++i) {
            const QRect chip = layout_->itemAt(i)->geometry();
            auto it = rows.find(chip.bottom());
            if (it == rows.end()) rows.insert(chip.bottom(), {chip.left(), chip.right()});
            else *it = {std::min(it->first, chip.left()), std::max(it->second, chip.right())};
        }
        for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
            const int y = it.key() + 1 + kUnderline / 2;
            painter.drawLine(it->first + 4, y, it->second - 3, y);
        }
    }

private:
    FlowLayout* layout_;
};

ChipToken chipToken(const text::Encoding& encoding, size_t i, int unk_id) {
    ChipToken token;
    token.index = static_cast<int>(i);
    token.text = QString::fromStdString(encoding.tokens[i]);
    token.id = encoding.ids[i];
    token.type_id = encoding.type_ids[i];
    if (encoding.special_tokens_mask[i])
        token.kind = ChipToken::Kind::Special;
    else if (encoding.ids[i] == unk_id)
        token.kind = ChipToken::Kind::Unknown;
    return token;
}

bool sameWord(const text::Encoding& encoding, size_t a, size_t b) {
    return encoding.word_ids[a] >= 0 && encoding.word_ids[a] == encoding.word_ids[b] &&
           encoding.sequence_ids[a] == encoding.sequence_ids[b];
}

QString tooltip(const text::Encoding& encoding, size_t i) {
    const text::Offset& o = encoding.offsets[i];
    QString tip = TokenChipView::tr("“%1”: id %2, type id %3")
                      .arg(QString::fromStdString(encoding.tokens[i]))
                      .arg(encoding.ids[i])
                      .arg(encoding.type_ids[i]);
    if (encoding.special_tokens_mask[i])
        tip += QLatin1Char('\n') + TokenChipView::tr("Added by the tokenizer");
    else {
        // Counted from 1, as people count, and inclusive: the offsets are 0-based and end-exclusive
        // (a lone first character read "Characters 0–1 …, word 0").
        const QString text = encoding.sequence_ids[i] == 1 ? TokenChipView::tr("second") : TokenChipView::tr("first");
        const QString characters = o.end - o.start <= 1
                                       ? TokenChipView::tr("Character %1 of the %2 text").arg(o.start + 1).arg(text)
                                       : TokenChipView::tr("Characters %1–%2 of the %3 text").arg(o.start + 1).arg(o.end).arg(text);
        tip += QLatin1Char('\n') + TokenChipView::tr("%1, word %2").arg(characters).arg(encoding.word_ids[i] + 1);
    }
    return tip;
}

}  // namespace

TokenChipView::TokenChipView(QWidget* parent) : QWidget(parent) {
    flow_ = new FlowLayout(this, 10, 8);
    flow_->setContentsMargins(8, 8, 8, 8);
}

void TokenChipView::clear() {
    qDeleteAll(groups_);
    groups_.clear();
    chips_.clear();
    highlighted_ = -1;
}

void TokenChipView::setEncoding(const text::Encoding& encoding, int unk_id, const QStringList& originals) {
    clear();
    WordGroup* group = nullptr;
    for (size_t i = 0; i < encoding.size(); ++i) {
        if (!group || !sameWord(encoding, i - 1, i)) {
            group = new WordGroup(this);
            groups_.append(group);
            flow_->addWidget(group);
        }
        auto* chip = new TokenChip(chipToken(encoding, i, unk_id), group);
        QString tip = tooltip(encoding, i);
        // What an [UNK] stands for: the chip shows only "[UNK]".
        if (chip->token().kind == ChipToken::Kind::Unknown && static_cast<qsizetype>(i) < originals.size() &&
            !originals[static_cast<qsizetype>(i)].isEmpty())
            tip.insert(tip.indexOf(QLatin1Char('\n')),  // under the first line
                       QLatin1Char('\n') + tr("In the text: “%1”, which the vocabulary cannot spell").arg(originals[static_cast<qsizetype>(i)]));
        chip->setToolTip(tip);
        connect(chip, &TokenChip::hovered, this, &TokenChipView::tokenHovered);
        group->add(chip);
        chips_.append(chip);
    }
    for (QWidget* g : groups_) g->show();
    updateGeometry();
}

void TokenChipView::setHighlighted(int index) {
    if (index == highlighted_) return;
    if (highlighted_ >= 0 && highlighted_ < chips_.size()) chips_[highlighted_]->setHighlighted(false);
    highlighted_ = index >= 0 && index < chips_.size() ? index : -1;
    if (highlighted_ >= 0) chips_[highlighted_]->setHighlighted(true);
}

}  // namespace bw::gui
