#pragma once
// What a page keeps when the window makes its pages again (another language or theme): a selection,
// a filter, a sort. The window asks each page that has one for its view state before, and hands it to
// the page made in its place after. A switch to Chinese once reset the Data page's dataset and the
// Errors page's "Only wrong rows", sort and positive class.
#include <QVariantMap>

namespace bw::gui {

class PageState {
public:
    virtual ~PageState() = default;
    virtual QVariantMap viewState() const = 0;
    // Whatever of it still applies (a dataset deleted meanwhile is skipped).
    virtual void restoreViewState(const QVariantMap& state) = 0;
};

}  // namespace bw::gui
