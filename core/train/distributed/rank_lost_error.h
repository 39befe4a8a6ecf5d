#pragma once
// Torch-free. A collective of a data-parallel job failed: another rank died, closed its connection
// or did not answer within the timeout. The run is interrupted (resumable), not failed.
#include "core/runtime/error.h"

namespace bw::train::distributed {

class RankLostError : public Error {
public:
    using Error::Error;
};

}  // namespace bw::train::distributed
