import Foundation
@testable import MuKit
import MuSource
import MuStore
import MuTestSupport
import Testing

/// The delta stage alone: a real repository, stored states built from an earlier walk.
@Suite struct IndexDeltaTests {
    static func states(_ delta: IndexDelta) -> [String: FileState] {
        Dictionary(uniqueKeysWithValues: delta.walk.files.map {
            ($0.file.path, FileState(path: $0.file.path, size: $0.size, mtimeNs: $0.mtimeNs, inode: $0.inode,
                                     blobId: $0.blobID, language: $0.file.language.rawValue))
        })
    }

    @Test func newChangedUnchangedAndRemovedFiles() throws {
        let repo = try TempGitRepository()
        try repo.write("a.py", "def a():\n    return 1\n")
        try repo.write("b.py", "def b():\n    return 2\n")
        try repo.write("c.go", "package c\n\nfunc C() int { return 3 }\n")
        try repo.write("notes.txt", "not code")
        try repo.commitAll()
        let repository = try GitRepository(discovering: repo.root.path)

        let first = try IndexDelta.compute(repository: repository, options: .init(), known: [:])
        #expect(first.toRead.map(\.file.path).sorted() == ["a.py", "b.py", "c.go"])
        #expect(first.unchanged.isEmpty && first.removed.isEmpty && first.staleCount == 3)

        let known = Self.states(first)
        let same = try IndexDelta.compute(repository: repository, options: .init(), known: known)
        #expect(same.toRead.isEmpty && same.removed.isEmpty && same.unchanged.count == 3)

        try repo.write("a.py", "def a():\n    return 10\n")
        try repo.remove("c.go")
        let changed = try IndexDelta.compute(repository: repository, options: .init(), known: known)
        #expect(changed.toRead.map(\.file.path) == ["a.py"])
        #expect(changed.unchanged.map(\.file.path) == ["b.py"])
        #expect(changed.removed == ["c.go"])
        #expect(changed.staleCount == 2)

        // --since / the hook: only the named paths count; others are neither read nor removed.
        let scoped = try IndexDelta.compute(repository: repository, options: .init(), known: known, onlyPaths: ["c.go"])
        #expect(scoped.toRead.isEmpty && scoped.removed == ["c.go"])
    }
}
