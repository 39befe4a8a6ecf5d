#include "core/store/sqlite_database.h"

#include "core/runtime/error.h"

#include <sqlite3.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <thread>
#include <utility>

namespace bw::store {

// ---- Database ------------------------------------------------------------------------------

Database Database::open(const std::filesystem::path& path, int busy_timeout_ms, bool create) {
    Database db;
    db.path_ = path;
    db.busy_timeout_ms_ = busy_timeout_ms;
    const int rc = sqlite3_open_v2(path.c_str(), &db.db_,
                                   SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        if (!db.db_) throw Error(path.string() + ": cannot open the store: out of memory");
        db.fail(rc, "cannot open the store");  // the destructor closes the handle
    }
    sqlite3_extended_result_codes(db.db_, 1);
    db.busy_wait_ = std::make_unique<BusyWait>();
    db.busy_wait_->timeout = std::chrono::milliseconds(busy_timeout_ms);
    sqlite3_busy_handler(db.db_, &Database::waitWhileBusy, db.busy_wait_.get());
    return db;
}

// SQLite's own busy handler (sqlite3_busy_timeout) sleeps longer and longer between tries, up to
// 100 ms. Behind a bulk writer that takes the lock again right after each chunk, a waiting metric
// write kept waking into the next chunk: in a 200,000-row import it often got in once or not at all.
// Trying every millisecond finds the gaps between chunks.
int Database::waitWhileBusy(void* state, int attempts) {
    auto* wait = static_cast<BusyWait*>(state);
    const auto now = std::chrono::steady_clock::now();
    if (attempts == 0) wait->since = now;
    if (now - wait->since >= wait->timeout) return 0;  // SQLITE_BUSY: "locked by another process"
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return 1;
}

void Database::keepWriteAheadLogOnClose() {
    int keep = 1;
    const int rc = sqlite3_file_control(db_, "main", SQLITE_FCNTL_PERSIST_WAL, &keep);
    if (rc != SQLITE_OK) fail(rc, "cannot keep the write-ahead log");
}

Database::~Database() {
    if (db_) sqlite3_close_v2(db_);
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      path_(std::move(other.path_)),
      busy_timeout_ms_(other.busy_timeout_ms_),
      busy_wait_(std::move(other.busy_wait_)),
      savepoint_depth_(other.savepoint_depth_) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        if (db_) sqlite3_close_v2(db_);
        db_ = std::exchange(other.db_, nullptr);
        path_ = std::move(other.path_);
        busy_timeout_ms_ = other.busy_timeout_ms_;
        busy_wait_ = std::move(other.busy_wait_);
        savepoint_depth_ = other.savepoint_depth_;
    }
    return *this;
}

void Database::execute(std::string_view sql) {
    const std::string text(sql);
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) fail(rc, "cannot run \"" + text.substr(0, 60) + "\"");
}

Statement Database::prepare(std::string_view sql) { return Statement(*this, sql); }

int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(db_); }
int64_t Database::changes() const { return sqlite3_changes64(db_); }
bool Database::inTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

void Database::fail(int rc, std::string_view context) const {
    const std::string file = path_.string();
    const std::string detail = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        throw Error(file + ": the store is locked by another process (gave up after " +
                    std::to_string(busy_timeout_ms_) + " ms)");
    case SQLITE_NOTADB:
        throw Error(file + ": not an experiment store (the file is not a SQLite database)");
    case SQLITE_CORRUPT:
        throw Error(file + ": the store file is damaged (" + detail + "); it was left as it is");
    case SQLITE_FULL:
        throw Error(file + ": the disk is full; nothing was written");
    case SQLITE_READONLY:
        throw Error(file + ": the store cannot be written (" + detail + ")");
    case SQLITE_CANTOPEN:
        throw Error(file + ": cannot open the store (" + detail + ")");
    default:
        throw Error(file + ": " + std::string(context) + ": " + detail);
    }
}

// ---- Statement -----------------------------------------------------------------------------

Statement::Statement(Database& db, std::string_view sql) : db_(&db) {
    const int rc = sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt_);
        stmt_ = nullptr;
        db.fail(rc, "cannot prepare \"" + std::string(sql.substr(0, 60)) + "\"");
    }
}

Statement::~Statement() {
    if (stmt_) sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        if (stmt_) sqlite3_finalize(stmt_);
        db_ = other.db_;
        stmt_ = std::exchange(other.stmt_, nullptr);
    }
    return *this;
}

void Statement::checkBind(int rc, int index) {
    if (rc != SQLITE_OK) db_->fail(rc, "cannot bind parameter " + std::to_string(index));
}

Statement& Statement::bindInt64(int index, int64_t value) {
    checkBind(sqlite3_bind_int64(stmt_, index, value), index);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (std::isnan(value)) return bind(index, nullptr);
    checkBind(sqlite3_bind_double(stmt_, index, value), index);
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    checkBind(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8), index);
    return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
    checkBind(sqlite3_bind_null(stmt_, index), index);
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3_reset(stmt_);  // releases the statement's locks; the error stays in errmsg
    db_->fail(rc, "cannot run \"" + std::string(sqlite3_sql(stmt_)).substr(0, 60) + "\"");
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

int Statement::columnCount() const { return sqlite3_column_count(stmt_); }

int Statement::columnIndex(std::string_view name) const {
    for (int i = 0; i < columnCount(); ++i)
        if (const char* column = sqlite3_column_name(stmt_, i); column && name == column) return i;
    return -1;
}
bool Statement::isNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
int64_t Statement::int64At(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::doubleAt(int column) const {
    if (isNull(column)) return std::numeric_limits<double>::quiet_NaN();
    return sqlite3_column_double(stmt_, column);
}

std::string Statement::textAt(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    const int bytes = sqlite3_column_bytes(stmt_, column);  // after column_text, as SQLite asks
    return text ? std::string(text, static_cast<size_t>(bytes)) : std::string();
}

std::optional<int64_t> Statement::optionalInt64At(int column) const {
    if (isNull(column)) return std::nullopt;
    return int64At(column);
}

std::optional<double> Statement::optionalDoubleAt(int column) const {
    if (isNull(column)) return std::nullopt;
    return doubleAt(column);
}

std::optional<std::string> Statement::optionalTextAt(int column) const {
    if (isNull(column)) return std::nullopt;
    return textAt(column);
}

// ---- Transaction ---------------------------------------------------------------------------

Transaction::Transaction(Database& db, Mode mode) : db_(&db) {
    if (db.inTransaction()) {
        savepoint_ = "bw_savepoint_" + std::to_string(db.savepoint_depth_ + 1);
        db.execute("SAVEPOINT " + savepoint_);
        ++db.savepoint_depth_;
    } else {
        db.execute(mode == Mode::Immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
    }
    open_ = true;
}

Transaction::Transaction(Transaction&& other) noexcept
    : db_(other.db_), savepoint_(std::move(other.savepoint_)), open_(std::exchange(other.open_, false)) {}

Transaction::~Transaction() {
    if (open_) rollback();
}

void Transaction::commit() {
    if (!open_) throw Error(db_->path().string() + ": internal error: commit of a finished transaction");
    if (savepoint_.empty()) {
        db_->execute("COMMIT");
    } else {
        db_->execute("RELEASE " + savepoint_);
        --db_->savepoint_depth_;
    }
    open_ = false;
}

void Transaction::rollback() noexcept {
    open_ = false;
    if (savepoint_.empty()) {
        // SQLite may already have rolled back on its own (disk full, I/O error): then this is a no-op.
        if (db_->inTransaction()) sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    } else {
        const std::string sql = "ROLLBACK TO " + savepoint_ + "; RELEASE " + savepoint_;
        sqlite3_exec(db_->handle(), sql.c_str(), nullptr, nullptr, nullptr);
        --db_->savepoint_depth_;
    }
}

}  // namespace bw::store
