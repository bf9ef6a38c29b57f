import Foundation
import Testing
@testable import MuStore

@Suite("FileStateCache")
struct FileStateCacheTests {
    @Test func unchangedByStatOrBlob() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let files = FileStateCache(database: try MuDatabase.temporary(in: dir))
        try await files.upsert(FileState(path: "a.py", size: 120, mtimeNs: 1_700_000_000_123_456_789,
                                         inode: UInt64.max - 3, language: "python"))
        try await files.upsert(FileState(path: "b.py", size: 50, mtimeNs: 5, inode: 9, blobId: "blob-b"))

        // Stat comparison (no blob ids), including an inode beyond Int64.max.
        #expect(try await files.isUnchanged(path: "a.py", size: 120, mtimeNs: 1_700_000_000_123_456_789,
                                            inode: UInt64.max - 3, blobId: nil))
        #expect(try await !files.isUnchanged(path: "a.py", size: 121, mtimeNs: 1_700_000_000_123_456_789,
                                             inode: UInt64.max - 3, blobId: nil))
        #expect(try await !files.isUnchanged(path: "a.py", size: 120, mtimeNs: 1_700_000_000_123_456_790,
                                             inode: UInt64.max - 3, blobId: nil))
        #expect(try await !files.isUnchanged(path: "a.py", size: 120, mtimeNs: 1_700_000_000_123_456_789,
                                             inode: 7, blobId: nil))
        // Same blob: unchanged even after a touch or a fresh checkout (new inode, mtime).
        #expect(try await files.isUnchanged(path: "b.py", size: 50, mtimeNs: 99, inode: 100, blobId: "blob-b"))
        // Different blob: changed even when the stat looks the same.
        #expect(try await !files.isUnchanged(path: "b.py", size: 50, mtimeNs: 5, inode: 9, blobId: "blob-c"))
        // Unknown file.
        #expect(try await !files.isUnchanged(path: "c.py", size: 1, mtimeNs: 1, inode: 1, blobId: nil))

        let states = try await files.allStates()
        #expect(states.count == 2)
        #expect(states["a.py"]?.inode == UInt64.max - 3)
        #expect(states["a.py"]?.language == "python")
        #expect(states["b.py"]?.blobId == "blob-b")
    }

    @Test func upsertReplacesAndRemoveForgets() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let files = FileStateCache(database: try MuDatabase.temporary(in: dir))
        try await files.upsert([FileState(path: "a", size: 1, mtimeNs: 1, inode: 1),
                                FileState(path: "b", size: 1, mtimeNs: 1, inode: 1),
                                FileState(path: "c", size: 1, mtimeNs: 1, inode: 1)])
        try await files.upsert(FileState(path: "a", size: 2, mtimeNs: 2, inode: 2))
        #expect(try await files.state(for: "a")?.size == 2)
        try await files.remove(paths: ["b", "missing"])
        #expect(try await files.allPaths() == ["a", "c"])
    }

    @Test func fileStateIsWrittenWithTheFunctions() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let database = try MuDatabase.temporary(in: dir)
        let index = SymbolIndex(database: database)
        let files = FileStateCache(database: database)
        try await index.replaceFunctions(inFile: "a.py", with: [Fixture.function("f", path: "a.py")], commit: nil,
                                         fileState: FileState(path: "a.py", size: 10, mtimeNs: 10, inode: 10))
        #expect(try await files.isUnchanged(path: "a.py", size: 10, mtimeNs: 10, inode: 10, blobId: nil))

        // A failing replacement (disk full) must not record the new state either.
        try await database.pool.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages + 2)")
        }
        var huge = Fixture.function("g", path: "a.py")
        huge.signature = String(repeating: "y", count: 200_000)
        await #expect(throws: StoreError.diskFull(path: database.path)) {
            try await index.replaceFunctions(inFile: "a.py", with: [huge], commit: nil,
                                             fileState: FileState(path: "a.py", size: 11, mtimeNs: 11, inode: 10))
        }
        #expect(try await files.state(for: "a.py")?.size == 10)
        #expect(try await index.functions(inPath: "a.py").map(\.qualifiedName) == ["f"])
    }
}
