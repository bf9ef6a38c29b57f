import GRDB

/// Schema version 6: two indexes that let a glob with many matches (`test_*`) read its best
/// matches first instead of sorting all of them.
///
/// `mu query` and the MCP `find_symbol` rank glob matches by qualified-name length first
/// (``SymbolQuery``). With an index on `(length(qualified_name), name)` and one on
/// `(length(qualified_name), qualified_name)`, the query walks the lengths upwards and, at each
/// length, range-scans the names (or qualified names) starting with the glob's literal prefix,
/// stopping once it has `limit` matches. Only `length()` (a deterministic built-in) is used, so
/// any SQLite reader can open and write the file.
enum SymbolLengthIndexes {
    static let migrationName = "v6-symbol-length-indexes"
    static let byName = "functions_length_name"
    static let byQualifiedName = "functions_length_qualified_name"

    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration(migrationName) { db in
            try create(db)
            try MuSchema.setVersion(db, key: MuSchema.schemaVersionKey, version: 6)
        }
    }

    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX IF NOT EXISTS \(byName) ON functions (length(qualified_name), name);
            CREATE INDEX IF NOT EXISTS \(byQualifiedName) ON functions (length(qualified_name), qualified_name);
            """)
    }
}
