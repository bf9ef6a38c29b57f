import Foundation
import GRDB

/// The SQLite store of one repository: `<repo>/.mu/mu.db`, optionally with the summaries
/// in a second file shared by several checkouts (`[cache] path`).
///
/// Opening creates the directory and the file when missing, refuses files that are not
/// mu databases or that a newer mu wrote, and runs the migrations. The database is in
/// WAL mode with a busy timeout, so several processes can read and write it at once.
/// `SymbolIndex`, `SummaryCache`, `FileStateCache`, `RunLog` and `ModelStatisticsStore`
/// are views over one `MuDatabase`.
public final class MuDatabase: Sendable {
    /// The schema version this build writes and understands.
    public static let schemaVersion = MuSchema.version

    /// Absolute path of the main database file.
    public let path: String
    /// Absolute path of the file holding the `summaries` table (equal to `path` by default).
    public let summariesPath: String

    /// True when the summaries live in their own file, possibly shared with other checkouts.
    public var hasSeparateSummaries: Bool { summariesPath != path }

    /// A `DatabasePool` (WAL, concurrent readers) for writers, one read-only `DatabaseQueue` for readers.
    let pool: any DatabaseWriter
    /// Fully qualified name of the summaries table: `main.summaries` or `cache.summaries`.
    let summariesTable: String

    /// How a database is opened.
    public enum Access: Sendable, Hashable {
        /// Creates the file when missing and runs the migrations (`mu summarize` and other writers).
        case readWrite
        /// One read-only connection, no migration, nothing created: the read commands
        /// (`query`, `search`, `show`, `status`, `callers`, `callees`). A schema older or newer than
        /// this build's is a `StoreError` (`olderSchema`, `newerSchema`), a missing file `cannotOpen`,
        /// a damaged one `notAMuDatabase` (``IntegrityCheck``).
        case readOnly
    }

    /// Opens the database at `path`, creating it when missing unless `access` is `.readOnly`.
    ///
    /// - Parameters:
    ///   - path: the main database file, usually `<repo>/.mu/mu.db`.
    ///   - summariesPath: another file for the summaries (e.g. `~/.cache/mu/cache.db`);
    ///     nil or equal to `path` keeps them in the main file.
    ///   - busyTimeout: how long a write waits for another process's lock before
    ///     failing with `StoreError.locked`.
    ///   - access: `.readWrite` (default) or `.readOnly` for commands that only read.
    ///   - checked: run the corruption check (``IntegrityCheck``) after opening; nil = only for
    ///     `.readOnly`. Commands that open an existing index read-write to read it first (`mu cost`,
    ///     the MCP server) pass true.
    /// - Throws: `StoreError` (`notAMuDatabase`, `newerSchema`, `olderSchema`, `readOnly`, `cannotOpen`…).
    public init(path: String, summariesPath: String? = nil, busyTimeout: TimeInterval = 5,
                access: Access = .readWrite, checked: Bool? = nil) throws {
        let path = Self.absolute(path)
        let summariesPath = summariesPath.map(Self.absolute) ?? path
        self.path = path
        self.summariesPath = summariesPath
        let separate = summariesPath != path
        self.summariesTable = separate ? "cache.summaries" : "main.summaries"
        let readOnly = access == .readOnly

        var configuration = Self.configuration(readOnly: readOnly, busyTimeout: busyTimeout)

        if separate {
            if readOnly {
                try Self.requireFile(summariesPath)
                try Self.checkHeader(summariesPath)
            } else {
                try Self.prepareDirectory(for: summariesPath)
                try Self.checkHeader(summariesPath)
                try Self.prepareSummariesFile(summariesPath, configuration: configuration)
            }
            configuration.prepareDatabase { db in
                try db.execute(sql: "ATTACH DATABASE ? AS cache", arguments: [summariesPath])
                if !db.configuration.readonly {
                    try db.execute(sql: "PRAGMA cache.synchronous = NORMAL")
                }
            }
        }

        if readOnly {
            try Self.requireFile(path)
        } else {
            try Self.prepareDirectory(for: path)
        }
        try Self.checkHeader(path)
        do {
            // A reader needs one connection; a pool would open a writer connection as well.
            pool = readOnly ? try DatabaseQueue(path: path, configuration: configuration)
                            : try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw Self.openError(error, path: path)
        }
        do {
            try Self.checkOwnership(pool, path: path, versionKey: MuSchema.schemaVersionKey,
                                    supported: MuSchema.version)
            if readOnly {
                try Self.requireMigrated(pool, path: path)
            } else {
                try Self.migrate(pool)
            }
            if checked ?? readOnly { try IntegrityCheck.verify(pool, path: path) }
        } catch {
            try? pool.close()
            throw Self.openError(error, path: path)
        }
    }

    /// `MU_TRACE_SQL=1`: every statement run, arguments inlined, one line each on stderr (`sql: …`).
    /// What a command asks of the index; bench/mcp.sh replays the search statement as its floor.
    static let traceSQL = ProcessInfo.processInfo.environment["MU_TRACE_SQL"] == "1"

    /// Bytes of the file a read-only open maps (the whole index of a large repository: CPython's is 100 MB).
    static let mmapSize = 1 << 30

    /// Every connection's set-up: busy timeout, `synchronous`, the memory map of read-only opens and the
    /// `MU_TRACE_SQL` trace.
    private static func configuration(readOnly: Bool, busyTimeout: TimeInterval) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "mu"
        configuration.readonly = readOnly
        configuration.prepareDatabase { db in
            // In WAL mode NORMAL never corrupts the file; a power cut may lose the last
            // commits, a killed process loses nothing. FULL would fsync every small
            // transaction, and mu writes many of them.
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            // Readers see pages through a memory map instead of one pread(2) copy each: a long-lived
            // reader (`mu mcp`) otherwise re-reads the FTS index through its 2 MB page cache on every
            // search (14 % of the server's CPU, perf). Not for `mu summarize` and other writers: every
            // mapped page it touches counts in its RSS (a cold run on CPython peaked at 392 MB instead of ~200).
            // `readOnly` is this database's access, not the connection's: a pool's readers are read-only too.
            if readOnly {
                try db.execute(sql: "PRAGMA mmap_size = \(Self.mmapSize)")
            }
            if Self.traceSQL {
                db.trace(options: .statement) { event in
                    let line = "sql: " + event.expandedDescription.split(whereSeparator: \.isNewline).joined(separator: " ") + "\n"
                    FileHandle.standardError.write(Data(line.utf8))
                }
            }
        }
        return configuration
    }

    /// Closes every connection. Further use of the database throws.
    public func close() throws {
        do { try pool.close() } catch { throw StoreError.translating(error, path: path) }
    }

    /// Deletes a database file with its WAL and shared-memory files: the recovery for a
    /// corrupt or foreign `.mu/mu.db` (`mu cache clear --all`). Missing files are fine.
    public static func destroy(at path: String) throws {
        let path = absolute(path)
        for file in [path, path + "-wal", path + "-shm", path + "-journal", IntegrityCheck.stampPath(for: path)] {
            if unlink(file) != 0, errno != ENOENT {
                throw StoreError.fromErrno(errno, path: file)
            }
        }
    }

    /// SQLite's `quick_check` (every page read once, no index cross-checks), skipped while the file is
    /// unchanged since it last passed (``IntegrityCheck``): throws ``StoreError/notAMuDatabase(path:)``
    /// — with its `mu cache clear --all` hint — when bytes in the file were damaged. Read-only opens
    /// (and opens with `checked: true`) run it already.
    public func checkIntegrity() async throws {
        do {
            try IntegrityCheck.verify(pool, path: path)
        } catch {
            throw StoreError.translating(error, path: path)
        }
    }

    /// Copies the write-ahead log into the main file and empties it, so the file alone holds
    /// everything (before copying or inspecting `.mu/mu.db`).
    public func checkpoint() async throws {
        do {
            try await pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        } catch {
            throw StoreError.translating(error, path: path)
        }
    }

    // MARK: - meta

    /// A value of the `meta` table (nil when absent).
    public func metaValue(_ key: String) async throws -> String? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
        }
    }

    /// Sets (or, with nil, removes) a value of the `meta` table.
    public func setMetaValue(_ value: String?, forKey key: String) async throws {
        try await write { db in
            if let value {
                try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
            } else {
                try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [key])
            }
        }
    }

    /// Bytes on disk (file plus WAL) of the main file and of the file holding the
    /// summaries; both are the same number when the summaries live in the main file.
    public func fileSizes() -> (main: Int64, summaries: Int64) {
        func size(_ file: String) -> Int64 {
            [file, file + "-wal"].reduce(0) { total, name in
                let attributes = try? FileManager.default.attributesOfItem(atPath: name)
                return total + ((attributes?[.size] as? NSNumber)?.int64Value ?? 0)
            }
        }
        let main = size(path)
        return (main, hasSeparateSummaries ? size(summariesPath) : main)
    }

    // MARK: - access helpers (errors translated to StoreError)

    /// Runs `updates` in one immediate transaction: all of it is stored, or none.
    func write<T: Sendable>(path: String? = nil, _ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(updates)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw StoreError.translating(error, path: path ?? self.path)
        }
    }

    /// Runs `value` in a read-only snapshot.
    func read<T: Sendable>(path: String? = nil, _ value: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(value)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw StoreError.translating(error, path: path ?? self.path)
        }
    }

    // MARK: - opening

    private static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        return URL(fileURLWithPath: expanded).standardizedFileURL.path
    }

    /// Creates the parent directory; a permission failure becomes `StoreError.readOnly`.
    private static func prepareDirectory(for file: String) throws {
        let directory = (file as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            if !isDirectory.boolValue {
                throw StoreError.cannotOpen(path: file, reason: "\(directory) is not a directory")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.translating(error, path: directory)
        }
    }

    /// Refuses a non-empty file that does not start with the SQLite header, before SQLite
    /// gets a chance to touch it.
    private static func checkHeader(_ file: String) throws {
        guard let handle = FileHandle(forReadingAtPath: file) else { return }   // missing: will be created
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if header.isEmpty { return }   // empty file: SQLite treats it as a new database
        if header != Data("SQLite format 3\0".utf8) {
            throw StoreError.notAMuDatabase(path: file)
        }
    }

    /// Refuses SQLite files that belong to another program, and files a newer mu wrote.
    private static func checkOwnership(_ writer: some DatabaseWriter, path: String,
                                       versionKey: String, supported: Int) throws {
        try writer.read { db in
            let tables = try Set(String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                """))
            if tables.isEmpty { return }
            guard tables.contains("meta") || tables.contains("grdb_migrations") else {
                throw StoreError.notAMuDatabase(path: path)
            }
            if tables.contains("meta"),
               let found = try MuSchema.storedVersion(db, key: versionKey, path: path), found > supported {
                throw StoreError.newerSchema(path: path, found: found, supported: supported)
            }
        }
    }

    /// A read-only open cannot migrate: an index some migrations short was written by an older mu.
    private static func requireMigrated(_ reader: some DatabaseReader, path: String) throws {
        try reader.read { db in
            if try !MuSchema.migrator.hasCompletedMigrations(db) {
                throw StoreError.olderSchema(path: path)
            }
        }
    }

    /// Read-only opens never create files.
    private static func requireFile(_ file: String) throws {
        if !FileManager.default.fileExists(atPath: file) {
            throw StoreError.cannotOpen(path: file, reason: "no such file (run `mu summarize` first)")
        }
    }

    private static func migrate(_ pool: any DatabaseWriter) throws {
        let migrator = MuSchema.migrator
        do {
            try migrator.migrate(pool)
        } catch {
            // Another process may have run the same migration between our check and our
            // write: its result is what we wanted.
            if (try? pool.read(migrator.hasCompletedMigrations)) == true { return }
            throw error
        }
    }

    private static func prepareSummariesFile(_ file: String, configuration: Configuration) throws {
        do {
            let pool = try DatabasePool(path: file, configuration: configuration)
            defer { try? pool.close() }
            try checkOwnership(pool, path: file, versionKey: MuSchema.cacheSchemaVersionKey,
                               supported: MuSchema.cacheVersion)
            try pool.barrierWriteWithoutTransaction { db in
                try MuSchema.prepareCacheFile(db, path: file)
            }
        } catch {
            throw openError(error, path: file)
        }
    }

    /// Like `StoreError.translating`, but a file SQLite cannot open in a directory we
    /// cannot write is reported as read-only rather than as a vague open failure.
    private static func openError(_ error: any Error, path: String) -> StoreError {
        let translated = StoreError.translating(error, path: path)
        if case .cannotOpen = translated {
            let directory = (path as NSString).deletingLastPathComponent
            if access(directory, W_OK) != 0 || (access(path, F_OK) == 0 && access(path, W_OK) != 0) {
                return .readOnly(path: path)
            }
        }
        return translated
    }
}
