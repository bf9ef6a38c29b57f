import Foundation
import GRDB
import Testing
@testable import MuStore

/// `MuDatabase(access: .readOnly)`, the read commands' open: no migration, no file created,
/// no writes, and a schema from another mu is a clear error.
@Suite("MuDatabase: read-only access")
struct ReadOnlyDatabaseTests {
    @Test func readsWhatAWriterStored() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        do {
            let writer = try MuDatabase.temporary(in: dir)
            try await SummaryCache(database: writer).store(Fixture.summary("k1"))
            try await SymbolIndex(database: writer).replaceFunctions(
                inFile: "src/a.py", with: [Fixture.function("Session.request", summaryKey: "k1")], commit: "abc")
            try writer.close()
        }
        let reader = try MuDatabase(path: dir.path(".mu/mu.db"), access: .readOnly)
        let matches = try await SymbolIndex(database: reader).query("request", limit: 5)
        #expect(matches.map(\.function.qualifiedName) == ["Session.request"])
        #expect(matches.first?.function.summary?.bullets == ["Does a thing."])
        // Writes are refused, and nothing was changed by opening.
        await #expect(throws: StoreError.readOnly(path: dir.path(".mu/mu.db"))) {
            try await reader.setMetaValue("x", forKey: "probe")
        }
        #expect(try await reader.metaValue("probe") == nil)
    }

    @Test func aMissingFileIsNotCreated() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path(".mu/mu.db")
        let error = #expect(throws: StoreError.self) { try MuDatabase(path: path, access: .readOnly) }
        guard case .cannotOpen = error else { Issue.record("expected cannotOpen, got \(String(describing: error))"); return }
        #expect(!FileManager.default.fileExists(atPath: dir.path(".mu")))
    }

    @Test func anIndexFromAnOlderMuIsAClearError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path(".mu/mu.db")
        do {
            let writer = try MuDatabase.temporary(in: dir)
            // Pretend the last migration never ran, as in a file an older build wrote.
            try writer.pool.write { db in try db.execute(sql: "DELETE FROM grdb_migrations") }
            try writer.close()
        }
        let error = #expect(throws: StoreError.self) { try MuDatabase(path: path, access: .readOnly) }
        #expect(error == .olderSchema(path: path))
        #expect(error?.description.contains("mu summarize") == true)
    }

    @Test func anIndexFromANewerMuIsRefused() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        do {
            let writer = try MuDatabase.temporary(in: dir)
            try await writer.setMetaValue("99", forKey: "schema_version")
            try writer.close()
        }
        let path = dir.path(".mu/mu.db")
        #expect(throws: StoreError.newerSchema(path: path, found: 99, supported: MuDatabase.schemaVersion)) {
            try MuDatabase(path: path, access: .readOnly)
        }
    }

    @Test func readsSummariesFromASeparateCacheFile() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let shared = dir.path("cache/summaries.db")
        do {
            let writer = try MuDatabase.temporary(in: dir, summariesPath: shared)
            try await SummaryCache(database: writer).store(Fixture.summary("k1", bullets: ["Shared."]))
            try await SymbolIndex(database: writer).replaceFunctions(
                inFile: "src/a.py", with: [Fixture.function("f", summaryKey: "k1")], commit: nil)
            try writer.close()
        }
        let reader = try MuDatabase(path: dir.path(".mu/mu.db"), summariesPath: shared, access: .readOnly)
        let functions = try await SymbolIndex(database: reader).functions(inPath: "src/a.py")
        #expect(functions.first?.summary?.bullets == ["Shared."])
    }

    @Test func randomBytesAreNotAMuDatabase() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("mu.db")
        _ = FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x41, count: 4096))
        #expect(throws: StoreError.notAMuDatabase(path: path)) { try MuDatabase(path: path, access: .readOnly) }
    }
}
