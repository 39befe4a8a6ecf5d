#pragma once
// Warnings and questions whose text may name a file. QMessageBox wraps its text at about 500 px and
// may break a path after any '/', so ".../checkpoints/" ends one line and "checkpoint-500" starts the
// next. These widen the box, as far as the screen allows, until the longest word of the text (a path,
// as a rule) fits on one line, and let the text be selected, so that a path can be copied.
#include <QString>

class QWidget;

namespace bw::gui {

void showWarning(QWidget* parent, const QString& title, const QString& text);
// Yes or No, as QMessageBox::question asks.
bool askYesNo(QWidget* parent, const QString& title, const QString& text);

}  // namespace bw::gui
