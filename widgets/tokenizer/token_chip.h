#pragma once
// One token drawn as a chip: the piece on top, its id and type id below. Special tokens and
// [UNK] have their own looks; the second text's tokens a different tint.
#include <QString>
#include <QWidget>

namespace bw::gui {

struct ChipToken {
    enum class Kind { Piece, Special, Unknown };
    int index = 0;  // position in the encoding
    QString text;
    int id = 0;
    int type_id = 0;
    Kind kind = Kind::Piece;
};

class TokenChip : public QWidget {
    Q_OBJECT
public:
    TokenChip(const ChipToken& token, QWidget* parent = nullptr);

    const ChipToken& token() const { return token_; }
    bool isHighlighted() const { return highlighted_; }
    void setHighlighted(bool on);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

signals:
    void hovered(int index);  // -1 when the pointer leaves

protected:
    void paintEvent(QPaintEvent* event) override;
    void enterEvent(QEnterEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    QFont metaFont() const;

    ChipToken token_;
    bool highlighted_ = false;
};

}  // namespace bw::gui
