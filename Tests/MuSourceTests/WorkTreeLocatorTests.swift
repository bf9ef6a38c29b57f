import Foundation
import MuSource
import MuTestSupport
import Testing

/// `WorkTreeLocator` must answer exactly what libgit2's discovery answers, for every layout a read
/// command can be started in.
@Suite struct WorkTreeLocatorTests {
    /// Both answers for `path`, with symbolic links resolved the same way.
    func bothRoots(_ path: String) throws -> (located: String, libgit2: String) {
        let located = try WorkTreeLocator.root(containing: path).path
        let opened = try GitRepository(discovering: path).root.resolvingSymlinksInPath().path
        return (located, opened)
    }

    @Test func agreesWithLibgit2FromTheRootASubdirectoryAFileAndInsideDotGit() throws {
        let repo = try TempGitRepository()
        try repo.write("pkg/mod/a.py", "def a(): pass\n")
        try repo.commitAll()
        for relative in ["", "pkg", "pkg/mod", ".git", ".git/objects"] {
            let path = relative.isEmpty ? repo.root.path : repo.root.appendingPathComponent(relative).path
            let (located, opened) = try bothRoots(path)
            #expect(located == opened, "from \(relative)")
            #expect(located == repo.root.resolvingSymlinksInPath().path)
        }
        // A file: its directory's repository (GitRepository takes directories, so compare with that).
        let file = repo.root.appendingPathComponent("pkg/mod/a.py").path
        #expect(try WorkTreeLocator.root(containing: file).path == repo.root.resolvingSymlinksInPath().path)
    }

    @Test func agreesWithLibgit2InALinkedWorktreeAndASubmodule() throws {
        let repo = try TempGitRepository()
        try repo.write("a.py", "def a(): pass\n")
        try repo.commitAll()
        let worktree = try repo.addLinkedWorktree()
        defer { try? FileManager.default.removeItem(at: worktree) }
        let (located, opened) = try bothRoots(worktree.path)
        #expect(located == opened)
        #expect(located == worktree.resolvingSymlinksInPath().path)

        let inner = try TempGitRepository()
        try inner.write("lib.py", "def lib(): pass\n")
        try inner.commitAll()
        try repo.git(["-c", "protocol.file.allow=always", "submodule", "add", "-q", inner.root.path, "vendor/inner"])
        let submodule = repo.root.appendingPathComponent("vendor/inner").path
        let (inSubmodule, libgit2InSubmodule) = try bothRoots(submodule)
        #expect(inSubmodule == libgit2InSubmodule)
        #expect(inSubmodule.hasSuffix("/vendor/inner"))
    }

    @Test func sameErrorsAsLibgit2ForBareMissingAndPlainDirectories() throws {
        let bare = try TempGitRepository(bare: true)
        #expect(throws: GitError.bareRepository(bare.root.resolvingSymlinksInPath().path)) {
            try WorkTreeLocator.root(containing: bare.root.path)
        }
        #expect(throws: GitError.pathNotFound("/nonexistent/mu-path")) {
            try WorkTreeLocator.root(containing: "/nonexistent/mu-path")
        }
        let plain = FileManager.default.temporaryDirectory.appendingPathComponent("mu-plain-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: plain) }
        #expect(throws: GitError.notARepository(plain.resolvingSymlinksInPath().path)) {
            try WorkTreeLocator.root(containing: plain.path)
        }
        // A directory merely named `.git`, with nothing of a repository in it, is not one.
        try FileManager.default.createDirectory(at: plain.appendingPathComponent(".git"), withIntermediateDirectories: true)
        #expect(throws: GitError.notARepository(plain.resolvingSymlinksInPath().path)) {
            try WorkTreeLocator.root(containing: plain.path)
        }
    }
}
