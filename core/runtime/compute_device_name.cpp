#include "core/runtime/compute_device_name.h"

#include <algorithm>
#include <cctype>

namespace bw {

std::string deviceSpellingProblem(const std::string& name) {
    if (name == "auto" || name == "cpu" || name == "cuda") return "";
    const std::string prefix = "cuda:";
    if (name.rfind(prefix, 0) == 0 && name.size() > prefix.size() && name.size() < prefix.size() + 4 &&
        std::all_of(name.begin() + static_cast<long>(prefix.size()), name.end(),
                    [](unsigned char c) { return std::isdigit(c); }))
        return "";
    return "device must be auto, cpu, cuda or cuda:N (got '" + name + "')";
}

}  // namespace bw
