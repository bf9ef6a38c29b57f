import GRDB

extension SummaryCache {
    /// The stored summaries in key order, a page at a time (`mu cache push` walks them all without
    /// holding them all). Unreadable rows are skipped.
    public func summaries(afterKey: String, limit: Int) async throws -> [Summary] {
        let table = database.summariesTable
        return try await database.read(path: database.summariesPath) { db in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE key > ? ORDER BY key LIMIT ?",
                             arguments: [afterKey, limit])
                .compactMap { Summary(row: $0) }
        }
    }
}
