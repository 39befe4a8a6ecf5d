#pragma once
// The one exception type the engine throws for bad input. Its message is meant for the user as it
// stands: it names the file (and line/field where known) and says what was wrong.
#include <stdexcept>
#include <string>

namespace bw {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace bw
