#pragma once
// A dataset split's name as the window says it ("train", "validation", "test", translated), for
// the wizard's task page and the Errors page; any other name as it is.
#include <QString>

#include <string>

namespace bw::gui {

QString splitTitle(const std::string& split);

}  // namespace bw::gui
