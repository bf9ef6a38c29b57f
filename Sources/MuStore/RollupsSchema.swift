import GRDB

/// The `rollups` table (BRIEF.md): one summary per file, directory and the repository (`.`),
/// pointing into the summaries cache. `children_hash` is the hash of the children's summaries
/// the roll-up was made from; equal hash, equal summary.
enum RollupsSchema {
    static let migrationName = "v3-rollups"

    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration(migrationName) { db in
            try db.create(table: "rollups", options: [.ifNotExists]) { t in
                t.primaryKey("path", .text)
                t.column("kind", .text).notNull()
                t.column("children_hash", .text).notNull()
                t.column("summary_key", .text).notNull()
            }
            try MuSchema.setVersion(db, key: MuSchema.schemaVersionKey, version: 3)
        }
    }
}
