import GRDB

/// Provenance columns of the `summaries` table (BRIEF.md Data): `latency_ms` (wall time of the
/// provider call that produced the summary, retries included), `cache_read_tokens` and
/// `cache_write_tokens` (prompt-cache tokens the provider billed). Old rows get 0: unknown.
///
/// The same columns are added to a separate summaries file (`[cache] path`) by
/// ``MuSchema/prepareCacheFile(_:path:)`` (cache schema version 2). Adding is idempotent: a
/// summaries file may be another checkout's `mu.db` whose own migration already added them.
enum SummaryProvenanceSchema {
    static let migrationName = "v4-summary-provenance"
    /// The cache schema version that has these columns.
    static let cacheVersion = 2

    /// The columns this migration adds, each an integer defaulting to 0.
    static let columns = ["latency_ms", "cache_read_tokens", "cache_write_tokens"]

    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration(migrationName) { db in
            try addColumns(db, schema: "main")
            try MuSchema.setVersion(db, key: MuSchema.schemaVersionKey, version: 4)
            try MuSchema.setVersion(db, key: MuSchema.cacheSchemaVersionKey, version: cacheVersion)
        }
    }

    /// Adds the missing provenance columns to `<schema>.summaries`.
    static func addColumns(_ db: Database, schema: String) throws {
        let existing = Set(try Row.fetchAll(db, sql: "PRAGMA \(schema).table_info(summaries)")
            .compactMap { $0["name"] as String? })
        for column in columns where !existing.contains(column) {
            try db.execute(sql: "ALTER TABLE \(schema).summaries ADD COLUMN \(column) INTEGER NOT NULL DEFAULT 0")
        }
    }
}
