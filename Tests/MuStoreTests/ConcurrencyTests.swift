import Foundation
import Testing
@testable import MuStore

@Suite("Concurrent writers")
struct ConcurrencyTests {
    @Test func twoPoolsOnOneFileWriteConcurrently() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        // Two independent connections pools, as two mu processes would have.
        let first = try MuDatabase.temporary(in: dir)
        let second = try MuDatabase.temporary(in: dir)
        let filesPerWriter = 60

        try await withThrowingTaskGroup(of: Void.self) { group in
            for (name, database) in [("one", first), ("two", second)] {
                group.addTask {
                    let index = SymbolIndex(database: database)
                    let cache = SummaryCache(database: database)
                    for i in 0..<filesPerWriter {
                        let path = "\(name)/file\(i).py"
                        let stored = try await index.replaceFunctions(inFile: path, with: [
                            Fixture.function("f\(i)", path: path, lines: 1...3),
                            Fixture.function("g\(i)", path: path, lines: 4...6),
                        ], commit: nil, fileState: FileState(path: path, size: Int64(i), mtimeNs: 1, inode: 1))
                        let key = "\(name)-\(i)"
                        try await cache.store(Fixture.summary(key, bullets: ["Written by \(name)."]))
                        try await index.setSummaryKey(key, forFunction: stored[0].id)
                        _ = try await SymbolIndex(database: database).query("f\(i)")
                    }
                }
            }
            try await group.waitForAll()
        }

        let counts = try await SymbolIndex(database: first).counts()
        #expect(counts == IndexCounts(functions: 4 * filesPerWriter, withSummary: 2 * filesPerWriter,
                                      filesWithFunctions: 2 * filesPerWriter, files: 2 * filesPerWriter))
        #expect(try await SymbolIndex(database: second).search("written one", limit: 1000).count == filesPerWriter)
    }

    @Test func concurrentOpensOfANewFileAgreeOnTheSchema() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path(".mu/mu.db")
        let opened = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let database = try MuDatabase(path: path)
                    return try await SymbolIndex(database: database).counts().functions
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(opened == [0, 0, 0, 0])
    }
}
