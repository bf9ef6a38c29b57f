import Foundation
import MuKit
import MuSource
import MuStore
import MuTestSupport
import Testing

/// `mu summarize --since REV`: the scope from libgit2 diffs, and a pipeline run limited to it.
@Suite struct SinceTests {
    func run(_ repo: TempGitRepository, since revision: String, provider: RecordingProvider) async throws -> SummarizeReport {
        var summarizer = try Summarizer(workspace: testWorkspace(repo), provider: provider)
        summarizer.onlyPaths = try IncrementalScope.since(revision, repositoryRoot: repo.root).paths
        return try await summarizer.run()
    }

    @Test func scopeCoversCommitsSinceTheRevisionAndTheWorkingTree() throws {
        let repo = try TempGitRepository()
        try repo.write("a.py", "def a():\n    pass\n")
        try repo.write("b.py", "def b():\n    pass\n")
        try repo.write("c.py", "def c():\n    pass\n")
        try repo.commitAll("one")
        try repo.write("b.py", "def b():\n    return 2\n")
        try repo.commitAll("two")
        try repo.remove("c.py")
        try repo.commitAll("three")
        try repo.write("staged.py", "def s():\n    pass\n")
        try repo.git(["add", "staged.py"])
        try repo.write("untracked.py", "def u():\n    pass\n")
        let scope = try IncrementalScope.since("HEAD~2", repositoryRoot: repo.root)
        #expect(scope.paths == ["b.py", "c.py", "staged.py", "untracked.py"])
        #expect(try IncrementalScope.since("HEAD", repositoryRoot: repo.root).paths == ["staged.py", "untracked.py"])
        #expect(throws: GitDiffError.unknownRevision("no-such-branch", shallow: false)) {
            try IncrementalScope.since("no-such-branch", repositoryRoot: repo.root)
        }
    }

    @Test func oneChangedFunctionReadsOneFileAndMakesOneCall() async throws {
        let repo = try TempGitRepository()
        try repo.write("app.py", threeFunctions)
        try repo.write("other.py", "def other():\n    return 0\n")
        try repo.commitAll("one")
        let provider = RecordingProvider()
        _ = try await summarize(repo, provider: provider)
        // other.py changes in an earlier commit than the one asked for: outside the scope, not read.
        try repo.write("other.py", "def renamed_other():\n    return 0\n")
        try repo.commitAll("one-b")
        try repo.write("app.py", threeFunctions.replacingOccurrences(of: "return y * 2", with: "return y * 4"))
        try repo.commitAll("two")
        let report = try await run(repo, since: "HEAD~1", provider: provider)
        #expect(report.filesChanged == 1)
        #expect(report.summarized == 1)
        #expect(await provider.calls.suffix(1) == ["beta"])
        #expect(await provider.callCount == 5)
        #expect(try await indexedFunctions(root: repo.root).all.contains("other.py:other"))
        // A wider revision picks it up.
        let wider = try await run(repo, since: "HEAD~2", provider: provider)
        #expect(wider.filesChanged == 1 && wider.summarized == 1)
        #expect(try await indexedFunctions(root: repo.root).all.contains("other.py:renamed_other"))
    }

    @Test func renamedAddedAndDeletedFilesSinceARevision() async throws {
        let repo = try TempGitRepository()
        try repo.write("a.py", threeFunctions)
        try repo.write("gone.py", "def gone():\n    pass\n")
        try repo.commitAll("one")
        let provider = RecordingProvider()
        _ = try await summarize(repo, provider: provider)
        try FileManager.default.createDirectory(at: repo.root.appendingPathComponent("moved"), withIntermediateDirectories: true)
        try repo.git(["mv", "a.py", "moved/a.py"])
        try repo.remove("gone.py")
        try repo.write("fresh.py", "def fresh():\n    return 'new'\n")
        try repo.commitAll("two")
        let report = try await run(repo, since: "HEAD~1", provider: provider)
        #expect(report.summarized == 1) // only fresh(); the moved bodies come from the cache
        #expect(report.cacheHitsMemory + report.cacheHitsDisk == 3)
        #expect(report.filesRemoved == 2)
        let indexed = try await indexedFunctions(root: repo.root)
        #expect(indexed.all == ["moved/a.py:alpha", "moved/a.py:beta", "moved/a.py:Gamma.delta", "fresh.py:fresh"])
        #expect(indexed.summarized == indexed.all)
    }

    @Test func theCommandRejectsAnUnknownRevisionInOneLine() throws {
        let repo = try TempGitRepository()
        try repo.write("a.py", "def a():\n    pass\n")
        try repo.commitAll()
        let outcome = try runProcess(try builtMuBinary(), ["summarize", "--since", "v9.9", "--quiet"], in: repo.root,
                                     environment: hermeticEnvironment(repo))
        #expect(outcome.status == 1)
        #expect(outcome.stderr.hasPrefix("mu: unknown revision 'v9.9'"))
        #expect(outcome.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: repo.root.appendingPathComponent(".mu/mu.db").path))

        let ok = try runProcess(try builtMuBinary(), ["summarize", "--since", "HEAD", "--json", "--quiet"], in: repo.root,
                                environment: hermeticEnvironment(repo))
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("\"files_changed\":0"))
    }
}
