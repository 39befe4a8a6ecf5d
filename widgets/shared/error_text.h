#pragma once
// An exception as the window shows it (bw::userMessage: no LibTorch backtrace).
#include "core/runtime/user_message.h"

#include <QString>

namespace bw::gui {

inline QString errorText(const std::exception& e) { return QString::fromStdString(userMessage(e)); }

}  // namespace bw::gui
