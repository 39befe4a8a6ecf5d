#pragma once
// Writes that never leave a half-written file behind: the bytes go to "<path>.tmp" first and are
// renamed over the target only once they are all on disk.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace bw {

// Throws bw::Error naming the file when it cannot be written (directory missing, disk full, ...).
void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);

// The same, streamed. write() never fails: the first error is kept and commit() throws it, so a
// producer that cannot take a write error (LibTorch's zip writer throws from its destructor, which
// ends the process) can be fed without holding the whole file in memory:
//
//   AtomicFileWriter file(path);
//   torch::save(value, [&](const void* data, size_t n) { return file.write(data, n); });
//   file.commit();
class AtomicFileWriter {
public:
    explicit AtomicFileWriter(std::filesystem::path path);  // throws when the temporary cannot be created
    ~AtomicFileWriter();                                     // not committed: the temporary is removed
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    size_t write(const void* data, size_t size) noexcept;  // returns size, whatever happened
    // fsync, close and rename into place; throws bw::Error with the first error since the start.
    void commit();

private:
    std::filesystem::path path_, tmp_;
    int fd_ = -1;
    int error_ = 0;  // the first failed call's errno, 0 while all went well
};

}  // namespace bw
