#pragma once
// The experiment store's schema and its migrations. The schema_version table holds one row per
// migration applied; the list of migrations lives in store_schema.cpp (v1 = the first schema,
// v2 = run sessions, v3 = staged imports, v4 = error analyses).
// A migration only ever adds to what came before, so a newer file is refused, never rewritten.
#include "core/store/sqlite_database.h"

namespace bw::store {

constexpr int kStoreSchemaVersion = 6;
constexpr int kStoreApplicationId = 0x42774B53;  // "BwKS", SQLite's PRAGMA application_id

// 0 for an empty database. Throws bw::Error when the file is not a SQLite database, is damaged,
// or is another application's database (tables, but no schema_version). Writes nothing.
int readSchemaVersion(Database& db);

// Brings the schema up to kStoreSchemaVersion in one transaction (nothing when already there).
// The caller has checked that the file is not newer than this code.
void migrateSchema(Database& db);

}  // namespace bw::store
