import Foundation
@testable import MuKit
@testable import MuSource
import MuStore
import Testing

/// Stage 3 alone: a real SQLite index, one file with a cached and an uncached body.
@Suite struct FileRecorderTests {
    static func unit(_ name: String, line: Int, hash: String) -> FunctionUnit {
        FunctionUnit(path: "a.py", language: .python, name: name, qualifiedName: name, kind: .function,
                     signature: "def \(name)():", startLine: line, endLine: line + 1,
                     body: "def \(name)():\n    pass", hash: hash)
    }

    @Test func cachedBodiesAreLinkedAndTheRestComeBackAsMisses() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mu-recorder-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = try MuDatabase(path: dir.appendingPathComponent("mu.db").path)
        let index = SymbolIndex(database: database)
        let cache = SummaryCache(database: database)
        let identity = OfflineBackend().identity
        let (cachedKey, components) = Summarizer.key(forBodyHash: "h1", identity: identity)
        try await cache.store(Summary(key: cachedKey, components: components, bullets: ["Does one thing."], provider: "extractive"))

        let recorder = FileRecorder(index: index, cache: cache, identity: identity, commit: "c0ffee")
        let file = FileFunctions(file: SourceFile(path: "a.py", language: .python),
                                 units: [Self.unit("one", line: 1, hash: "h1"), Self.unit("two", line: 4, hash: "h2")])
        let walked = WalkedFile(file: file.file, size: 40, mtimeNs: 1, inode: 2, blobID: nil)
        let result = try await recorder.record(file, walked: walked)

        #expect(result.hitsMemory + result.hitsDisk == 1)
        #expect(result.misses.map(\.unit.name) == ["two"])
        let miss = try #require(result.misses.first)
        #expect(miss.key == Summarizer.key(forBodyHash: "h2", identity: identity).hex)
        let stored = try await index.functions(inPath: "a.py")
        #expect(stored.map(\.qualifiedName) == ["one", "two"])
        #expect(stored.first?.summary?.bullets == ["Does one thing."])
        #expect(stored.last?.summary == nil && stored.last?.id == miss.functionID)
        #expect(try await FileStateCache(database: database).allStates()["a.py"]?.size == 40)
    }
}
