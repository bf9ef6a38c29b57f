import GRDB

/// The `rollups_dirty` table: the files whose functions changed since the stored roll-ups were
/// made, so the roll-up stage recomputes only those files, their directories and the root.
///
/// Filled by triggers on `functions` (insert, delete, and updates of what a roll-up reads: path,
/// qualified name, start line, summary key), inside the very transaction that changes the
/// function, so no writer (an older mu, a killed run, `--no-rollup`, the hook) can change a
/// function without its path being recorded. The triggers record only while the `meta` row
/// `rollups_base` exists (``RollupIndex/baseKey``): before the first complete roll-up there is
/// nothing to keep current, and a cold index pays one primary-key probe per function, not a write.
enum RollupsDirtySchema {
    static let migrationName = "v7-rollups-dirty"
    static let version = 7

    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration(migrationName) { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS rollups_dirty (path TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
                CREATE TRIGGER IF NOT EXISTS rollups_dirty_insert AFTER INSERT ON functions
                  WHEN EXISTS (SELECT 1 FROM meta WHERE key = '\(RollupIndex.baseKey)')
                  BEGIN INSERT OR IGNORE INTO rollups_dirty (path) VALUES (NEW.path); END;
                CREATE TRIGGER IF NOT EXISTS rollups_dirty_delete AFTER DELETE ON functions
                  WHEN EXISTS (SELECT 1 FROM meta WHERE key = '\(RollupIndex.baseKey)')
                  BEGIN INSERT OR IGNORE INTO rollups_dirty (path) VALUES (OLD.path); END;
                CREATE TRIGGER IF NOT EXISTS rollups_dirty_update
                  AFTER UPDATE OF path, qualified_name, start_line, summary_key ON functions
                  WHEN EXISTS (SELECT 1 FROM meta WHERE key = '\(RollupIndex.baseKey)')
                  BEGIN
                    INSERT OR IGNORE INTO rollups_dirty (path) VALUES (OLD.path);
                    INSERT OR IGNORE INTO rollups_dirty (path) VALUES (NEW.path);
                  END;
                """)
            try MuSchema.setVersion(db, key: MuSchema.schemaVersionKey, version: version)
        }
    }
}
