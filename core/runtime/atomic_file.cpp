#include "core/runtime/atomic_file.h"

#include "core/runtime/error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace bw {

void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes) {
    std::filesystem::path tmp = path;
    tmp += ".tmp";
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) throw Error(path.string() + ": cannot write: " + std::strerror(errno));
    bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    ok = std::fflush(f) == 0 && ok;
    ok = ::fsync(::fileno(f)) == 0 && ok;
    const int saved_errno = errno;
    ok = std::fclose(f) == 0 && ok;
    if (!ok) {
        std::remove(tmp.c_str());
        throw Error(path.string() + ": cannot write: " + std::strerror(saved_errno ? saved_errno : EIO));
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::remove(tmp.c_str());
        throw Error(path.string() + ": cannot rename the temporary file into place: " + ec.message());
    }
}

}  // namespace bw
