import Foundation
import GRDB

/// Per-file state from the last run, so unchanged files are neither read nor parsed.
///
/// For a whole-tree walk, load `allStates()` once and compare in memory with
/// `FileState.matches`; `isUnchanged` is the one-file shortcut.
public struct FileStateCache: Sendable {
    public let database: MuDatabase

    public init(database: MuDatabase) {
        self.database = database
    }

    /// The stored state of one file.
    public func state(for path: String) async throws -> FileState? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM main.files WHERE path = ?", arguments: [path])
                .flatMap(FileState.init(row:))
        }
    }

    /// Every stored state, by path (one query).
    public func allStates() async throws -> [String: FileState] {
        try await database.read { db in
            var states: [String: FileState] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM main.files")
            while let row = try cursor.next() {
                if let state = FileState(row: row) { states[state.path] = state }
            }
            return states
        }
    }

    /// Every recorded path (to find files deleted since the last run).
    public func allPaths() async throws -> [String] {
        try await database.read { db in
            try String.fetchAll(db, sql: "SELECT path FROM main.files ORDER BY path")
        }
    }

    /// Whether the file is recorded with matching observations (see `FileState.matches`).
    public func isUnchanged(path: String, size: Int64, mtimeNs: Int64, inode: UInt64,
                            blobId: String?) async throws -> Bool {
        try await state(for: path)?.matches(size: size, mtimeNs: mtimeNs, inode: inode, blobId: blobId) ?? false
    }

    /// Records states (insert or replace), in one transaction.
    public func upsert(_ states: [FileState]) async throws {
        guard !states.isEmpty else { return }
        try await database.write { db in
            for state in states { try Self.upsert(state, db) }
        }
    }

    public func upsert(_ state: FileState) async throws {
        try await upsert([state])
    }

    /// Forgets files (their functions are not touched: see `SymbolIndex.removeFiles`).
    public func remove(paths: [String]) async throws {
        guard !paths.isEmpty else { return }
        try await database.write { db in
            for path in paths {
                try db.execute(sql: "DELETE FROM main.files WHERE path = ?", arguments: [path])
            }
        }
    }

    static func upsert(_ state: FileState, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO main.files (path, size, mtime_ns, inode, blob_id, language, indexed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [state.path, state.size, state.mtimeNs, Int64(bitPattern: state.inode),
                             state.blobId, state.language, state.indexedAt])
    }
}
