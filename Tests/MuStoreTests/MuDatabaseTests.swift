import Foundation
import GRDB
import Testing
@testable import MuStore

@Suite("MuDatabase: schema, reopening, bad files")
struct MuDatabaseTests {
    @Test func migrationsCreateTheSchema() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let database = try MuDatabase.temporary(in: dir)

        let (tables, indexes, journal, summaryColumns, functionColumns, ftsSQL) = try await database.pool.read { db in
            (try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")),
             try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'")),
             try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try db.columns(in: "summaries").map(\.name),
             try db.columns(in: "functions").map(\.name),
             try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'functions_fts'"))
        }
        for table in ["summaries", "functions", "files", "functions_fts", "meta", "runs", "model_stats"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        for index in ["functions_name", "functions_qualified_name", "functions_path", "functions_body_hash"] {
            #expect(indexes.contains(index), "missing index \(index)")
        }
        #expect(journal == "wal")
        #expect(summaryColumns == ["key", "body_hash", "prompt_version", "model", "params", "bullets", "input_tokens",
                                   "output_tokens", "cost_usd", "provider", "truncated", "created_at", "last_used_at",
                                   "latency_ms", "cache_read_tokens", "cache_write_tokens"])
        #expect(functionColumns == ["id", "path", "language", "name", "qualified_name", "kind", "signature",
                                    "start_line", "end_line", "body_hash", "summary_key", "indexed_commit"])
        #expect(ftsSQL?.contains("porter unicode61") == true)
        #expect(try await database.metaValue("schema_version") == String(MuDatabase.schemaVersion))
    }

    /// Read-only opens (read commands, `mu mcp`) read pages through a memory map; writers, and the
    /// read connections of a writer's pool, do not (a cold run's RSS would count every mapped page).
    @Test func onlyReadOnlyOpensMapTheFile() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let writer = try MuDatabase.temporary(in: dir)
        let mmapSize: @Sendable (Database) throws -> Int = { try Int.fetchOne($0, sql: "PRAGMA mmap_size") ?? -1 }
        #expect(try await writer.read(mmapSize) == 0)
        #expect(try await writer.write(mmapSize) == 0)
        try writer.close()
        let reader = try MuDatabase(path: dir.path(".mu/mu.db"), access: .readOnly)
        #expect(try await reader.read(mmapSize) == MuDatabase.mmapSize)
        try reader.close()
    }

    @Test func reopeningKeepsData() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        do {
            let database = try MuDatabase.temporary(in: dir)
            try await SummaryCache(database: database).store(Fixture.summary("k1"))
            try await SymbolIndex(database: database).replaceFunctions(
                inFile: "src/a.py", with: [Fixture.function("f", summaryKey: "k1")], commit: "abc")
            try await SymbolIndex(database: database).setLastIndexedCommit("abc")
            try database.close()
        }
        let reopened = try MuDatabase.temporary(in: dir)
        let functions = try await SymbolIndex(database: reopened).functions(inPath: "src/a.py")
        #expect(functions.map(\.qualifiedName) == ["f"])
        #expect(functions.first?.summary?.bullets == ["Does a thing."])
        #expect(functions.first?.indexedCommit == "abc")
        #expect(try await SymbolIndex(database: reopened).lastIndexedCommit() == "abc")
        #expect(try await SummaryCache(database: reopened).lookup("k1") != .miss)
    }

    @Test func schemaFromANewerMuIsRefused() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        do {
            let database = try MuDatabase.temporary(in: dir)
            try await database.setMetaValue("99", forKey: "schema_version")
            try database.close()
        }
        let error = #expect(throws: StoreError.self) { try MuDatabase.temporary(in: dir) }
        #expect(error == .newerSchema(path: dir.path(".mu/mu.db"), found: 99, supported: MuDatabase.schemaVersion))
        #expect(error?.description.contains("upgrade mu") == true)
    }

    @Test func aNonNumericSchemaVersionIsACorruptFileNotAHugeSchema() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        do {
            let database = try MuDatabase.temporary(in: dir)
            try await database.setMetaValue("nine", forKey: "schema_version")
            try database.close()
        }
        let error = #expect(throws: StoreError.self) { try MuDatabase.temporary(in: dir) }
        #expect(error == .notAMuDatabase(path: dir.path(".mu/mu.db")))
        #expect(error?.description.contains("9223372036854775807") == false)
    }

    @Test func randomBytesAreNotAMuDatabase() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path(".mu/mu.db")
        try FileManager.default.createDirectory(atPath: dir.path(".mu"), withIntermediateDirectories: true)
        var generator = SystemRandomNumberGenerator()
        try Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: URL(fileURLWithPath: path))

        let error = #expect(throws: StoreError.self) { try MuDatabase(path: path) }
        #expect(error == .notAMuDatabase(path: path))
        #expect(error?.description.contains("mu cache clear --all") == true)

        // The documented recovery works.
        try MuDatabase.destroy(at: path)
        _ = try MuDatabase(path: path)
    }

    @Test func sqliteHeaderFollowedByGarbageIsNotAMuDatabase() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("mu.db")
        var bytes = Data("SQLite format 3\0".utf8)
        bytes.append(Data(repeating: 0xA5, count: 4096))
        try bytes.write(to: URL(fileURLWithPath: path))

        #expect(throws: StoreError.notAMuDatabase(path: path)) { try MuDatabase(path: path) }
    }

    @Test func anotherProgramsSQLiteFileIsRefusedAndLeftAlone() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("foreign.db")
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { try $0.execute(sql: "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)") }
            try queue.close()
        }
        #expect(throws: StoreError.notAMuDatabase(path: path)) { try MuDatabase(path: path) }
        let tables = try DatabaseQueue(path: path).read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        #expect(tables == ["users"])
    }

    @Test func emptyFileIsANewDatabase() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("mu.db")
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        let database = try MuDatabase(path: path)
        #expect(try await SymbolIndex(database: database).counts().functions == 0)
    }

    @Test func readOnlyDirectoryIsReported() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path: String
        if geteuid() == 0 {
            // Root ignores permission bits; sysfs refuses new entries even to root.
            path = "/sys/mu-store-test-\(UUID().uuidString)/.mu/mu.db"
        } else {
            let locked = dir.path("locked")
            try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked)
            path = locked + "/.mu/mu.db"
        }
        let error = #expect(throws: StoreError.self) { try MuDatabase(path: path) }
        guard case .readOnly = error else {
            Issue.record("expected readOnly, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("read-only") == true)
    }

    @Test func diskFullLeavesNoPartialRows() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let database = try MuDatabase.temporary(in: dir)
        let index = SymbolIndex(database: database)
        try await index.replaceFunctions(inFile: "src/a.py", with: [Fixture.function("kept")], commit: nil)

        // Cap the file a few pages above its current size: the next big write hits SQLITE_FULL.
        try await database.pool.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages + 4)")
        }
        let big = (0..<400).map { i in
            var function = Fixture.function("big\(i)")
            function.signature = String(repeating: "x", count: 2000)
            return function
        }
        let error = await #expect(throws: StoreError.self) {
            try await index.replaceFunctions(inFile: "src/a.py", with: big, commit: nil)
        }
        #expect(error == .diskFull(path: database.path))
        // The transaction was rolled back: the old functions are intact, none of the new ones exist.
        #expect(try await index.functions(inPath: "src/a.py").map(\.qualifiedName) == ["kept"])
        #expect(try await index.search("kept").map(\.function.qualifiedName) == ["kept"])
    }

    @Test func lockHeldPastTheBusyTimeoutIsReported() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path(".mu/mu.db")
        let database = try MuDatabase(path: path, busyTimeout: 0.05)
        // Another connection keeps a write transaction open.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: path, configuration: configuration)
        try await other.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }

        let error = await #expect(throws: StoreError.self) {
            try await SymbolIndex(database: database).replaceFunctions(inFile: "a.py", with: [Fixture.function("f")],
                                                                       commit: nil)
        }
        #expect(error == .locked(path: path))
        #expect(error?.description.contains("locked by another process") == true)

        try await other.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        try await SymbolIndex(database: database).replaceFunctions(inFile: "a.py", with: [Fixture.function("f")],
                                                                   commit: nil)
    }

    @Test func summariesCanLiveInASharedFile() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let shared = dir.path("cache/cache.db")
        let first = try MuDatabase(path: dir.path("a/.mu/mu.db"), summariesPath: shared)
        let second = try MuDatabase(path: dir.path("b/.mu/mu.db"), summariesPath: shared)
        #expect(first.hasSeparateSummaries)

        let summary = Fixture.summary("k1", bullets: ["Retries with backoff."])
        try await SummaryCache(database: first).store(summary)
        // Another checkout sharing the file finds it on disk.
        let found = try await SummaryCache(database: second).lookup("k1")
        guard case .disk(let loaded) = found else {
            Issue.record("expected a disk hit, got \(found)")
            return
        }
        #expect(loaded.bullets == summary.bullets)
        #expect(loaded.model == summary.model)

        // Joins and search across the two files work.
        let index = SymbolIndex(database: second)
        let stored = try await index.replaceFunctions(inFile: "x.py", with: [Fixture.function("retry", summaryKey: "k1")],
                                                      commit: nil)
        #expect(stored.first?.summary?.bullets == ["Retries with backoff."])
        #expect(try await index.search("backoff").map(\.function.qualifiedName) == ["retry"])
        #expect(try await index.counts().withSummary == 1)

        // The main files hold no summaries.
        let inMain = try await first.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM main.summaries") }
        #expect(inMain == 0)
    }

    @Test func foreignSharedSummariesFileIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let shared = dir.path("cache.db")
        try Data("not a database at all, just text".utf8).write(to: URL(fileURLWithPath: shared))
        #expect(throws: StoreError.notAMuDatabase(path: shared)) {
            try MuDatabase(path: dir.path(".mu/mu.db"), summariesPath: shared)
        }
    }
}
