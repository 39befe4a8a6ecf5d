// An LD_PRELOAD library that makes writes fail the way a full disk or a failing drive does, for the
// fault tests (tests/cli/test_cli_faults.cpp). Only files under BW_FAULT_PATH are touched: stderr
// still carries the program's error message.
//
//   BW_FAULT_PATH=DIR          files (by their resolved path) under DIR; unset: nothing fails
//   BW_FAULT_OPS=write,fsync,rename   which calls may fail (default: write)
//   BW_FAULT_AT=N              the Nth matching call fails, and every later one (a disk stays full)
//   BW_FAULT_AFTER_BYTES=N     writes succeed for N bytes in all, then fail (the last one short)
//   BW_FAULT_ONCE=1            only the Nth call fails (a transient I/O error)
//   BW_FAULT_ERRNO=ENOSPC|EIO|EDQUOT   the error (default ENOSPC)
//   BW_FAULT_COUNT_FILE=F      at exit, appends "calls N bytes M" (the matching calls a clean run makes)
//
// Covered: write, pwrite, pwrite64, writev, fwrite (our code calls it; libc's internal flush does
// not go through the dynamic linker), fsync, fdatasync, rename, renameat. SQLite's pwrite64 and
// fsync, libstdc++'s streams (torch::save) and std::filesystem::rename all resolve to these.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

enum { OP_WRITE = 1, OP_FSYNC = 2, OP_RENAME = 4 };

static char fault_path[PATH_MAX];
static size_t fault_path_length;
static int fault_ops = OP_WRITE;
static long fault_at;          // 0: no call-count fault
static long long fault_bytes = -1;  // -1: no byte budget
static int fault_once;
static int fault_errno = ENOSPC;
static char count_file[PATH_MAX];
static long calls;             // calls of BW_FAULT_OPS on matching files so far (all threads)
static long long bytes;        // bytes written to matching files so far

__attribute__((constructor)) static void configure(void) {
    const char* path = getenv("BW_FAULT_PATH");
    if (path && *path && realpath(path, fault_path)) fault_path_length = strlen(fault_path);
    const char* ops = getenv("BW_FAULT_OPS");
    if (ops) {
        fault_ops = 0;
        if (strstr(ops, "write")) fault_ops |= OP_WRITE;
        if (strstr(ops, "fsync")) fault_ops |= OP_FSYNC;
        if (strstr(ops, "rename")) fault_ops |= OP_RENAME;
    }
    const char* at = getenv("BW_FAULT_AT");
    if (at) fault_at = atol(at);
    const char* budget = getenv("BW_FAULT_AFTER_BYTES");
    if (budget) fault_bytes = atoll(budget);
    const char* once = getenv("BW_FAULT_ONCE");
    fault_once = once && *once == '1';
    const char* err = getenv("BW_FAULT_ERRNO");
    if (err && strcmp(err, "EIO") == 0) fault_errno = EIO;
    if (err && strcmp(err, "EDQUOT") == 0) fault_errno = EDQUOT;
    const char* counts = getenv("BW_FAULT_COUNT_FILE");
    if (counts) snprintf(count_file, sizeof count_file, "%s", counts);
}

__attribute__((destructor)) static void report(void) {
    if (!count_file[0]) return;
    int fd = (int)syscall(SYS_open, count_file, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd < 0) return;
    char line[96];
    int n = snprintf(line, sizeof line, "calls %ld bytes %lld\n", __atomic_load_n(&calls, __ATOMIC_SEQ_CST),
                     __atomic_load_n(&bytes, __ATOMIC_SEQ_CST));
    syscall(SYS_write, fd, line, (size_t)n);
    syscall(SYS_close, fd);
}

static int under_fault_path(const char* path) {
    return fault_path_length && strncmp(path, fault_path, fault_path_length) == 0 &&
           (path[fault_path_length] == '/' || path[fault_path_length] == '\0');
}

static int fd_under_fault_path(int fd) {
    if (!fault_path_length || fd < 0) return 0;
    char link[64], target[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n <= 0) return 0;
    target[n] = '\0';
    return under_fault_path(target);
}

// A relative or not yet existing path: its directory, resolved.
static int name_under_fault_path(const char* path) {
    if (!fault_path_length || !path) return 0;
    char copy[PATH_MAX], dir[PATH_MAX];
    snprintf(copy, sizeof copy, "%s", path);
    char* slash = strrchr(copy, '/');
    if (slash == copy) copy[1] = '\0';
    else if (slash) *slash = '\0';
    else snprintf(copy, sizeof copy, ".");
    return realpath(copy, dir) && under_fault_path(dir);
}

// Counts one matching call of `op`; nonzero when it is to fail.
static int call_fails(int op) {
    if (!(fault_ops & op)) return 0;
    long n = __atomic_add_fetch(&calls, 1, __ATOMIC_SEQ_CST);
    if (fault_at <= 0) return 0;
    return fault_once ? n == fault_at : n >= fault_at;
}

// How many of `wanted` bytes a write may put down before the budget runs out.
static size_t byte_allowance(size_t wanted) {
    long long before = __atomic_fetch_add(&bytes, (long long)wanted, __ATOMIC_SEQ_CST);
    if (fault_bytes < 0 || !(fault_ops & OP_WRITE)) return wanted;
    if (before >= fault_bytes) return 0;
    long long left = fault_bytes - before;
    return left < (long long)wanted ? (size_t)left : wanted;
}

#define REAL(name) static __typeof__(name)* real_##name; \
    if (!real_##name) real_##name = (__typeof__(name)*)dlsym(RTLD_NEXT, #name)

// Whether a write of `n` bytes to `fd` goes ahead, and with how many of them (*allowed); -1 with
// errno set when it fails as a whole.
static int admit_write(int fd, size_t n, size_t* allowed) {
    *allowed = n;
    if (!fd_under_fault_path(fd)) return 0;
    if (call_fails(OP_WRITE)) { errno = fault_errno; return -1; }
    *allowed = byte_allowance(n);
    if (*allowed == 0 && n > 0) { errno = fault_errno; return -1; }
    return 0;
}

ssize_t write(int fd, const void* buf, size_t n) {
    REAL(write);
    size_t allowed;
    return admit_write(fd, n, &allowed) < 0 ? -1 : real_write(fd, buf, allowed);
}

ssize_t pwrite(int fd, const void* buf, size_t n, off_t offset) {
    REAL(pwrite);
    size_t allowed;
    return admit_write(fd, n, &allowed) < 0 ? -1 : real_pwrite(fd, buf, allowed, offset);
}

ssize_t pwrite64(int fd, const void* buf, size_t n, off64_t offset) {
    REAL(pwrite64);
    size_t allowed;
    return admit_write(fd, n, &allowed) < 0 ? -1 : real_pwrite64(fd, buf, allowed, offset);
}

ssize_t writev(int fd, const struct iovec* iov, int count) {
    REAL(writev);
    if (!fd_under_fault_path(fd)) return real_writev(fd, iov, count);
    if (call_fails(OP_WRITE)) { errno = fault_errno; return -1; }
    size_t total = 0;
    for (int i = 0; i < count; ++i) total += iov[i].iov_len;
    if (byte_allowance(total) < total) { errno = fault_errno; return -1; }
    return real_writev(fd, iov, count);
}

size_t fwrite(const void* buf, size_t size, size_t items, FILE* stream) {
    REAL(fwrite);
    if (size == 0 || !fd_under_fault_path(fileno(stream))) return real_fwrite(buf, size, items, stream);
    if (call_fails(OP_WRITE)) { errno = fault_errno; return 0; }
    size_t allowed = byte_allowance(size * items) / size;
    size_t written = allowed ? real_fwrite(buf, size, allowed, stream) : 0;
    if (written < items) errno = fault_errno;
    return written;
}

int fsync(int fd) {
    REAL(fsync);
    if (fd_under_fault_path(fd) && call_fails(OP_FSYNC)) { errno = fault_errno == ENOSPC ? EIO : fault_errno; return -1; }
    return real_fsync(fd);
}

int fdatasync(int fd) {
    REAL(fdatasync);
    if (fd_under_fault_path(fd) && call_fails(OP_FSYNC)) { errno = fault_errno == ENOSPC ? EIO : fault_errno; return -1; }
    return real_fdatasync(fd);
}

int rename(const char* from, const char* to) {
    REAL(rename);
    if (name_under_fault_path(to) && call_fails(OP_RENAME)) { errno = fault_errno; return -1; }
    return real_rename(from, to);
}

int renameat(int from_dir, const char* from, int to_dir, const char* to) {
    REAL(renameat);
    if (to_dir == AT_FDCWD && name_under_fault_path(to) && call_fails(OP_RENAME)) { errno = fault_errno; return -1; }
    return real_renameat(from_dir, from, to_dir, to);
}
