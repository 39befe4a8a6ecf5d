#pragma once
// The files SQLite keeps for a store: the database itself, its write-ahead log ("-wal"), the log's
// index ("-shm") and, in rollback mode, its journal ("-journal"). Reading any of them as something
// else is never harmless: closing a descriptor of a file drops every POSIX lock this process holds
// on it, SQLite's included (experiment_store.cpp), so the importer, a corpus reader or a file dialog
// must refuse them before opening them.
#include <filesystem>
#include <vector>

namespace bw::store {

std::vector<std::filesystem::path> storeFiles(const std::filesystem::path& store);

// Whether `candidate` is one of the store's files, compared by identity (device and inode, so another
// spelling or a link counts) without opening anything. False when either does not exist.
bool isStoreFile(const std::filesystem::path& candidate, const std::filesystem::path& store);

// Throws bw::Error when `input` is one of the store's files: "<input> is one of the experiment
// store's own files (<store>): <advice>", before anything opens it.
void refuseStoreFile(const std::filesystem::path& input, const std::filesystem::path& store, const char* advice);

}  // namespace bw::store
