#pragma once
// A small RAII wrapper over SQLite's C API: a connection (Database), a prepared statement
// (Statement: bind, step, read columns) and a transaction (Transaction: rolls back unless
// committed; nests as a savepoint inside an open transaction).
//
// Every failure throws bw::Error "<file>: <what is wrong>". A store locked by another process
// (SQLITE_BUSY after the busy timeout) reads "<file>: the store is locked by another process";
// a damaged file reads "<file>: the store file is damaged ...".
//
// A Database is one connection: use it from one thread at a time (open one per thread).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

struct sqlite3;
struct sqlite3_stmt;

namespace bw::store {

class Statement;

class Database {
public:
    // Opens the database file (creating it when missing, if `create`); sets the busy timeout and
    // turns on extended result codes. Reads nothing yet: a file that is not a database is found by
    // the first statement.
    static Database open(const std::filesystem::path& path, int busy_timeout_ms, bool create = true);

    Database() = default;
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void execute(std::string_view sql);     // one or more statements, no results
    Statement prepare(std::string_view sql);

    // The write-ahead log and its index stay on disk when this connection is the last to close
    // (SQLITE_FCNTL_PERSIST_WAL), truncated to nothing when journal_size_limit is set.
    void keepWriteAheadLogOnClose();

    int64_t lastInsertId() const;
    int64_t changes() const;                 // rows changed by the last INSERT/UPDATE/DELETE
    bool inTransaction() const;
    int busyTimeoutMs() const { return busy_timeout_ms_; }
    const std::filesystem::path& path() const { return path_; }
    sqlite3* handle() const { return db_; }

    // Throws the bw::Error for a SQLite result code, with `context` saying what was being done.
    [[noreturn]] void fail(int rc, std::string_view context) const;

private:
    friend class Transaction;
    sqlite3* db_ = nullptr;
    std::filesystem::path path_;
    int busy_timeout_ms_ = 0;
    // The busy handler's state, on the heap: SQLite keeps its address while the Database moves.
    struct BusyWait {
        std::chrono::milliseconds timeout{0};
        std::chrono::steady_clock::time_point since;
    };
    static int waitWhileBusy(void* state, int attempts);
    std::unique_ptr<BusyWait> busy_wait_;
    int savepoint_depth_ = 0;
};

class Statement {
public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are 1-based, as in SQLite. Text is copied (SQLITE_TRANSIENT).
    template <typename T, typename = std::enable_if_t<std::is_integral_v<T>>>
    Statement& bind(int index, T value) { return bindInt64(index, static_cast<int64_t>(value)); }
    Statement& bind(int index, double value);  // NaN is stored as NULL (SQLite has no NaN)
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, std::nullptr_t);
    template <typename T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind(index, nullptr);
    }
    // Binds every argument in order, starting at parameter 1.
    template <typename... Args>
    Statement& bindAll(const Args&... args) {
        int index = 0;
        (bind(++index, args), ...);
        return *this;
    }

    bool step();  // true: a row is ready to read; false: the statement has finished
    void run();   // steps to the end (for INSERT/UPDATE/DELETE), then resets
    void reset(); // ready to run again; clears the bindings

    int columnCount() const;
    int columnIndex(std::string_view name) const;  // of a result column by its name; -1 when absent
    bool isNull(int column) const;  // columns are 0-based, as in SQLite
    int64_t int64At(int column) const;
    double doubleAt(int column) const;  // NULL reads as NaN
    std::string textAt(int column) const;
    std::optional<int64_t> optionalInt64At(int column) const;
    std::optional<double> optionalDoubleAt(int column) const;
    std::optional<std::string> optionalTextAt(int column) const;

private:
    Statement& bindInt64(int index, int64_t value);
    void checkBind(int rc, int index);

    Database* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE (or DEFERRED) on construction, ROLLBACK on destruction unless commit() ran.
// Immediate takes the write lock up front, so a writer waits for the busy timeout instead of
// failing half-way. Inside an open transaction it is a SAVEPOINT, so store operations compose.
class Transaction {
public:
    enum class Mode { Immediate, Deferred };
    explicit Transaction(Database& db, Mode mode = Mode::Immediate);
    ~Transaction();
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

private:
    void rollback() noexcept;

    Database* db_ = nullptr;
    std::string savepoint_;  // empty: a top-level transaction
    bool open_ = false;
};

}  // namespace bw::store
