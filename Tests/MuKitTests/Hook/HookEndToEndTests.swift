import Foundation
import MuKit
import MuSource
import MuStore
import MuTestSupport
import Testing

/// Real `git commit`s running the installed hook, which runs the built `mu` binary in the
/// background; each test polls (bounded) for the index to catch up.
@Suite struct HookEndToEndTests {
    func install(_ repo: TempGitRepository, from directory: URL? = nil) throws {
        let git = try GitRepository(discovering: (directory ?? repo.root).path)
        _ = try HookInstaller(repository: git).install(executable: try builtMuBinary())
    }

    @Test func commitsAddModifyDeleteAndRenameFunctionsInTheIndex() async throws {
        let repo = try TempGitRepository()
        try repo.write("app.py", threeFunctions)
        try repo.write("gone.py", "def gone():\n    pass\n")
        try commit(repo, "one")
        try install(repo)

        try repo.write("app.py", threeFunctions.replacingOccurrences(of: "return y * 2", with: "return y * 5"))
        try repo.remove("gone.py")
        try repo.write("lib/new.go", "package lib\n\nfunc Added(n int) int {\n\treturn n + 1\n}\n")
        try commit(repo, "two")
        let second = try await waitForHookRun(root: repo.root, head: revParse(repo))
        #expect(second.outcome == .succeeded)
        var indexed = try await indexedFunctions(root: repo.root)
        #expect(indexed.all == ["app.py:alpha", "app.py:beta", "app.py:Gamma.delta", "lib/new.go:Added"])
        #expect(indexed.summarized == indexed.all)

        let betaBefore = try await bodyHash(repo, "beta")
        try FileManager.default.createDirectory(at: repo.root.appendingPathComponent("src"), withIntermediateDirectories: true)
        try repo.git(["mv", "app.py", "src/renamed.py"])
        try commit(repo, "rename")
        let renamed = try await waitForHookRun(root: repo.root, head: revParse(repo))
        #expect(renamed.outcome == .succeeded && renamed.mode == "incremental")
        #expect(renamed.summarized == 0) // moved bodies: every summary from the cache
        #expect(renamed.cacheHits == 3)
        indexed = try await indexedFunctions(root: repo.root)
        #expect(indexed.all == ["src/renamed.py:alpha", "src/renamed.py:beta", "src/renamed.py:Gamma.delta", "lib/new.go:Added"])
        #expect(indexed.summarized == indexed.all)
        #expect(try await bodyHash(repo, "beta") == betaBefore)
    }

    @Test func anExistingHookStillRunsFirstAndComesBackOnUninstall() async throws {
        let repo = try TempGitRepository()
        let hook = repo.root.appendingPathComponent(".git/hooks/post-commit")
        let original = "#!/bin/sh\necho \"$(git rev-parse HEAD)\" >> .git/previous-hook-ran\nexit 7\n"
        try writeExecutable(hook, original)
        try repo.write("a.py", "def a():\n    pass\n")
        try commit(repo, "one")
        try install(repo)
        try repo.write("b.py", "def b():\n    pass\n")
        try commit(repo, "two") // the previous hook's status 7 does not fail the commit
        let head = try revParse(repo)
        _ = try await waitForHookRun(root: repo.root, head: head)
        let ran = try String(contentsOf: repo.root.appendingPathComponent(".git/previous-hook-ran"), encoding: .utf8)
        #expect(ran.split(separator: "\n").last.map(String.init) == head)
        #expect(try await indexedFunctions(root: repo.root).all == ["a.py:a", "b.py:b"])

        let outcome = try runProcess(try builtMuBinary(), ["hook", "uninstall"], in: repo.root,
                                     environment: hermeticEnvironment(repo))
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("put back the hook that was there before"))
        #expect(try String(contentsOf: hook, encoding: .utf8) == original)
        #expect(FileManager.default.isExecutableFile(atPath: hook.path))
    }

    @Test func coreHooksPathAndALinkedWorktree() async throws {
        let repo = try TempGitRepository()
        try repo.write(".git/info/exclude", ".githooks/\n")
        try repo.git(["config", "core.hooksPath", ".githooks"])
        try repo.write("a.py", "def a():\n    pass\n")
        try commit(repo, "one")
        let worktree = FileManager.default.temporaryDirectory.appendingPathComponent("mu-wt-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: worktree) }
        try repo.git(["worktree", "add", "-q", "-b", "side", worktree.path])
        // core.hooksPath is relative: git resolves it in each worktree, so install from both.
        try install(repo)
        try install(repo, from: worktree)
        #expect(FileManager.default.isExecutableFile(atPath: repo.root.appendingPathComponent(".githooks/post-commit").path))
        #expect(!FileManager.default.fileExists(atPath: repo.root.appendingPathComponent(".git/hooks/post-commit").path))

        try repo.write("b.py", "def b():\n    pass\n")
        try commit(repo, "main two")
        _ = try await waitForHookRun(root: repo.root, head: revParse(repo))
        #expect(try await indexedFunctions(root: repo.root).all == ["a.py:a", "b.py:b"])

        try Data("def side():\n    pass\n".utf8).write(to: worktree.appendingPathComponent("side.py"))
        try commit(repo, "side two", in: worktree)
        let head = try revParse(repo, in: worktree)
        let record = try await waitForHookRun(root: worktree, head: head)
        #expect(record.outcome == .succeeded)
        #expect(try await indexedFunctions(root: worktree).all == ["a.py:a", "side.py:side"]) // its own index
    }

    @Test func aBrokenConfigOrADownProviderNeverFailsTheCommitAndHookStatusSaysWhy() async throws {
        let repo = try TempGitRepository()
        try repo.write("a.py", "def a():\n    pass\n")
        try commit(repo, "one")
        try install(repo)
        try repo.write(".murc.toml", "[llm]\nprovder = \"openai\"\n")
        try commit(repo, "broken config")
        let broken = try await waitForHookRun(root: repo.root, head: revParse(repo))
        #expect(broken.outcome == .failed)
        #expect(broken.error?.contains("provder") == true)
        let status = try runProcess(try builtMuBinary(), ["hook", "status"], in: repo.root, environment: hermeticEnvironment(repo))
        #expect(status.status == 0)
        #expect(status.stdout.contains("hook       installed: \(repo.root.path)/.git/hooks/post-commit"))
        #expect(status.stdout.contains("last run   failed"))
        #expect(status.stdout.contains("provder"))

        // A provider nobody answers (a closed loopback port): one request, too few for the pool to stop,
        // yet the run says the provider was unreachable and how many functions wait (issue 9 #11).
        try repo.write(".murc.toml", """
            [llm]
            provider = "ollama"
            model = "llama3"
            max_retries = 0
            timeout_seconds = 5
            [llm.ollama]
            base_url = "http://127.0.0.1:9"
            """)
        try repo.write("b.py", "def b():\n    pass\n")
        try commit(repo, "provider down")
        let down = try await waitForHookRun(root: repo.root, head: revParse(repo))
        #expect(down.outcome == .providerUnavailable, "\(down)")
        // Refused at once on an idle machine; on a loaded one the request may hit its deadline first.
        let unreachable = down.error.map { $0.contains("could not reach the provider") || $0.contains("no reply within") }
        #expect(unreachable == true, "\(String(describing: down.error))")
        #expect(down.error?.contains("without a summary, the next run sends them") == true, "\(String(describing: down.error))")
        let downText = try runProcess(try builtMuBinary(), ["hook", "status"], in: repo.root, environment: hermeticEnvironment(repo))
        let lastRun = downText.stdout.split(separator: "\n").first { $0.hasPrefix("last run") } ?? ""
        #expect(lastRun.hasPrefix("last run   provider unavailable") && !lastRun.contains("failed"), "\(downText.stdout)")
        let json = try runProcess(try builtMuBinary(), ["hook", "status", "--json"], in: repo.root,
                                  environment: hermeticEnvironment(repo))
        #expect(json.stdout.contains("\"installed\":true"))
        #expect(json.stdout.contains("\"outcome\":\"\(down.outcome.rawValue)\""))
    }

    @Test func twentyQuickCommitsCoalesceAndTheIndexEndsRight() async throws {
        let repo = try TempGitRepository()
        try repo.write("base.py", "def base():\n    pass\n")
        try commit(repo, "base")
        try install(repo)
        // Twenty commits from one shell loop, as fast as a rebase makes them: file i%5 gets
        // function f<i%5>_<i/5> added each time.
        let script = """
            for i in $(seq 1 20); do
              f=$((i % 5)); n=$((i / 5))
              printf 'def f%s_%s():\\n    return %s\\n\\n\\n' $f $n $n >> f$f.py
              git add -A && git commit -q -m "commit $i" || exit 1
            done
            """
        // A manual run holds the index while the commits land, so the background runs must coalesce
        // whatever the machine's speed (without it a fast machine may finish each run before the next commit).
        let lock = try #require(try RunLock.tryAcquire(at: repo.root.appendingPathComponent(".mu/lock").path))
        let loop = try runProcess("/bin/sh", ["-c", script], in: repo.root, environment: hermeticEnvironment(repo))
        await lock.release()
        #expect(loop.status == 0, "\(loop.stderr)")
        var expected: Set<String> = ["base.py:base"]
        for i in 1...20 { expected.insert("f\(i % 5).py:f\(i % 5)_\(i / 5)") }
        let final = try await waitForHookRun(root: repo.root, head: revParse(repo), timeout: .seconds(45))
        #expect(final.outcome == .succeeded)
        let indexed = try await indexedFunctions(root: repo.root)
        #expect(indexed.all == expected)
        #expect(indexed.summarized == expected)
        let log = HookLog(muDirectory: repo.root.appendingPathComponent(".mu")).tail(200)
        let runs = log.filter { $0.contains("] start: ") }.count
        #expect(runs >= 1 && runs < 20, "expected coalesced runs, log:\n\(log.joined(separator: "\n"))")
        #expect(log.contains { $0.contains("left a rerun mark") })
    }

    @Test func aCommitReturnsAtOnceWhileTheRunWaitsForTheIndexLock() async throws {
        let repo = try TempGitRepository()
        try repo.write("a.py", "def a():\n    pass\n")
        try commit(repo, "one")
        try install(repo)
        // A manual `mu summarize` holds the index: the background run has to wait for it.
        let lock = try #require(try RunLock.tryAcquire(at: repo.root.appendingPathComponent(".mu/lock").path))
        try repo.write("b.py", "def b():\n    pass\n")
        let env = try hermeticEnvironment(repo)
        _ = try runProcess("/usr/bin/env", ["git", "add", "-A"], in: repo.root, environment: env)
        // Output read to its end, as an editor does: the waiting mu must hold none of git's pipes.
        let outcome = try runProcess("/usr/bin/env", ["git", "commit", "-q", "-m", "two"], in: repo.root, environment: env)
        #expect(outcome.status == 0)
        #expect(outcome.seconds < 2, "git commit took \(outcome.seconds) s")
        try await Task.sleep(for: .milliseconds(300))
        #expect(HookStatusFile(muDirectory: repo.root.appendingPathComponent(".mu")).read()?.outcome == .running)
        await lock.release()
        let record = try await waitForHookRun(root: repo.root, head: revParse(repo))
        #expect(record.outcome == .succeeded)
        #expect(try await indexedFunctions(root: repo.root).all == ["a.py:a", "b.py:b"])
    }

    func bodyHash(_ repo: TempGitRepository, _ name: String) async throws -> String? {
        let database = try MuDatabase(path: repo.root.appendingPathComponent(".mu/mu.db").path)
        defer { try? database.close() }
        return try await SymbolIndex(database: database).query(name).first?.function.bodyHash
    }
}
