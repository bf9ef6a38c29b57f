import Foundation
import GRDB

/// A provider batch as the index records it (`batches` row).
public struct BatchRecord: Sendable, Hashable {
    public var id: String
    public var provider: String
    public var model: String
    /// The provider state in mu's words (MuLLM's `BatchState` raw value).
    public var status: String
    public var createdAt: Date
    public var requestCount: Int
    /// Requests answered so far, as last polled.
    public var completed: Int
    public var resultsLocation: String?
    public var errorsLocation: String?
    /// When `mu batch collect` (or a later `summarize`) took its results in; nil while pending.
    public var collectedAt: Date?

    public init(id: String, provider: String, model: String, status: String, createdAt: Date = Date(),
                requestCount: Int, completed: Int = 0, resultsLocation: String? = nil,
                errorsLocation: String? = nil, collectedAt: Date? = nil) {
        self.id = id
        self.provider = provider
        self.model = model
        self.status = status
        self.createdAt = createdAt
        self.requestCount = requestCount
        self.completed = completed
        self.resultsLocation = resultsLocation
        self.errorsLocation = errorsLocation
        self.collectedAt = collectedAt
    }

    init(row: Row) {
        self.init(id: row["id"], provider: row["provider"], model: row["model"], status: row["status"],
                  createdAt: row["created_at"], requestCount: row["request_count"], completed: row["completed"],
                  resultsLocation: row["results_location"], errorsLocation: row["errors_location"],
                  collectedAt: row["collected_at"])
    }
}

/// One request of a batch (`batch_requests` row): `custom_id` → cache key and the function it summarizes.
public struct BatchRequestRecord: Sendable, Hashable {
    /// Where a request of a batch stands.
    public enum State: String, Sendable, Hashable {
        /// Submitted; its key is not sent live while the batch runs.
        case pending
        /// Its summary is in the cache.
        case done
        /// No summary from the batch (errored, cancelled, expired, invalid): the next run may send it live.
        case failed
    }

    public var customID: String
    /// The cache key (hex) and its components.
    public var key: String
    public var components: SummaryKey
    /// `path:line qualified.name` of the function it was made from.
    public var location: String
    /// The request itself, encoded by the caller (MuKit: MuLLM's `SummaryRequest` as JSON).
    public var request: String
    public var redactions: Int
    public var truncated: Bool
    public var state: State

    public init(customID: String, key: String, components: SummaryKey, location: String, request: String,
                redactions: Int = 0, truncated: Bool = false, state: State = .pending) {
        self.customID = customID
        self.key = key
        self.components = components
        self.location = location
        self.request = request
        self.redactions = redactions
        self.truncated = truncated
        self.state = state
    }

    init(row: Row) {
        self.init(customID: row["custom_id"], key: row["key"],
                  components: SummaryKey(bodyHash: row["body_hash"], promptVersion: row["prompt_version"],
                                         model: row["model"], params: row["params"]),
                  location: row["location"], request: row["request"], redactions: row["redactions"],
                  truncated: (row["truncated"] as Int? ?? 0) != 0,
                  state: State(rawValue: row["state"] ?? "") ?? .failed)
    }
}

/// Reads and writes the `batches` and `batch_requests` tables.
public struct BatchStore: Sendable {
    public let database: MuDatabase

    public init(database: MuDatabase) {
        self.database = database
    }

    /// Records a submitted batch and its requests in one transaction.
    public func record(_ batch: BatchRecord, requests: [BatchRequestRecord]) async throws {
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO main.batches (id, provider, model, status, created_at, request_count, completed,
                                          results_location, errors_location, collected_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [batch.id, batch.provider, batch.model, batch.status, batch.createdAt,
                                 batch.requestCount, batch.completed, batch.resultsLocation,
                                 batch.errorsLocation, batch.collectedAt])
            let insert = try db.cachedStatement(sql: """
                INSERT INTO main.batch_requests (batch_id, custom_id, key, body_hash, prompt_version, model, params,
                                                 location, request, redactions, truncated, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for request in requests {
                try insert.execute(arguments: [
                    batch.id, request.customID, request.key, request.components.bodyHash,
                    request.components.promptVersion, request.components.model, request.components.params,
                    request.location, request.request, request.redactions, request.truncated ? 1 : 0,
                    request.state.rawValue,
                ])
            }
        }
    }

    /// Every batch, newest first.
    public func all() async throws -> [BatchRecord] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM main.batches ORDER BY created_at DESC, id").map(BatchRecord.init(row:))
        }
    }

    /// Batches whose results have not been taken in yet, oldest first.
    public func uncollected() async throws -> [BatchRecord] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM main.batches WHERE collected_at IS NULL ORDER BY created_at, id")
                .map(BatchRecord.init(row:))
        }
    }

    /// One batch, or nil.
    public func batch(id: String) async throws -> BatchRecord? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM main.batches WHERE id = ?", arguments: [id]).map(BatchRecord.init(row:))
        }
    }

    /// Stores the provider's latest view of a batch.
    public func updateStatus(id: String, status: String, completed: Int, resultsLocation: String?,
                             errorsLocation: String?) async throws {
        try await database.write { db in
            try db.execute(sql: """
                UPDATE main.batches SET status = ?, completed = ?, results_location = ?, errors_location = ? WHERE id = ?
                """, arguments: [status, completed, resultsLocation, errorsLocation, id])
        }
    }

    /// Marks a batch's results as taken in; its requests still pending become failed (no result came back).
    public func markCollected(id: String, at date: Date = Date()) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE main.batch_requests SET state = ? WHERE batch_id = ? AND state = ?",
                           arguments: [BatchRequestRecord.State.failed.rawValue, id, BatchRequestRecord.State.pending.rawValue])
            try db.execute(sql: "UPDATE main.batches SET collected_at = ? WHERE id = ?", arguments: [date, id])
        }
    }

    /// The requests of a batch, in submission order.
    public func requests(inBatch id: String) async throws -> [BatchRequestRecord] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM main.batch_requests WHERE batch_id = ? ORDER BY rowid", arguments: [id])
                .map(BatchRequestRecord.init(row:))
        }
    }

    /// Sets the state of some requests of a batch.
    public func setState(_ state: BatchRequestRecord.State, batchID: String, customIDs: [String]) async throws {
        guard !customIDs.isEmpty else { return }
        try await database.write { db in
            let update = try db.cachedStatement(sql: "UPDATE main.batch_requests SET state = ? WHERE batch_id = ? AND custom_id = ?")
            for id in customIDs { try update.execute(arguments: [state.rawValue, batchID, id]) }
        }
    }

    /// Cache keys waiting in uncollected batches: a run must not pay for them live.
    public func pendingKeys() async throws -> Set<String> {
        try await database.read { db in
            Set(try String.fetchAll(db, sql: """
                SELECT r.key FROM main.batch_requests r JOIN main.batches b ON b.id = r.batch_id
                WHERE b.collected_at IS NULL AND r.state = ?
                """, arguments: [BatchRequestRecord.State.pending.rawValue]))
        }
    }

    /// Ids of indexed functions without a summary whose body hash is one of `bodyHashes`, by hash.
    public func functionsWaiting(forBodyHashes bodyHashes: [String]) async throws -> [String: [Int64]] {
        guard !bodyHashes.isEmpty else { return [:] }
        return try await database.read { db in
            var found: [String: [Int64]] = [:]
            for chunk in stride(from: 0, to: bodyHashes.count, by: 500) {
                let slice = Array(bodyHashes[chunk..<min(bodyHashes.count, chunk + 500)])
                let marks = Array(repeating: "?", count: slice.count).joined(separator: ", ")
                let rows = try Row.fetchAll(db, sql: """
                    SELECT id, body_hash FROM main.functions WHERE summary_key IS NULL AND body_hash IN (\(marks))
                    """, arguments: StatementArguments(slice))
                for row in rows { found[row["body_hash"], default: []].append(row["id"]) }
            }
            return found
        }
    }
}
