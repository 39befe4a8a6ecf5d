#pragma once
// A dataset split's name as the window says it ("train", "validation", "test", translated), for
// the wizard's task page and the Errors page; any other name as it is.
#include <QString>

#include <array>
#include <string>

namespace bw::gui {

// The splits in the order every list shows them (a std::map of splits would say test, train, validation).
inline constexpr std::array<const char*, 3> kSplitsInOrder = {"train", "validation", "test"};

QString splitTitle(const std::string& split);

}  // namespace bw::gui
