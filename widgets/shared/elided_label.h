#pragma once
// A one-line label for text of any length in a header or toolbar: it shows as much as its width
// allows, ending in "…", and the whole text in its tooltip. Its size hint asks for the whole text,
// its minimum for a few characters, so a long status never widens the window.
#include <QLabel>

namespace bw::gui {

class ElidedLabel : public QLabel {
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget* parent = nullptr);

    void setFullText(const QString& text);
    QString fullText() const { return full_text_; }

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateElision();

    QString full_text_;
};

}  // namespace bw::gui
