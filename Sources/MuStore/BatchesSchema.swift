import GRDB

/// The `batches` table (BRIEF.md: pending provider batches) and its `batch_requests`: every batch
/// `summarize --batch` submitted, and for each request its `custom_id`, the cache key and key
/// components it will be stored under, the function it was made from (`location`) and the request
/// itself (JSON, so `mu batch collect` in another process can judge the reply against the body and
/// re-ask it live). Written before `summarize --batch` returns: a killed process loses no batch.
enum BatchesSchema {
    static let migrationName = "v5-batches"

    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration(migrationName) { db in
            try db.create(table: "batches", options: [.ifNotExists]) { t in
                t.primaryKey("id", .text)
                t.column("provider", .text).notNull()
                t.column("model", .text).notNull()
                t.column("status", .text).notNull()
                t.column("created_at", .datetime).notNull()
                t.column("request_count", .integer).notNull()
                t.column("completed", .integer).notNull().defaults(to: 0)
                t.column("results_location", .text)
                t.column("errors_location", .text)
                t.column("collected_at", .datetime)
            }
            try db.create(table: "batch_requests", options: [.ifNotExists]) { t in
                t.column("batch_id", .text).notNull().references("batches", column: "id", onDelete: .cascade)
                t.column("custom_id", .text).notNull()
                t.column("key", .text).notNull()
                t.column("body_hash", .text).notNull()
                t.column("prompt_version", .text).notNull()
                t.column("model", .text).notNull()
                t.column("params", .text).notNull()
                t.column("location", .text).notNull()
                t.column("request", .text).notNull()
                t.column("redactions", .integer).notNull().defaults(to: 0)
                t.column("truncated", .integer).notNull().defaults(to: 0)
                t.column("state", .text).notNull()
                t.primaryKey(["batch_id", "custom_id"])
            }
            try db.create(index: "batch_requests_key", on: "batch_requests", columns: ["key"], options: [.ifNotExists])
            try MuSchema.setVersion(db, key: MuSchema.schemaVersionKey, version: 5)
        }
    }
}
