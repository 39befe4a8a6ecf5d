#pragma once
// What the CLI and the window tell the user about an exception: a bw::Error's message as it
// stands (it is written for the user, and may run over lines, as a load report does); of anything
// else only the first line, since LibTorch's errors carry a C++ backtrace after it.
#include "core/runtime/error.h"

#include <exception>
#include <string>

namespace bw {

inline std::string userMessage(const std::exception& e) {
    if (dynamic_cast<const Error*>(&e)) return e.what();
    const std::string message = e.what();
    return message.substr(0, message.find('\n'));
}

}  // namespace bw
