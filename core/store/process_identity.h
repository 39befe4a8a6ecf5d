#pragma once
// Who is writing a run: this process's id and host name, and whether a process on this host is
// still alive (how the store tells a crashed training run from a running one).
#include <cstdint>
#include <string>

namespace bw::store {

int64_t currentProcessId();
std::string currentHostName();
// False only when no such process exists (kill(pid, 0) fails with ESRCH). A process of another
// user counts as alive; so does a zombie that its parent has not reaped yet.
bool isProcessAlive(int64_t pid);

}  // namespace bw::store
