#include "core/runtime/atomic_file.h"

#include "core/runtime/error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace bw {

void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes) {
    AtomicFileWriter file(path);
    file.write(bytes.data(), bytes.size());
    file.commit();
}

AtomicFileWriter::AtomicFileWriter(std::filesystem::path path) : path_(std::move(path)), tmp_(path_) {
    tmp_ += ".tmp";
    fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) throw Error(path_.string() + ": cannot write: " + std::strerror(errno));
}

AtomicFileWriter::~AtomicFileWriter() {
    if (fd_ >= 0) {
        ::close(fd_);
        std::remove(tmp_.c_str());
    }
}

size_t AtomicFileWriter::write(const void* data, size_t size) noexcept {
    const char* bytes = static_cast<const char*>(data);
    for (size_t done = 0; done < size && error_ == 0;) {
        const ssize_t n = ::write(fd_, bytes + done, size - done);
        if (n > 0) done += static_cast<size_t>(n);
        else if (n < 0 && errno != EINTR) error_ = errno;
        else if (n == 0) error_ = EIO;
    }
    return size;
}

void AtomicFileWriter::commit() {
    if (error_ == 0 && ::fsync(fd_) != 0) error_ = errno;
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0 && error_ == 0) error_ = errno;
    if (error_ != 0) {
        std::remove(tmp_.c_str());
        throw Error(path_.string() + ": cannot write: " + std::strerror(error_));
    }
    std::error_code ec;
    std::filesystem::rename(tmp_, path_, ec);
    if (ec) {
        std::remove(tmp_.c_str());
        throw Error(path_.string() + ": cannot rename the temporary file into place: " + ec.message());
    }
}

}  // namespace bw
