import Foundation
import GRDB

/// The SQL schema of `.mu/mu.db` and of a separate summaries file, as GRDB migrations.
///
/// Each schema change is a new migration and a new `version`; a database whose `meta`
/// says a higher version was written by a newer mu and is refused, never downgraded.
enum MuSchema {
    /// Version written to `meta.schema_version` of the main database.
    static let version = RollupsDirtySchema.version
    /// Version written to `meta.cache_schema_version` of any file holding a `summaries` table.
    static let cacheVersion = SummaryProvenanceSchema.cacheVersion

    static let schemaVersionKey = "schema_version"
    static let cacheSchemaVersionKey = "cache_schema_version"

    /// Migrations of the main database (`<repo>/.mu/mu.db`).
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try createMeta(db)
            try createSummaries(db)
            try createFunctions(db)
            try createFiles(db)
            try createFunctionsFTS(db)
            try createRuns(db)
            try createModelStats(db)
            try setVersion(db, key: schemaVersionKey, version: 1)
            try setVersion(db, key: cacheSchemaVersionKey, version: 1)
        }
        CallsSchema.register(in: &migrator)
        RollupsSchema.register(in: &migrator)
        SummaryProvenanceSchema.register(in: &migrator)
        BatchesSchema.register(in: &migrator)
        SymbolLengthIndexes.register(in: &migrator)
        RollupsDirtySchema.register(in: &migrator)
        return migrator
    }

    static func createFunctions(_ db: Database) throws {
        try db.create(table: "functions") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("path", .text).notNull()
            t.column("language", .text).notNull()
            t.column("name", .text).notNull()
            t.column("qualified_name", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("signature", .text).notNull()
            t.column("start_line", .integer).notNull()
            t.column("end_line", .integer).notNull()
            t.column("body_hash", .text).notNull()
            t.column("summary_key", .text)
            t.column("indexed_commit", .text)
        }
        try db.create(index: "functions_name", on: "functions", columns: ["name"])
        try db.create(index: "functions_qualified_name", on: "functions", columns: ["qualified_name"])
        try db.create(index: "functions_path", on: "functions", columns: ["path", "start_line"])
        try db.create(index: "functions_body_hash", on: "functions", columns: ["body_hash"])
        try db.create(index: "functions_summary_key", on: "functions", columns: ["summary_key"])
    }

    static func createFiles(_ db: Database) throws {
        try db.create(table: "files") { t in
            t.primaryKey("path", .text)
            t.column("size", .integer).notNull()
            t.column("mtime_ns", .integer).notNull()
            t.column("inode", .integer).notNull()
            t.column("blob_id", .text)
            t.column("language", .text)
            t.column("indexed_at", .datetime).notNull()
        }
    }

    static func createFunctionsFTS(_ db: Database) throws {
        // Kept in sync by SymbolIndex and SummaryCache (see SearchText).
        try db.execute(sql: """
            CREATE VIRTUAL TABLE functions_fts USING fts5(
                qualified_name, path, summary, name_words,
                tokenize = 'porter unicode61'
            )
            """)
    }

    static func createRuns(_ db: Database) throws {
        try db.create(table: "runs") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("started_at", .datetime).notNull()
            t.column("finished_at", .datetime)
            t.column("status", .text).notNull()
            t.column("provider", .text).notNull()
            t.column("model", .text).notNull()
            t.column("files_scanned", .integer).notNull().defaults(to: 0)
            t.column("files_changed", .integer).notNull().defaults(to: 0)
            t.column("functions", .integer).notNull().defaults(to: 0)
            t.column("cache_hits_memory", .integer).notNull().defaults(to: 0)
            t.column("cache_hits_disk", .integer).notNull().defaults(to: 0)
            t.column("llm_requests", .integer).notNull().defaults(to: 0)
            t.column("summarized", .integer).notNull().defaults(to: 0)
            t.column("failed", .integer).notNull().defaults(to: 0)
            t.column("input_tokens", .integer).notNull().defaults(to: 0)
            t.column("output_tokens", .integer).notNull().defaults(to: 0)
            t.column("cost_usd", .double).notNull().defaults(to: 0)
            t.column("indexed_commit", .text)
            t.column("message", .text)
        }
    }

    static func createModelStats(_ db: Database) throws {
        try db.create(table: "model_stats") { t in
            t.primaryKey("model", .text)
            t.column("samples", .integer).notNull().defaults(to: 0)
            t.column("input_chars", .integer).notNull().defaults(to: 0)
            t.column("input_tokens", .integer).notNull().defaults(to: 0)
            t.column("output_tokens", .integer).notNull().defaults(to: 0)
            t.column("updated_at", .datetime).notNull()
        }
    }

    /// Brings a separate summaries file (`[cache] path`) to the current cache schema.
    ///
    /// Not a `DatabaseMigrator`: the file may also be another checkout's full `mu.db`,
    /// whose migration identifiers must not be mixed with cache-only ones.
    static func prepareCacheFile(_ db: Database, path: String) throws {
        try db.inTransaction(.immediate) {
            try createMeta(db, ifNotExists: true)
            let found = try storedVersion(db, key: cacheSchemaVersionKey, path: path)
            if let found, found > cacheVersion {
                throw StoreError.newerSchema(path: path, found: found, supported: cacheVersion)
            }
            if found == nil {
                try createSummaries(db, ifNotExists: true)
            }
            if (found ?? 0) < cacheVersion {
                // Version 2: the provenance columns (latency, prompt-cache tokens).
                try SummaryProvenanceSchema.addColumns(db, schema: "main")
                try setVersion(db, key: cacheSchemaVersionKey, version: cacheVersion)
            }
            return .commit
        }
    }

    static func createMeta(_ db: Database, ifNotExists: Bool = false) throws {
        try db.create(table: "meta", options: ifNotExists ? [.ifNotExists] : []) { t in
            t.primaryKey("key", .text)
            t.column("value", .text).notNull()
        }
    }

    static func createSummaries(_ db: Database, ifNotExists: Bool = false) throws {
        try db.create(table: "summaries", options: ifNotExists ? [.ifNotExists] : []) { t in
            t.primaryKey("key", .text)
            t.column("body_hash", .text).notNull()
            t.column("prompt_version", .text).notNull()
            t.column("model", .text).notNull()
            t.column("params", .text).notNull()
            t.column("bullets", .text).notNull()          // JSON array of strings
            t.column("input_tokens", .integer).notNull().defaults(to: 0)
            t.column("output_tokens", .integer).notNull().defaults(to: 0)
            t.column("cost_usd", .double).notNull().defaults(to: 0)
            t.column("provider", .text).notNull()
            t.column("truncated", .boolean).notNull().defaults(to: false)
            t.column("created_at", .datetime).notNull()
            t.column("last_used_at", .datetime).notNull()
        }
        try db.create(index: "summaries_model", on: "summaries", columns: ["model"],
                      options: ifNotExists ? [.ifNotExists] : [])
    }

    static func setVersion(_ db: Database, key: String, version: Int) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                       arguments: [key, String(version)])
    }

    /// The version stored under `key`, nil when absent. An unreadable value counts as
    /// "newer": a build that cannot parse it must not write over it.
    /// The schema version stored under `key`; nil when absent. A value that is not a number is
    /// no schema mu wrote: the file is corrupt (``StoreError/notAMuDatabase(path:)`` at `path`).
    static func storedVersion(_ db: Database, key: String, path: String) throws -> Int? {
        guard let text = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) else {
            return nil
        }
        guard let version = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw StoreError.notAMuDatabase(path: path)
        }
        return version
    }
}
