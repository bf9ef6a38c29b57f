import Foundation
import MuKit
import MuSource
import MuStore
import MuTestSupport
import Testing

/// Real commits running the installed hook (the built `mu`, offline backend): its background run
/// brings the roll-ups up to date, incrementally, so `mu show DIR` follows the commits.
@Suite struct HookRollupTests {
    let identity = "\(ROLLUP_VERSION) extractive extractive-rollup-1"

    func rollup(_ repo: TempGitRepository, _ path: String) async throws -> [String]? {
        let database = try MuDatabase(path: repo.root.appendingPathComponent(".mu/mu.db").path)
        defer { try? database.close() }
        return try await RollupIndex(database: database).rollup(for: path)?.summary?.bullets
    }

    func standing(_ repo: TempGitRepository) async throws -> RollupIndex.Standing {
        let database = try MuDatabase(path: repo.root.appendingPathComponent(".mu/mu.db").path)
        defer { try? database.close() }
        return try await RollupIndex(database: database).standing(for: identity)
    }

    @Test func theHookKeepsDirectoryAndRepositoryRollupsCurrent() async throws {
        let repo = try TempGitRepository()
        try repo.write("pkg/a.py", "def a(x):\n    \"\"\"Adds one.\"\"\"\n    return x + 1\n")
        try commit(repo, "one")
        _ = try HookInstaller(repository: try GitRepository(discovering: repo.root.path)).install(executable: try builtMuBinary())

        try repo.write("pkg/b.py", "def b(x):\n    \"\"\"Doubles x.\"\"\"\n    return x * 2\n")
        try commit(repo, "two")
        let first = try await waitForHookRun(root: repo.root, head: revParse(repo))
        #expect(first.outcome == .succeeded)
        #expect(try await rollup(repo, "pkg")?.first == "Holds 2 entries: a.py, b.py.")
        #expect(try await rollup(repo, ".")?.first == "Holds 1 entry: pkg/.")
        #expect(try await standing(repo) == .changed(files: []))

        try repo.write("pkg/c.py", "def c(x):\n    \"\"\"Halves x.\"\"\"\n    return x / 2\n")
        try repo.remove("pkg/a.py")
        try repo.write("tools/t.py", "def t():\n    \"\"\"Runs the tool.\"\"\"\n    return 0\n")
        try commit(repo, "three")
        let second = try await waitForHookRun(root: repo.root, head: revParse(repo))
        #expect(second.outcome == .succeeded && second.mode == "incremental")
        #expect(try await rollup(repo, "pkg")?.first == "Holds 2 entries: b.py, c.py.")
        #expect(try await rollup(repo, "pkg/a.py") == nil)
        #expect(try await rollup(repo, "tools/t.py") == ["Holds 1 function.", "t: Runs the tool."])
        #expect(try await rollup(repo, ".")?.first == "Holds 2 entries: pkg/, tools/.")
        #expect(try await standing(repo) == .changed(files: []))
        let log = HookLog(muDirectory: repo.root.appendingPathComponent(".mu")).tail(20)
        #expect(log.contains { $0.contains("roll-ups: 5 summarized") }) // c.py, t.py, pkg, tools, root

        // What the hook left equals a full pass of `mu summarize` over the same tree.
        let before = try await rows(repo)
        let database = try MuDatabase(path: repo.root.appendingPathComponent(".mu/mu.db").path)
        try await database.setMetaValue(nil, forKey: RollupIndex.baseKey)
        try await RollupIndex(database: database).markCurrent(nil)
        try database.close()
        #expect(try await standing(repo) == .unknown)
        let outcome = try runProcess(try builtMuBinary(), ["summarize", ".", "--quiet"], in: repo.root,
                                     environment: try hermeticEnvironment(repo))
        #expect(outcome.status == 0)
        #expect(try await rows(repo) == before)
        #expect(try await standing(repo) == .changed(files: []))
    }

    func rows(_ repo: TempGitRepository) async throws -> [String] {
        let database = try MuDatabase(path: repo.root.appendingPathComponent(".mu/mu.db").path)
        defer { try? database.close() }
        return try await RollupIndex(database: database).all().values
            .map { "\($0.path) \($0.kind.rawValue) \($0.childrenHash) \($0.summaryKey)" }.sorted()
    }
}
