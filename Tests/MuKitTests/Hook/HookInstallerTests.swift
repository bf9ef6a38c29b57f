import Foundation
import MuKit
import MuSource
import MuTestSupport
import Testing

@Suite struct HookInstallerTests {
    func installer(_ repo: TempGitRepository, at path: URL? = nil) throws -> HookInstaller {
        HookInstaller(repository: try GitRepository(discovering: (path ?? repo.root).path))
    }

    var hookPath: (TempGitRepository) -> String { { $0.root.appendingPathComponent(".git/hooks/post-commit").path } }

    @Test func installWritesAnExecutableHookAndMarksTheRepositoryAndTwiceChangesNothing() throws {
        let repo = try TempGitRepository()
        let hook = hookPath(repo)
        #expect(try installer(repo).install(executable: "/opt/mu/bin/mu").outcome == .installed(chained: false))
        let text = try String(contentsOfFile: hook, encoding: .utf8)
        #expect(text == HookScript.file(executable: "/opt/mu/bin/mu"))
        #expect(text.hasPrefix("#!/bin/sh\n# >>> mu post-commit hook >>>\n"))
        #expect(text.contains("MU='/opt/mu/bin/mu'"))
        #expect(try permissions(hook) == 0o755)
        #expect(try repo.git(["config", "mu.hook"]).trimmingCharacters(in: .whitespacesAndNewlines) == "true")
        // `.mu/` is excluded before the first background run writes there (a racing `git add -A`
        // must never pick up mu's files).
        let exclude = try String(contentsOf: repo.root.appendingPathComponent(".git/info/exclude"), encoding: .utf8)
        #expect(exclude.split(separator: "\n").contains(".mu/"))

        let before = try FileManager.default.attributesOfItem(atPath: hook)
        let again = try installer(repo).install(executable: "/opt/mu/bin/mu")
        #expect(again.outcome == .unchanged)
        let after = try FileManager.default.attributesOfItem(atPath: hook)
        #expect(before[.systemFileNumber] as? NSNumber == after[.systemFileNumber] as? NSNumber) // not rewritten
        #expect(try String(contentsOfFile: hook, encoding: .utf8) == text)

        // Another binary: the block is refreshed in place.
        #expect(try installer(repo).install(executable: "/usr/local/bin/mu").outcome == .updated)
        #expect(try String(contentsOfFile: hook, encoding: .utf8) == HookScript.file(executable: "/usr/local/bin/mu"))

        #expect(try installer(repo).uninstall() == .removed(restoredPrevious: false))
        #expect(!FileManager.default.fileExists(atPath: hook))
        #expect(throws: (any Error).self) { try repo.git(["config", "mu.hook"]) } // unset: git exits 1
        #expect(try installer(repo).uninstall() == .notInstalled)
    }

    @Test func anExistingHookIsKeptAsIsAndPutBackExactly() throws {
        let repo = try TempGitRepository()
        let hook = hookPath(repo)
        let original = "#!/usr/bin/env python3\nprint('mine')\n"
        try writeExecutable(URL(fileURLWithPath: hook), original)
        try FileManager.default.setAttributes([.posixPermissions: 0o750], ofItemAtPath: hook)
        let result = try installer(repo).install(executable: "/opt/mu")
        #expect(result.outcome == .installed(chained: true))
        let previous = hook + ".pre-mu"
        #expect(try String(contentsOfFile: previous, encoding: .utf8) == original)
        #expect(try permissions(previous) == 0o750)
        #expect(try installer(repo).inspect().chainsPreviousHook)
        #expect(try installer(repo).install(executable: "/opt/mu").outcome == .unchanged)
        #expect(try String(contentsOfFile: previous, encoding: .utf8) == original)

        #expect(try installer(repo).uninstall() == .removed(restoredPrevious: true))
        #expect(try String(contentsOfFile: hook, encoding: .utf8) == original)
        #expect(try permissions(hook) == 0o750)
        #expect(!FileManager.default.fileExists(atPath: previous))
    }

    @Test func aSymlinkedHookStaysASymlink() throws {
        let repo = try TempGitRepository()
        let hook = hookPath(repo)
        let target = try writeExecutable(repo.root.appendingPathComponent("scripts/post-commit.sh"), "#!/bin/sh\nexit 0\n")
        try FileManager.default.createDirectory(atPath: (hook as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: hook, withDestinationPath: "../../scripts/post-commit.sh")
        #expect(try installer(repo).install(executable: "/opt/mu").outcome == .installed(chained: true))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: hook + ".pre-mu") == "../../scripts/post-commit.sh")
        #expect(try installer(repo).uninstall() == .removed(restoredPrevious: true))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: hook) == "../../scripts/post-commit.sh")
        #expect(FileManager.default.fileExists(atPath: target.path))
    }

    @Test func uninstallRemovesExactlyTheBlockAndKeepsLinesAddedAroundIt() throws {
        let repo = try TempGitRepository()
        let hook = hookPath(repo)
        _ = try installer(repo).install(executable: "/opt/mu")
        let edited = "#!/bin/sh\necho before\n" + HookScript.block(executable: "/opt/mu") + "echo after\n"
        try writeExecutable(URL(fileURLWithPath: hook), edited)
        #expect(try installer(repo).install(executable: "/opt/mu").outcome == .unchanged)
        #expect(try installer(repo).uninstall() == .removedBlockKeptOtherLines)
        #expect(try String(contentsOfFile: hook, encoding: .utf8) == "#!/bin/sh\necho before\necho after\n")
    }

    @Test func aSecondForeignHookDoesNotOverwriteTheFirstOneMovedAside() throws {
        let repo = try TempGitRepository()
        let hook = hookPath(repo)
        try writeExecutable(URL(fileURLWithPath: hook + ".pre-mu"), "#!/bin/sh\necho first\n")
        try writeExecutable(URL(fileURLWithPath: hook), "#!/bin/sh\necho second\n")
        #expect(throws: HookError.previousHookInTheWay(hook + ".pre-mu")) { try installer(repo).install(executable: "/opt/mu") }
        #expect(try String(contentsOfFile: hook, encoding: .utf8) == "#!/bin/sh\necho second\n")
        #expect(try String(contentsOfFile: hook + ".pre-mu", encoding: .utf8) == "#!/bin/sh\necho first\n")
    }

    @Test func coreHooksPathIsWhereTheHookGoes() throws {
        let repo = try TempGitRepository()
        _ = try installer(repo).install(executable: "/opt/mu")
        // core.hooksPath set afterwards: git no longer runs the hook in .git/hooks, and status says so.
        try repo.git(["config", "core.hooksPath", "tools/hooks"])
        let stale = try installer(repo).inspect()
        #expect(!stale.installed)
        #expect(stale.unusedBlockFile?.path == hookPath(repo))
        #expect(stale.location.hooksPathLevel == .local)

        let result = try installer(repo).install(executable: "/opt/mu")
        #expect(result.outcome == .installed(chained: false))
        let hook = repo.root.appendingPathComponent("tools/hooks/post-commit").path
        #expect(FileManager.default.isExecutableFile(atPath: hook))
        #expect(result.notes.contains { $0.contains("inside the working tree") })
        #expect(try installer(repo).inspect().installed)
        #expect(try installer(repo).uninstall() == .removed(restoredPrevious: false))
        #expect(!FileManager.default.fileExists(atPath: hook))
    }

    @Test func aLinkedWorktreeInstallsIntoTheCommonDirectory() throws {
        let repo = try TempGitRepository()
        try repo.write("a.py", "x = 1\n")
        try repo.commitAll()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("mu-wt-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: outside) }
        try repo.git(["worktree", "add", "-q", outside.path])
        let fromWorktree = try installer(repo, at: outside)
        #expect(try fromWorktree.install(executable: "/opt/mu").outcome == .installed(chained: false))
        #expect(FileManager.default.isExecutableFile(atPath: hookPath(repo)))
        #expect(try installer(repo).inspect().installed) // the main checkout sees the same hook
        #expect(try installer(repo).install(executable: "/opt/mu").outcome == .unchanged)
    }

    @Test func blockParsingRoundTripsQuotedPaths() throws {
        let path = "/home/o'brien/my tools/mu"
        let text = HookScript.file(executable: path)
        let parts = try #require(HookScript.split(text))
        #expect(parts.before == "#!/bin/sh\n")
        #expect(parts.after == "")
        #expect(HookScript.executable(inBlock: parts.block) == path)
        #expect(HookScript.split("#!/bin/sh\necho hi\n") == nil)
    }
}
