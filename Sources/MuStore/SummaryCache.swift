import Foundation
import GRDB

/// The summary cache: an in-process LRU in front of the `summaries` table.
///
/// Keys are computed by the caller (`SummaryKey.material` hashed with SHA-256). Only
/// valid summaries are stored. Each `store` is its own small transaction, so a run that
/// is killed keeps every summary it already received. `last_used_at` of disk hits is
/// written in batches: call `flush()` at the end of a run.
public actor SummaryCache {
    public let database: MuDatabase
    private var memory: LRUCache<String, Summary>
    private var pendingTouches: Set<String> = []
    private var counts = CacheHitCounts()

    /// Disk hits whose `last_used_at` is written at once rather than at `flush()`.
    private let touchBatchSize = 128

    /// - Parameter capacity: maximum summaries kept in memory (LRU eviction beyond it).
    public init(database: MuDatabase, capacity: Int = 10_000) {
        self.database = database
        self.memory = LRUCache(capacity: capacity)
    }

    /// Lookup outcomes since this instance was created.
    public var hitCounts: CacheHitCounts { counts }

    /// Number of summaries held in memory.
    public var memoryCount: Int { memory.count }

    /// Finds the summary for `key` in memory, then on disk. A disk row that cannot be
    /// decoded counts as a miss (it will be overwritten by the next `store`).
    public func lookup(_ key: String) async throws -> CacheLookup {
        if let summary = memory.get(key) {
            counts.memory += 1
            return .memory(summary)
        }
        let table = database.summariesTable
        let found = try await database.read(path: database.summariesPath) { db in
            try SearchText.summary(forKey: key, table: table, db)
        }
        guard let found else {
            counts.misses += 1
            return .miss
        }
        counts.disk += 1
        memory.set(key, found)
        pendingTouches.insert(key)
        if pendingTouches.count >= touchBatchSize { try await flush() }
        return .disk(found)
    }

    /// Stores a summary (replacing any row with the same key) and refreshes the search
    /// text of the functions that reference it.
    ///
    /// - Throws: `StoreError.invalidSummary` for an invalid summary; nothing is written.
    public func store(_ summary: Summary) async throws {
        if let reason = summary.validationFailure {
            throw StoreError.invalidSummary(key: summary.key, reason: reason)
        }
        let table = database.summariesTable
        let text = summary.text
        try await database.write(path: database.summariesPath) { db in
            try db.cachedStatement(sql: Summary.replaceSQL(into: table)).execute(arguments: summary.storedValues)
            try SearchText.setSummary(text, forFunctionsWithKey: summary.key, db)
        }
        memory.set(summary.key, summary)
        pendingTouches.remove(summary.key)
    }

    /// Stores several summaries in one transaction (fast producers such as the extractive
    /// provider); all are validated first, and none is written if one is invalid.
    public func store(_ summaries: [Summary]) async throws {
        guard !summaries.isEmpty else { return }
        for summary in summaries {
            if let reason = summary.validationFailure {
                throw StoreError.invalidSummary(key: summary.key, reason: reason)
            }
        }
        let table = database.summariesTable
        try await database.write(path: database.summariesPath) { db in
            for summary in summaries {
                try db.cachedStatement(sql: Summary.replaceSQL(into: table)).execute(arguments: summary.storedValues)
                try SearchText.setSummary(summary.text, forFunctionsWithKey: summary.key, db)
            }
        }
        for summary in summaries {
            memory.set(summary.key, summary)
            pendingTouches.remove(summary.key)
        }
    }

    /// Writes the pending `last_used_at` updates of disk hits.
    public func flush() async throws {
        guard !pendingTouches.isEmpty else { return }
        let keys = Array(pendingTouches)
        pendingTouches.removeAll()
        let table = database.summariesTable
        let now = Date()
        try await database.write(path: database.summariesPath) { db in
            for chunk in keys.chunked(500) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                try db.execute(sql: "UPDATE \(table) SET last_used_at = ? WHERE key IN (\(marks))",
                               arguments: [now] + StatementArguments(chunk))
            }
        }
    }

    /// Entries, sizes and per-model totals.
    public func stats() async throws -> CacheStats {
        let table = database.summariesTable
        let (entries, bytes, models) = try await database.read(path: database.summariesPath) { db in
            let totals = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, SUM(length(bullets)) AS bytes FROM \(table)")
            let models = try Row.fetchAll(db, sql: """
                SELECT model, COUNT(*) AS n, SUM(input_tokens) AS input, SUM(output_tokens) AS output,
                       SUM(cost_usd) AS cost
                FROM \(table) GROUP BY model ORDER BY n DESC, model
                """).map { row in
                    ModelCacheStats(model: row.lenientString("model") ?? "", entries: row.lenientInt("n") ?? 0,
                                    inputTokens: row.lenientInt("input") ?? 0,
                                    outputTokens: row.lenientInt("output") ?? 0,
                                    costUSD: row.lenientDouble("cost") ?? 0)
                }
            return (totals?.lenientInt("n") ?? 0, totals?.lenientInt64("bytes") ?? 0, models)
        }
        return CacheStats(entries: entries, textBytes: bytes, fileBytes: database.fileSizes().summaries,
                          memoryEntries: memory.count, byModel: models, hits: counts)
    }

    /// Deletes the summaries of one model. Returns how many were deleted.
    @discardableResult
    public func clear(model: String) async throws -> Int {
        let table = database.summariesTable
        let deleted = try await database.write(path: database.summariesPath) { db -> Int in
            try SearchText.clearSummaries(matching: "SELECT key FROM \(table) WHERE model = ?",
                                          arguments: [model], db)
            try db.execute(sql: "DELETE FROM \(table) WHERE model = ?", arguments: [model])
            return db.changesCount
        }
        memory.removeAll { $0.model == model }
        pendingTouches.removeAll()
        try await RollupIndex(database: database).markCurrent(nil)   // roll-up summaries may be among them
        return deleted
    }

    /// Deletes every summary (of every checkout, when the summaries file is shared).
    @discardableResult
    public func clearAll() async throws -> Int {
        let table = database.summariesTable
        let deleted = try await database.write(path: database.summariesPath) { db -> Int in
            try SearchText.clearSummaries(matching: "SELECT key FROM \(table)", arguments: [], db)
            try db.execute(sql: "DELETE FROM \(table)")
            return db.changesCount
        }
        memory.removeAll()
        pendingTouches.removeAll()
        return deleted
    }

    /// Deletes the summaries no indexed function references.
    ///
    /// - Parameter unusedSince: when given, only summaries whose `last_used_at` is older
    ///   are deleted. Pass a date when the summaries file is shared: other checkouts'
    ///   summaries are unreferenced here but still in use there.
    @discardableResult
    public func prune(unusedSince: Date? = nil) async throws -> Int {
        try await flush()
        let table = database.summariesTable
        let deletedKeys = try await database.write(path: database.summariesPath) { db -> [String] in
            var condition = "key NOT IN (SELECT summary_key FROM main.functions WHERE summary_key IS NOT NULL) AND key NOT IN (SELECT summary_key FROM main.rollups)"
            var arguments: StatementArguments = []
            if let unusedSince {
                condition += " AND last_used_at < ?"
                arguments += [unusedSince]
            }
            let keys = try String.fetchAll(db, sql: "SELECT key FROM \(table) WHERE \(condition)", arguments: arguments)
            try db.execute(sql: "DELETE FROM \(table) WHERE \(condition)", arguments: arguments)
            return keys
        }
        for key in deletedKeys { memory.remove(key) }
        return deletedKeys.count
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0 ..< Swift.min($0 + size, count)] }
    }
}
