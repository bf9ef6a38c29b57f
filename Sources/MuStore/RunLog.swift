import Foundation
import GRDB

/// The history of `mu summarize` runs (`runs` table).
///
/// Record the start with `start`, then `update` with the final counts and status. A run
/// killed before its update stays `running` with no `finishedAt`.
public struct RunLog: Sendable {
    public let database: MuDatabase

    public init(database: MuDatabase) {
        self.database = database
    }

    /// Stores a new run and returns it with its id.
    public func start(_ record: RunRecord) async throws -> RunRecord {
        let arguments = record.arguments
        let id = try await database.write { db -> Int64 in
            let marks = Array(repeating: "?", count: RunRecord.columnCount).joined(separator: ", ")
            try db.execute(sql: "INSERT INTO main.runs (\(RunRecord.columns)) VALUES (\(marks))", arguments: arguments)
            return db.lastInsertedRowID
        }
        var stored = record
        stored.id = id
        return stored
    }

    /// Stores the current counts and status of a started run (a record without id is inserted).
    @discardableResult
    public func update(_ record: RunRecord) async throws -> RunRecord {
        guard let id = record.id else { return try await start(record) }
        let arguments = record.arguments + [id]
        let assignments = RunRecord.columns
            .split(separator: ",")
            .map { "\($0.trimmingCharacters(in: .whitespacesAndNewlines)) = ?" }
            .joined(separator: ", ")
        try await database.write { db in
            try db.execute(sql: "UPDATE main.runs SET \(assignments) WHERE id = ?", arguments: arguments)
        }
        return record
    }

    /// The most recent runs, newest first.
    public func recent(limit: Int = 10) async throws -> [RunRecord] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM main.runs ORDER BY id DESC LIMIT ?", arguments: [limit])
                .compactMap(RunRecord.init(row:))
        }
    }

    /// The newest run, if any.
    public func latest() async throws -> RunRecord? {
        try await recent(limit: 1).first
    }

    /// Marks runs still recorded as running as interrupted: their process was killed before it
    /// could finish the record. Only call it while holding the run lock (no other run is alive).
    /// Returns how many were marked.
    @discardableResult
    public func markUnfinishedInterrupted() async throws -> Int {
        try await database.write { db in
            try db.execute(sql: """
                UPDATE main.runs SET status = ?, message = COALESCE(message, ?) WHERE status = ?
                """, arguments: [RunStatus.interrupted.rawValue, "the process ended before the run finished",
                                 RunStatus.running.rawValue])
            return db.changesCount
        }
    }
}
