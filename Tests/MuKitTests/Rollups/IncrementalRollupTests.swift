import Foundation
import GRDB
import MuKit
import MuLLM
import MuSource
import MuStore
import MuTestSupport
import Testing

/// Incremental roll-ups: only the files recorded as changed (by the triggers on `functions`), their
/// directories and the root are recomputed, and the result is the one a full pass gives.
@Suite("incremental roll-ups")
struct IncrementalRollupTests {
    let identity = "\(ROLLUP_VERSION) openai-compatible rollup-test-model"

    func workspace(_ repo: TempGitRepository) throws -> Workspace {
        let loader = ConfigLoader(environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"],
                                  homeDirectory: repo.root.appendingPathComponent(".mu-test-home"))
        return try Workspace(path: repo.root.path, loader: loader)
    }

    func run(_ repo: TempGitRepository, _ provider: RollupCountingProvider, rollups: Bool = true) async throws -> SummarizeReport {
        var summarizer = try Summarizer(workspace: workspace(repo), provider: provider)
        summarizer.rollups = rollups
        return try await summarizer.run()
    }

    func tree() throws -> TempGitRepository {
        let repo = try TempGitRepository()
        _ = try repo.write("a/b/c.py", "def f1(x):\n    return x + 1\n\n\ndef f2(y):\n    return y * 2\n")
        _ = try repo.write("a/d.py", "def g(z):\n    return z - 1\n")
        _ = try repo.write("e.py", "def h():\n    return 0\n")
        _ = try repo.write("k/l/m.py", "def m():\n    return 3\n")
        try repo.commitAll()
        return repo
    }

    /// Every stored roll-up row: path, kind, children hash, summary key.
    func snapshot(_ repo: TempGitRepository) async throws -> [String] {
        let database = try workspace(repo).openDatabase(create: false)
        defer { try? database.close() }
        return try await RollupIndex(database: database).all().values
            .map { "\($0.path) \($0.kind.rawValue) \($0.childrenHash) \($0.summaryKey) \($0.summary?.bullets.joined() ?? "-")" }
            .sorted()
    }

    func standing(_ repo: TempGitRepository) async throws -> RollupIndex.Standing {
        let database = try workspace(repo).openDatabase(create: false)
        defer { try? database.close() }
        return try await RollupIndex(database: database).standing(for: identity)
    }

    /// Forgets that the roll-ups were complete: the next rolling run makes a full pass.
    func forgetBase(_ repo: TempGitRepository) async throws {
        let database = try workspace(repo).openDatabase(create: false)
        defer { try? database.close() }
        try await database.setMetaValue(nil, forKey: RollupIndex.baseKey)
        try await RollupIndex(database: database).markCurrent(nil)
    }

    @Test func editsRemovalsAndNewDirectoriesRecomputeOnlyTheirPathAndEqualAFullPass() async throws {
        let repo = try tree()
        let provider = RollupCountingProvider()
        _ = try await run(repo, provider)
        #expect(await provider.rollupCalls.count == 9) // 4 files, a/b, a, k/l, k, root
        #expect(try await standing(repo) == .changed(files: []))

        // One edit that changes a summary, one file removed, one file in a new directory.
        await provider.reset()
        _ = try repo.write("a/b/c.py", "def f1(x):\n    \"\"\"Shift x up.\"\"\"\n    return x + 100\n\n\ndef f2(y):\n    return y * 2\n")
        try repo.remove("k/l/m.py")
        _ = try repo.write("n/o.py", "def o():\n    return 4\n")
        let edited = try await run(repo, provider)
        #expect(await provider.functionCalls.sorted() == ["f1", "o"])
        #expect(await provider.rollupCalls.sorted() == ["directory a", "directory a/b", "directory n", "file a/b/c.py",
                                                        "file n/o.py", "repository ."])
        #expect(edited.rollupsSummarized == 6 && edited.rollupsFailed == 0)
        #expect(edited.rollupsReused == 2) // a/d.py, e.py
        let incremental = try await snapshot(repo)
        #expect(!incremental.contains { $0.hasPrefix("k") }) // k/l/m.py, k/l and k are gone
        #expect(incremental.count == 8)
        #expect(try await standing(repo) == .changed(files: []))

        // The same tree rolled up from scratch gives the same rows, with no provider call.
        await provider.reset()
        try await forgetBase(repo)
        #expect(try await standing(repo) == .unknown)
        let full = try await run(repo, provider)
        #expect(await provider.rollupCalls.isEmpty)
        #expect(await provider.functionCalls.isEmpty)
        #expect(full.rollupsReused == 8)
        #expect(try await snapshot(repo) == incremental)

        // A second run makes none either.
        let again = try await run(repo, provider)
        #expect(await provider.rollupCalls.isEmpty)
        #expect(again.rollupsSummarized == 0 && again.rollupsReused == 8)
    }

    /// Changes made by runs without roll-ups (`--no-rollup`, a hook without them) are recorded and
    /// picked up by the next rolling run, which recomputes them only.
    @Test func changesWithoutRollupsAccumulateAndAreRolledUpLater() async throws {
        let repo = try tree()
        let provider = RollupCountingProvider()
        _ = try await run(repo, provider)
        _ = try repo.write("e.py", "def h():\n    \"\"\"Start from zero.\"\"\"\n    return 0\n")
        _ = try await run(repo, provider, rollups: false)
        _ = try repo.write("a/d.py", "def g(z):\n    \"\"\"One down.\"\"\"\n    return z - 1\n")
        _ = try await run(repo, provider, rollups: false)
        #expect(try await standing(repo) == .changed(files: ["a/d.py", "e.py"]))

        await provider.reset()
        _ = try await run(repo, provider)
        #expect(await provider.rollupCalls.sorted() == ["directory a", "file a/d.py", "file e.py", "repository ."])
        let incremental = try await snapshot(repo)
        try await forgetBase(repo)
        await provider.reset()
        _ = try await run(repo, provider)
        #expect(await provider.rollupCalls.isEmpty)
        #expect(try await snapshot(repo) == incremental)
    }

    /// The triggers record a changed file in the transaction that changes it; before the first
    /// complete roll-up (no base) they record nothing.
    @Test func triggersRecordChangedPathsOnlyOnceABaseExists() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mu-dirty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try MuDatabase(path: directory.appendingPathComponent("mu.db").path)
        let index = SymbolIndex(database: database)
        let record = FunctionRecord(path: "x.py", language: "python", name: "f", qualifiedName: "f", kind: "function",
                                    signature: "def f()", startLine: 1, endLine: 2, bodyHash: "h1", summaryKey: nil)
        try await index.replaceFunctions(inFile: "x.py", with: [record], commit: nil)
        let rollups = RollupIndex(database: database)
        #expect(try await rollups.standing(for: "id") == .unknown)
        try await rollups.finishPass(identity: "id", full: true, recomputed: [], succeeded: true)
        #expect(try await rollups.isCurrent(for: "id"))
        #expect(try await rollups.standing(for: "id") == .changed(files: []))

        var moved = record
        moved.path = "y.py"
        let stored = try await index.replaceFunctions(inFile: "y.py", with: [moved], commit: nil)
        try await index.removeFiles(["x.py"])
        #expect(try await rollups.standing(for: "id") == .changed(files: ["x.py", "y.py"]))
        #expect(try await rollups.isCurrent(for: "id") == false)
        // An incremental pass that failed keeps its files; one that succeeded clears them.
        try await rollups.finishPass(identity: "id", full: false, recomputed: ["x.py", "y.py"], succeeded: false)
        #expect(try await rollups.standing(for: "id") == .changed(files: ["x.py", "y.py"]))
        try await rollups.finishPass(identity: "id", full: false, recomputed: ["x.py", "y.py"], succeeded: true)
        #expect(try await rollups.standing(for: "id") == .changed(files: []))
        #expect(try await rollups.isCurrent(for: "id"))
        try await index.setSummaryKey("k1", forFunction: try #require(stored.first?.id))
        #expect(try await rollups.standing(for: "id") == .changed(files: ["y.py"]))
        // Another identity, or a failed full pass: unknown, so the next pass is full.
        #expect(try await rollups.standing(for: "other") == .unknown)
        try await rollups.finishPass(identity: "id", full: true, recomputed: [], succeeded: false)
        #expect(try await rollups.standing(for: "id") == .unknown)
        try database.close()
    }
}
