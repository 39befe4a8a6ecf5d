#pragma once
// How a page plugs into the main window: the window knows pages only through this description,
// so a new page is one entry in app/gui/pages.cpp and no change to the window.
#include <QIcon>
#include <QString>

#include <functional>

class QWidget;

namespace bw::gui {

class Workspace;

struct PageInfo {
    QString id;     // stable name for --page, settings and tests: "data", "tokenizer", ...
    QString title;  // translated, shown in the sidebar and the View menu
    QIcon icon;
    std::function<QWidget*(Workspace&, QWidget* parent)> create;
};

}  // namespace bw::gui
