import Foundation
import MuKit
import MuSource
import MuStore
import MuTestSupport
import Testing

/// `mu hook run` in process: scope choice, coalescing, failures recorded.
@Suite struct HookRunnerTests {
    func runner(_ repo: TempGitRepository, provider: RecordingProvider = RecordingProvider(),
                at path: URL? = nil) -> HookRunner {
        HookRunner(path: (path ?? repo.root).path, loader: hermeticLoader(repo), provider: provider)
    }

    func enabled() throws -> TempGitRepository {
        let repo = try TempGitRepository()
        try repo.git(["config", "mu.hook", "true"])
        return repo
    }

    func records(_ result: HookRunner.Result) -> [HookRunRecord] {
        if case .ran(let records) = result { return records }
        Issue.record("expected runs, got \(result)")
        return []
    }

    @Test func aRepositoryWithoutTheMarkIsLeftAlone() async throws {
        let repo = try TempGitRepository()
        try repo.write("a.py", "def a():\n    pass\n")
        try repo.commitAll()
        #expect(await runner(repo).run() == .notEnabled)
        #expect(!FileManager.default.fileExists(atPath: repo.root.appendingPathComponent(".mu").path))
    }

    @Test func theFirstRunIndexesEverythingThenOnlyTheCommitsChanges() async throws {
        let repo = try enabled()
        try repo.write("a.py", threeFunctions)
        try repo.write("b.py", "def b():\n    pass\n")
        try repo.commitAll("one")
        let provider = RecordingProvider()
        let first = try #require(records(await runner(repo, provider: provider).run()).first)
        #expect(first.mode == "full" && first.fullReason == "no index yet")
        #expect(first.outcome == .succeeded && first.functions == 4 && first.summarized == 4)

        try repo.write("b.py", "def b():\n    return 'changed'\n")
        try repo.write("c.py", "def c():\n    pass\n")
        try repo.commitAll("two")
        let second = try #require(records(await runner(repo, provider: provider).run()).first)
        #expect(second.mode == "incremental")
        #expect(second.paths == 2)
        #expect(second.filesChanged == 2 && second.summarized == 2 && second.functions == 5)
        #expect(second.head == (try revParse(repo)))
        // Six function calls; the roll-ups (their prompts name no function: "?") are a.py, b.py and
        // the root, then c.py and the root (b.py's summary came back the same, so its roll-up is reused).
        #expect(await provider.calls.filter { $0 != "?" }.count == 6)
        #expect(await provider.calls.filter { $0 == "?" }.count == 5)
        let status = try HookStatus.read(path: repo.root.path)
        #expect(status.lastRun?.head == second.head && status.lastRun?.outcome == .succeeded)
        #expect(status.lastRun?.functions == 5 && status.lastRun?.paths == 2)
        #expect(status.logTail.last?.contains("done in") == true)
    }

    @Test func anAmendThatRevertsAFileIsCaughtUpFromTheLastIndexedCommit() async throws {
        let repo = try enabled()
        try repo.write("a.py", "def a():\n    pass\n")
        try repo.write("b.py", "def b():\n    pass\n")
        try repo.commitAll("one")
        _ = await runner(repo).run()
        try repo.write("a.py", "def a2():\n    pass\n")
        try repo.write("b.py", "def b2():\n    pass\n")
        try repo.commitAll("two")
        _ = await runner(repo).run()
        #expect(try await indexedFunctions(root: repo.root).all == ["a.py:a2", "b.py:b2"])
        // Amend: b.py goes back to its first version. HEAD's parent alone would not list it.
        try repo.write("b.py", "def b():\n    pass\n")
        try repo.git(["add", "-A"])
        try repo.git(["commit", "-q", "--amend", "-m", "two, amended"])
        let record = try #require(records(await runner(repo).run()).first)
        #expect(record.mode == "incremental" && record.outcome == .succeeded)
        #expect(try await indexedFunctions(root: repo.root).all == ["a.py:a2", "b.py:b"])
    }

    @Test func aRunThatFindsAnotherRunningLeavesAMarkAndTheHolderRunsAgain() async throws {
        let repo = try enabled()
        try repo.write("a.py", "def a():\n    pass\n")
        try repo.commitAll("one")
        _ = await runner(repo).run()
        let mu = repo.root.appendingPathComponent(".mu")
        // Another run holds the hook lock.
        let held = try #require(try RunLock.tryAcquire(at: mu.appendingPathComponent(HookRunner.lockFileName).path))
        try repo.write("b.py", "def b():\n    pass\n")
        try repo.commitAll("two")
        let second = await runner(repo).run()
        guard case .coalesced = second else { Issue.record("expected a coalesced run, got \(second)"); return }
        try repo.write("c.py", "def c():\n    pass\n")
        try repo.commitAll("three")
        _ = await runner(repo).run()
        #expect(RerunMark(muDirectory: mu).isPresent)
        #expect(try await indexedFunctions(root: repo.root).all == ["a.py:a"]) // nothing ran meanwhile
        await held.release()

        // The next run (here: the one the holder would make) takes both marks in one go.
        let ran = records(await runner(repo).run())
        #expect(ran.count == 1)
        #expect(ran.first?.coalesced == 2)
        #expect(!RerunMark(muDirectory: mu).isPresent)
        #expect(try await indexedFunctions(root: repo.root).all == ["a.py:a", "b.py:b", "c.py:c"])
        let log = HookLog(muDirectory: mu).tail(20)
        #expect(log.filter { $0.contains("left a rerun mark") }.count == 2)
    }

    @Test func aBrokenConfigIsRecordedAndShownNotThrown() async throws {
        let repo = try enabled()
        try repo.write(".murc.toml", "[llm]\nprovder = \"openai\"\n")
        try repo.write("a.py", "def a():\n    pass\n")
        try repo.commitAll()
        let record = try #require(records(await runner(repo).run()).first)
        #expect(record.outcome == .failed)
        #expect(record.error?.contains("provder") == true)
        let status = try HookStatus.read(path: repo.root.path)
        #expect(status.lastRun?.outcome == .failed)
        #expect(status.logTail.last?.contains("failed after") == true)
    }

    @Test func aRootCommitOnAnOrphanBranchDiffsFromTheEmptyTree() async throws {
        let repo = try enabled()
        try repo.write("a.py", "def a():\n    pass\n")
        try repo.commitAll("main root")
        _ = await runner(repo).run()
        try repo.git(["checkout", "-q", "--orphan", "fresh"])
        try repo.git(["rm", "-rq", "--cached", "."])
        try repo.remove("a.py")
        try repo.write("z.py", "def z():\n    pass\n")
        try repo.commitAll("orphan root")
        let record = try #require(records(await runner(repo).run()).first)
        #expect(record.mode == "incremental" && record.outcome == .succeeded)
        #expect(record.paths == 2) // z.py from the empty tree, a.py from the last indexed commit
        #expect(try await indexedFunctions(root: repo.root).all == ["z.py:z"])
    }
}
