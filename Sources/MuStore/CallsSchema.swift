import GRDB

/// The `calls` table (BRIEF.md: `function_id`, `callee_name`, `line`): one row per call site inside
/// an indexed function, written with the function and dropped with it (foreign key, cascade).
/// `callee_name` is the called name as written (`fetch`, `self.fetch`, `os.path.join`, `Vec::new`);
/// callers and callees resolve it lazily at query time (`CallGraph`).
///
/// A migration of its own, registered after `v1`, so the table can land independently of the
/// extractor that fills it.
enum CallsSchema {
    static let migrationName = "v2-calls"

    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration(migrationName) { db in
            try db.create(table: "calls", options: [.ifNotExists]) { t in
                t.column("function_id", .integer).notNull()
                    .references("functions", column: "id", onDelete: .cascade)
                t.column("callee_name", .text).notNull()
                t.column("line", .integer).notNull()
            }
            try db.create(index: "calls_function", on: "calls", columns: ["function_id"], options: [.ifNotExists])
            try db.create(index: "calls_callee", on: "calls", columns: ["callee_name"], options: [.ifNotExists])
            try MuSchema.setVersion(db, key: MuSchema.schemaVersionKey, version: 2)
        }
    }
}
