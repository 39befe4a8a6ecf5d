#include "core/runtime/thread_setting.h"

#include "core/runtime/error.h"

#include <charconv>

namespace bw {

ThreadSetting parseThreadSetting(const std::string& text) {
    if (text == "auto") return {0, true};
    int threads = -1;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), threads);
    if (error != std::errc() || end != text.data() + text.size() || threads < 0 || threads > 4096)
        throw Error("a thread count (0 for one per core) or auto expected, got '" + text + "'");
    return {threads, false};
}

}  // namespace bw
