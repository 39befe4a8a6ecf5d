#include "core/text/corpus_word_counter.h"

#include "core/text/pre_tokenizer.h"
#include "core/text/unicode.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace bw::text {
namespace fs = std::filesystem;

namespace {

// Work is handed out in ranges of whole lines, several per thread so that threads stay busy to the
// end, and small enough that cancelling is quick.
constexpr uint64_t kMinRangeBytes = 16u << 10, kMaxRangeBytes = 4u << 20;
constexpr uint64_t kRangesPerThread = 8;
constexpr size_t kReadBlock = 1u << 20;

struct FileRange {
    size_t file = 0;
    uint64_t begin = 0, end = 0;  // [begin, end) in bytes; begin is a line start
};

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

File openForReading(const fs::path& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) throw bw::Error(path.string() + ": is a directory, not a text file");
    File f(std::fopen(path.c_str(), "rb"));
    if (!f) throw bw::Error(path.string() + ": cannot open (" + std::strerror(errno) + ")");
    return f;
}

uint64_t fileSize(std::FILE* f, const fs::path& path) {
    if (std::fseek(f, 0, SEEK_END) != 0) throw bw::Error(path.string() + ": cannot read (not a regular file?)");
    const long size = std::ftell(f);
    if (size < 0) throw bw::Error(path.string() + ": cannot read its size");
    return static_cast<uint64_t>(size);
}

// The first line start at or after `offset`.
uint64_t lineStartFrom(std::FILE* f, uint64_t offset, uint64_t size) {
    if (offset == 0) return 0;
    std::fseek(f, static_cast<long>(offset - 1), SEEK_SET);
    uint64_t at = offset - 1;
    for (int c; at < size && (c = std::fgetc(f)) != EOF; ++at)
        if (c == '\n') return at + 1;
    return size;
}

// Splits every file into line-aligned ranges, about kRangesPerThread for each thread.
std::vector<FileRange> planRanges(const std::vector<fs::path>& files, size_t threads, uint64_t& total_bytes) {
    std::vector<uint64_t> sizes;
    total_bytes = 0;
    for (const fs::path& path : files) {  // every file is checked before any work starts
        sizes.push_back(fileSize(openForReading(path).get(), path));
        total_bytes += sizes.back();
    }
    const uint64_t range_bytes = std::clamp(total_bytes / (threads * kRangesPerThread), kMinRangeBytes, kMaxRangeBytes);
    std::vector<FileRange> ranges;
    for (size_t i = 0; i < files.size(); ++i) {
        if (sizes[i] == 0) continue;
        const File f = openForReading(files[i]);
        for (uint64_t begin = 0; begin < sizes[i];) {
            const uint64_t end = lineStartFrom(f.get(), std::min(sizes[i], begin + range_bytes), sizes[i]);
            ranges.push_back({i, begin, end});
            begin = end;
        }
    }
    return ranges;
}

}  // namespace

// One thread's counting: the scratch buffers live as long as the thread, so a line allocates
// only when it brings a new word.
class LineCounter {
public:
    explicit LineCounter(const NormalizerOptions& options) : normalizer_(options) {}

    // Throws bw::Error from decodeUtf8 when the line is not UTF-8.
    void count(std::string_view line) {
        chars_.clear();
        decodeUtf8(line, chars_);
        normalized_.clear();
        normalizer_.normalize(chars_, 0, normalized_);
        spans_.clear();
        splitWords(normalized_.chars, 0, spans_);
        for (const WordSpan& span : spans_) {
            word_.clear();
            for (uint32_t i = span.begin; i < span.end; ++i) appendUtf8(normalized_.chars[i], word_);
            auto it = counts.find(word_);
            if (it == counts.end()) counts.emplace(word_, 1);
            else ++it->second;
        }
        words += spans_.size();
        ++lines;
    }

    WordCounts counts;
    uint64_t lines = 0, words = 0;

private:
    BertNormalizer normalizer_;
    std::u32string chars_;
    NormalizedText normalized_;
    std::vector<WordSpan> spans_;
    std::string word_;
};

namespace {

struct BadLine {
    size_t file = 0;
    uint64_t line_start = 0;  // byte offset of the line in its file
    std::string what;
    bool operator<(const BadLine& o) const { return file != o.file ? file < o.file : line_start < o.line_start; }
};

// State shared by the workers and the thread that waits for them.
struct SharedWork {
    SharedWork(const std::vector<fs::path>& f, const std::vector<FileRange>& r) : files(f), ranges(r) {}
    const std::vector<fs::path>& files;
    const std::vector<FileRange>& ranges;
    std::atomic<size_t> next_range{0};
    std::atomic<uint64_t> bytes_done{0};
    std::atomic<bool> stop{false};  // cancelled, or a file could not be read
    // The earliest range with a line that is not UTF-8: ranges after it need not be read, ranges
    // before it must be, in case one of them holds an earlier bad line.
    std::atomic<size_t> first_bad_range{SIZE_MAX};
    std::mutex mutex;  // guards the members below
    std::condition_variable finished;
    int running = 0;
    std::optional<BadLine> bad_line;
    std::optional<std::string> io_error;
};

// Reads the lines of one range through `counter`. False when it met a line that is not UTF-8
// (recorded in `work`).
bool countRange(size_t index, SharedWork& work, const std::atomic<bool>* cancel, LineCounter& counter) {
    const FileRange& range = work.ranges[index];
    const fs::path& path = work.files[range.file];
    File f(std::fopen(path.c_str(), "rb"));
    if (!f || std::fseek(f.get(), static_cast<long>(range.begin), SEEK_SET) != 0)
        throw bw::Error(path.string() + ": cannot read (" + std::strerror(errno) + ")");
    std::vector<char> block(kReadBlock);
    std::string carry;  // the start of a line that continues in the next block
    uint64_t offset = range.begin;  // file offset of the next byte read
    uint64_t line_start = range.begin;
    auto countLine = [&](std::string_view line) {
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        try {
            counter.count(line);
        } catch (const bw::Error& e) {
            const std::lock_guard<std::mutex> lock(work.mutex);
            const BadLine bad{range.file, line_start, e.what()};
            if (!work.bad_line || bad < *work.bad_line) work.bad_line = bad;
            if (index < work.first_bad_range) work.first_bad_range = index;
            return false;
        }
        return true;
    };
    while (offset < range.end) {
        if (work.stop || index > work.first_bad_range || (cancel && *cancel)) return true;
        const size_t want = static_cast<size_t>(std::min<uint64_t>(kReadBlock, range.end - offset));
        const size_t got = std::fread(block.data(), 1, want, f.get());
        if (got == 0) break;  // the file shrank while we read it: count what is there
        std::string_view data(block.data(), got);
        while (!data.empty()) {
            const size_t nl = data.find('\n');
            if (nl == std::string_view::npos) {
                carry.append(data);
                break;
            }
            std::string_view line = data.substr(0, nl);
            if (!carry.empty()) {
                carry.append(line);
                line = carry;
            }
            if (!countLine(line)) return false;
            line_start = offset + static_cast<uint64_t>(data.data() - block.data()) + nl + 1;
            carry.clear();
            data.remove_prefix(nl + 1);
        }
        offset += got;
        work.bytes_done += got;
    }
    if (!carry.empty() && !countLine(carry)) return false;  // a last line without '\n'
    return true;
}

void worker(SharedWork& work, const std::atomic<bool>* cancel, LineCounter& counter) {
    try {
        for (size_t i; !work.stop && (i = work.next_range++) < work.ranges.size() && i < work.first_bad_range;)
            countRange(i, work, cancel, counter);
    } catch (const std::exception& e) {
        const std::lock_guard<std::mutex> lock(work.mutex);
        if (!work.io_error) work.io_error = e.what();
        work.stop = true;
    }
    const std::lock_guard<std::mutex> lock(work.mutex);
    --work.running;
    work.finished.notify_all();
}

// 1-based line number of the line starting at byte `line_start`.
uint64_t lineNumberAt(const fs::path& path, uint64_t line_start) {
    File f(std::fopen(path.c_str(), "rb"));
    uint64_t line = 1, offset = 0;
    std::vector<char> block(kReadBlock);
    while (f && offset < line_start) {
        const size_t got = std::fread(block.data(), 1, std::min<uint64_t>(kReadBlock, line_start - offset), f.get());
        if (got == 0) break;
        line += static_cast<uint64_t>(std::count(block.data(), block.data() + got, '\n'));
        offset += got;
    }
    return line;
}

// Adds every thread's counts into `into`, merging into the largest map; the sums do not depend on
// which thread counted what.
void mergeCounts(std::vector<std::unique_ptr<LineCounter>>& counters, CorpusWords& into) {
    std::sort(counters.begin(), counters.end(),
              [](const auto& a, const auto& b) { return a->counts.size() > b->counts.size(); });
    into.counts = std::move(counters.front()->counts);
    for (const auto& counter : counters) {
        into.lines += counter->lines;
        into.words += counter->words;
        if (&counter == &counters.front()) continue;
        for (auto& [word, count] : counter->counts) into.counts[word] += count;
        counter->counts = {};
    }
}

size_t threadsWanted(int threads) {
    return threads > 0 ? static_cast<size_t>(threads) : std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

CorpusWords countCorpusWords(const std::vector<fs::path>& files, const WordCountOptions& options) {
    if (files.empty()) throw bw::Error("no corpus files given");
    CorpusWords result;
    const size_t wanted_threads = threadsWanted(options.threads);
    const std::vector<FileRange> ranges = planRanges(files, wanted_threads, result.bytes);
    SharedWork work(files, ranges);
    const size_t thread_count = std::max<size_t>(1, std::min(wanted_threads, ranges.size()));
    std::vector<std::unique_ptr<LineCounter>> counters;
    std::vector<std::thread> threads;
    work.running = static_cast<int>(thread_count);
    for (size_t t = 0; t < thread_count; ++t) {
        counters.push_back(std::make_unique<LineCounter>(options.normalizer));
        threads.emplace_back(worker, std::ref(work), options.cancel, std::ref(*counters.back()));
    }
    // This thread reports progress (callbacks stay on the caller's thread) and watches the cancel flag.
    {
        std::unique_lock<std::mutex> lock(work.mutex);
        while (work.running > 0) {
            work.finished.wait_for(lock, std::chrono::milliseconds(100));
            if (options.cancel && *options.cancel) work.stop = true;
            if (options.progress && work.running > 0) {
                lock.unlock();
                options.progress({TrainingStage::CountingWords, work.bytes_done.load(), result.bytes});
                lock.lock();
            }
        }
    }
    for (std::thread& t : threads) t.join();

    if (work.io_error) throw bw::Error(*work.io_error);
    if (work.bad_line) {
        const fs::path& path = files[work.bad_line->file];
        throw bw::Error(path.string() + ":" + std::to_string(lineNumberAt(path, work.bad_line->line_start)) + ": " +
                        work.bad_line->what + " of the line (the corpus must be UTF-8 text)");
    }
    if (options.cancel && *options.cancel) throw TrainingCancelled();

    mergeCounts(counters, result);
    if (options.progress) options.progress({TrainingStage::CountingWords, result.bytes, result.bytes});
    return result;
}

TextWordCounter::TextWordCounter(const WordCountOptions& options) : options_(options) {
    for (size_t t = 0; t < threadsWanted(options.threads); ++t)
        counters_.push_back(std::make_unique<LineCounter>(options.normalizer));
}

TextWordCounter::~TextWordCounter() = default;

void TextWordCounter::add(const std::vector<std::string>& texts) {
    // Contiguous slices, one per thread; a small batch is not worth a thread.
    constexpr size_t kMinSlice = 256;
    const size_t slices = std::clamp<size_t>(texts.size() / kMinSlice, 1, counters_.size());
    const size_t per_slice = (texts.size() + slices - 1) / slices;
    std::vector<std::optional<std::string>> errors(slices);
    const auto countSlice = [&](size_t slice) {
        const size_t begin = slice * per_slice, end = std::min(texts.size(), begin + per_slice);
        for (size_t i = begin; i < end; ++i) {
            if ((i - begin) % 1024 == 0 && options_.cancel && *options_.cancel) return;
            try {
                counters_[slice]->count(texts[i]);
            } catch (const bw::Error& e) {
                errors[slice] = "text " + std::to_string(texts_ + i + 1) + ": " + e.what();
                return;
            }
        }
    };
    std::vector<std::thread> threads;
    for (size_t slice = 1; slice < slices; ++slice) threads.emplace_back(countSlice, slice);
    countSlice(0);
    for (std::thread& t : threads) t.join();
    for (const auto& error : errors)
        if (error) throw bw::Error(*error);
    if (options_.cancel && *options_.cancel) throw TrainingCancelled();
    for (const std::string& text : texts) bytes_ += text.size() + 1;  // as a file with one text per line
    texts_ += texts.size();
}

CorpusWords TextWordCounter::take() {
    CorpusWords result;
    result.bytes = bytes_;
    mergeCounts(counters_, result);
    return result;
}

}  // namespace bw::text
