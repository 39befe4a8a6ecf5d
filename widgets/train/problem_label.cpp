#include "widgets/train/problem_label.h"

namespace bw::gui {

ProblemLabel::ProblemLabel(QWidget* parent) : QLabel(parent) {
    setObjectName(QStringLiteral("problemLabel"));
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setStyleSheet(QStringLiteral("color: #b00020;"));  // the error colour of the other pages
    setVisible(false);
}

void ProblemLabel::setProblem(const QString& text) {
    setText(text);
    setVisible(!text.isEmpty());
}

}  // namespace bw::gui
