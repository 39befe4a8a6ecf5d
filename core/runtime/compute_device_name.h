#pragma once
// How a compute device is spelled in settings and on the command line: auto, cpu, cuda or cuda:N
// (PyTorch's spelling). Torch-free, so that settings can be checked without LibTorch.
#include <string>

namespace bw {

// "" when `name` is a valid spelling, else why not ("device must be auto, cpu, cuda or cuda:N ...").
std::string deviceSpellingProblem(const std::string& name);

}  // namespace bw
