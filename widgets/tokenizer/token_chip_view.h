#pragma once
// An encoding drawn as chips that wrap like text. The pieces of one word sit together, joined by
// a line underneath; words are separated by wider gaps.
#include "core/text/encoding.h"

#include <QList>
#include <QStringList>
#include <QWidget>

namespace bw::gui {

class FlowLayout;
class TokenChip;

class TokenChipView : public QWidget {
    Q_OBJECT
public:
    explicit TokenChipView(QWidget* parent = nullptr);

    // `unk_id`: the vocabulary's [UNK] id, drawn in its own style.
    // `originals[i]`: the text token i came from, named in an [UNK] chip's tooltip ("" or missing: none).
    void setEncoding(const text::Encoding& encoding, int unk_id, const QStringList& originals = {});
    const QList<TokenChip*>& chips() const { return chips_; }
    void setHighlighted(int index);  // -1: none
    int highlighted() const { return highlighted_; }

signals:
    void tokenHovered(int index);  // -1 when the pointer leaves a chip

private:
    void clear();

    FlowLayout* flow_;
    QList<TokenChip*> chips_;
    QList<QWidget*> groups_;
    int highlighted_ = -1;
};

}  // namespace bw::gui
