import Foundation
import MuSource
import MuTestSupport
import Testing

@Suite struct GitDiffTests {
    func open(_ repo: TempGitRepository) throws -> GitRepository { try GitRepository(discovering: repo.root.path) }
    func head(_ repo: TempGitRepository) throws -> String {
        try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A body long enough for similarity scoring to be meaningful.
    static let body = (1...20).map { "def f\($0)(x):\n    return x + \($0)\n" }.joined(separator: "\n")

    @Test func renamesAreDetectedBetweenCommits() throws {
        let repo = try TempGitRepository()
        try repo.write("src/old_name.py", Self.body)
        try repo.write("keep.py", "def keep():\n    return 1\n")
        try repo.commitAll("one")
        let first = try head(repo)
        try repo.git(["mv", "src/old_name.py", "src/new_name.py"])
        try repo.write("keep.py", "def keep():\n    return 2\n")
        try repo.commitAll("two")
        let changes = try open(repo).changes(from: first, to: head(repo))
        #expect(Set(changes) == [
            GitChange(kind: .renamed, path: "src/new_name.py", oldPath: "src/old_name.py", similarity: 100),
            GitChange(kind: .modified, path: "keep.py"),
        ])
        // Both sides of the rename are paths to look at; without detection they are a delete and an add.
        #expect(Set(changes.flatMap(\.paths)) == ["src/old_name.py", "src/new_name.py", "keep.py"])
        let plain = try open(repo).changes(from: first, to: head(repo), detectRenames: false)
        #expect(Set(plain.map(\.kind)) == [.added, .deleted, .modified])
    }

    @Test func theInitialCommitDiffsFromTheEmptyTree() throws {
        let repo = try TempGitRepository()
        try repo.write("a.py", "def a():\n    pass\n")
        try repo.write("lib/b.go", "package lib\n")
        try repo.commitAll()
        let git = try open(repo)
        let root = try head(repo)
        #expect(try git.parents(ofCommit: root).isEmpty)
        let changes = try git.changes(from: nil, to: root)
        #expect(changes.map(\.kind) == [.added, .added])
        #expect(Set(changes.map(\.path)) == ["a.py", "lib/b.go"])
    }

    @Test func aMergeCommitDiffsAgainstItsFirstParent() throws {
        let repo = try TempGitRepository()
        try repo.write("base.py", "def base():\n    pass\n")
        try repo.commitAll("base")
        try repo.git(["checkout", "-q", "-b", "feature"])
        try repo.write("feature.py", "def feature():\n    pass\n")
        try repo.commitAll("feature")
        try repo.git(["checkout", "-q", "main"])
        try repo.write("mainline.py", "def mainline():\n    pass\n")
        try repo.commitAll("mainline")
        let mainTip = try head(repo)
        try repo.git(["merge", "-q", "--no-ff", "-m", "merge", "feature"])
        let git = try open(repo)
        let merge = try head(repo)
        let parents = try git.parents(ofCommit: merge)
        #expect(parents.count == 2)
        #expect(parents.first == mainTip)
        // What the merge brought into main: the feature's file only.
        #expect(try git.changes(from: parents[0], to: merge) == [GitChange(kind: .added, path: "feature.py")])
    }

    @Test func workingTreeChangesCoverStagedUnstagedUntrackedAndNotIgnored() throws {
        let repo = try TempGitRepository()
        try repo.write(".gitignore", "ignored.py\n")
        try repo.write("edited.py", "def e():\n    pass\n")
        try repo.write("deleted.py", "def d():\n    pass\n")
        try repo.write("moved.py", Self.body)
        try repo.commitAll()
        try repo.write("edited.py", "def e():\n    return 1\n")
        try repo.remove("deleted.py")
        try repo.write("staged.py", "def s():\n    pass\n")
        try repo.git(["add", "staged.py"])
        try FileManager.default.createDirectory(at: repo.root.appendingPathComponent("dir"), withIntermediateDirectories: true)
        try repo.git(["mv", "moved.py", "dir/moved.py"])
        try repo.write("untracked/new.py", "def n():\n    pass\n")
        try repo.write("ignored.py", "def i():\n    pass\n")
        let changes = try open(repo).workingTreeChanges()
        #expect(Set(changes) == [
            GitChange(kind: .modified, path: "edited.py"),
            GitChange(kind: .deleted, path: "deleted.py"),
            GitChange(kind: .added, path: "staged.py"),
            GitChange(kind: .renamed, path: "dir/moved.py", oldPath: "moved.py", similarity: 100),
            GitChange(kind: .untracked, path: "untracked/new.py"),
        ])
    }

    @Test func listingOnlyGivenPathsAgreesWithTheFullListing() throws {
        let repo = try TempGitRepository()
        try repo.write(".gitignore", "ignored.py\n")
        for name in ["clean.py", "edited.py", "deleted.py", "staged_rm.py", "other.py"] {
            try repo.write(name, "def \(name.dropLast(3))():\n    pass\n")
        }
        try repo.write("link.py", "x = 1\n")
        try repo.commitAll()
        try repo.write("edited.py", "def edited():\n    return 1\n")
        try repo.remove("deleted.py")
        try repo.git(["rm", "-q", "staged_rm.py"])
        try repo.write("new/untracked.py", "def u():\n    pass\n")
        try repo.write("ignored.py", "def i():\n    pass\n")
        let git = try open(repo)
        let asked: Set<String> = ["clean.py", "edited.py", "deleted.py", "staged_rm.py", "new/untracked.py",
                                  "ignored.py", "never-existed.py", "link.py"]
        let restricted = try git.listFiles(restrictedTo: asked)
        #expect(restricted == (try git.listFiles()).filter { asked.contains($0.path) })
        #expect(restricted.map(\.path) == ["clean.py", "edited.py", "link.py", "new/untracked.py"])
        #expect(restricted[0].cleanBlobID != nil && restricted[1].cleanBlobID == nil)
        #expect(try git.listFiles(restrictedTo: []).isEmpty)
    }

    @Test func revisionsResolveToCommits() throws {
        let repo = try TempGitRepository()
        try repo.write("a.py", "x = 1\n")
        try repo.commitAll("one")
        let first = try head(repo)
        try repo.git(["tag", "-a", "v1", "-m", "annotated"])
        try repo.write("a.py", "x = 2\n")
        try repo.commitAll("two")
        let git = try open(repo)
        #expect(try git.resolveCommit("HEAD~1") == first)
        #expect(try git.resolveCommit("v1") == first) // annotated tag peeled to its commit
        #expect(try git.resolveCommit(String(first.prefix(8))) == first)
        #expect(try git.resolveCommit("main") == head(repo))
        #expect(throws: GitDiffError.unknownRevision("nope", shallow: false)) { try git.resolveCommit("nope") }
        #expect(throws: GitDiffError.unknownRevision("HEAD~5", shallow: false)) { try git.resolveCommit("HEAD~5") }
        #expect(throws: GitDiffError.notACommit("HEAD:a.py")) { try git.resolveCommit("HEAD:a.py") }
    }

    @Test func aShallowCloneSaysWhyHistoryIsMissing() throws {
        let origin = try TempGitRepository()
        for i in 1...3 {
            try origin.write("a.py", "x = \(i)\n")
            try origin.commitAll("c\(i)")
        }
        let clone = try TempGitRepository()
        let target = clone.root.appendingPathComponent("shallow")
        try clone.git(["clone", "-q", "--depth", "1", "file://\(origin.root.path)", target.path])
        let git = try GitRepository(discovering: target.path)
        #expect(git.isShallow)
        #expect(throws: GitDiffError.unknownRevision("HEAD~1", shallow: true)) { try git.resolveCommit("HEAD~1") }
        #expect(GitDiffError.unknownRevision("HEAD~1", shallow: true).description.contains("shallow clone"))
    }

    @Test func hooksDirectoryFollowsCoreHooksPathAndLinkedWorktrees() throws {
        let repo = try TempGitRepository()
        try repo.write("a.py", "x = 1\n")
        try repo.commitAll()
        let git = try open(repo)
        #expect(try git.hooksDirectory().url.path == repo.root.appendingPathComponent(".git/hooks").path)
        #expect(try git.hooksDirectory().configuredAt == nil)

        // A linked worktree runs the hooks of the common directory.
        let worktree = repo.root.appendingPathComponent("wt")
        try repo.git(["worktree", "add", "-q", worktree.path])
        let linked = try GitRepository(discovering: worktree.path)
        #expect(try linked.hooksDirectory().url.path == repo.root.appendingPathComponent(".git/hooks").path)

        try repo.git(["config", "core.hooksPath", ".githooks"])
        let relative = try open(repo).hooksDirectory()
        #expect(relative.url.path == repo.root.appendingPathComponent(".githooks").path)
        #expect(relative.configuredAt == .local)
        try repo.git(["config", "core.hooksPath", "/opt/shared-hooks"])
        #expect(try open(repo).hooksDirectory().url.path == "/opt/shared-hooks")
    }

    @Test func localConfigBooleansRoundTrip() throws {
        let repo = try TempGitRepository()
        let git = try open(repo)
        #expect(git.configBool("mu.hook") == nil)
        try git.setLocalConfig("mu.hook", bool: true)
        #expect(try repo.git(["config", "--local", "mu.hook"]).trimmingCharacters(in: .whitespacesAndNewlines) == "true")
        #expect(try open(repo).configBool("mu.hook") == true)
        try git.removeLocalConfig("mu.hook")
        try git.removeLocalConfig("mu.hook") // absent: no error
        #expect(try open(repo).configBool("mu.hook") == nil)
    }
}
