#include "core/store/process_identity.h"

#include <cerrno>
#include <climits>
#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace bw::store {

int64_t currentProcessId() { return static_cast<int64_t>(::getpid()); }

std::string currentHostName() {
    char name[HOST_NAME_MAX + 1] = {};
    if (::gethostname(name, sizeof name - 1) != 0) return "localhost";
    return name;
}

bool isProcessAlive(int64_t pid) {
    if (pid <= 0 || pid > INT_MAX) return false;
    if (::kill(static_cast<pid_t>(pid), 0) == 0) return true;
    return errno != ESRCH;
}

}  // namespace bw::store
