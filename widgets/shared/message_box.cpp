#include "widgets/shared/message_box.h"

#include <QFontMetrics>
#include <QGridLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QMessageBox>
#include <QRegularExpression>
#include <QScreen>
#include <QSpacerItem>

#include <algorithm>

namespace bw::gui {
namespace {

// The widest QMessageBox lets itself become before it wraps inside words (its "hard limit").
int widestBox(const QWidget* parent) {
    const QScreen* screen = parent && parent->screen() ? parent->screen() : QGuiApplication::primaryScreen();
    const int width = screen ? screen->availableGeometry().width() : 1024;
    return width <= 1024 ? width : std::min(width - 480, 1000);
}

// Widens the box until the longest word of its text fits on one line (call it once the box has its
// text and icon: setting those rebuilds its layout).
void fitLongestWord(QMessageBox& box) {
    box.setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* grid = qobject_cast<QGridLayout*>(box.layout());
    auto* label = box.findChild<QLabel*>(QStringLiteral("qt_msgbox_label"));
    if (!grid || !label) return;
    const QFontMetrics metrics(label->font());
    int longest = 0;
    for (const QString& word : box.text().split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts))
        longest = std::max(longest, metrics.horizontalAdvance(word));
    int row = 0, column = 0, row_span = 0, column_span = 0;
    grid->getItemPosition(grid->indexOf(label), &row, &column, &row_span, &column_span);
    // The icon's column and the margins take the rest of the box's width.
    const int room = widestBox(box.parentWidget()) - (box.sizeHint().width() - label->sizeHint().width());
    const int wanted = std::min(longest + 2, room);
    if (wanted <= 0) return;
    // An empty row under the text, as wide as the longest word: the text's column is at least that wide.
    grid->addItem(new QSpacerItem(wanted, 0, QSizePolicy::Fixed, QSizePolicy::Fixed), grid->rowCount(), column);
}

}  // namespace

void showWarning(QWidget* parent, const QString& title, const QString& text) {
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Ok, parent);
    fitLongestWord(box);
    box.exec();
}

bool askYesNo(QWidget* parent, const QString& title, const QString& text) {
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::No, parent);
    fitLongestWord(box);
    return box.exec() == QMessageBox::Yes;
}

}  // namespace bw::gui
