import Foundation
import MuKit
import MuLLM
import MuStore
import MuTestSupport
import Testing

/// LLM roll-ups go through the pool like function summaries: retries, the run's budget, counted
/// requests and costs. Driven through the built `mu` binary against a fake OpenAI server on 127.0.0.1.
@Suite("roll-ups through the LLM pool", .serialized)
struct RollupPoolTests {
    func environment(_ repo: TempGitRepository) throws -> [String: String] {
        var env = try hermeticEnvironment(repo)
        env["OPENAI_API_KEY"] = "sk-test"
        return env
    }

    /// gpt-4.1-mini: $0.40 / $1.60 per 1M tokens.
    func configure(_ repo: TempGitRepository, _ server: FakeProviderServer, maxCost: Double = 0) throws {
        _ = try repo.write(".murc.toml", """
            [llm]
            provider = "openai"
            model = "gpt-4.1-mini"
            concurrency = 1
            max_cost_usd = \(maxCost)
            [llm.openai]
            base_url = "\(server.baseURL.absoluteString)"
            """)
    }

    /// Runs `mu summarize` on a dispatch thread: waiting for it on one of the few cooperative
    /// threads would starve the fake server living on them.
    func summarize(_ repo: TempGitRepository, _ arguments: [String] = []) async throws -> (status: Int32, json: [String: Any], stderr: String) {
        let binary = try builtMuBinary()
        let env = try environment(repo)
        let outcome = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<ProcessOutcome, any Error>) in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    try runProcess(binary, ["summarize", ".", "--json", "--quiet", "--yes"] + arguments, in: repo.root, environment: env)
                })
            }
        }
        let json = (try? JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))) as? [String: Any] ?? [:]
        if json.isEmpty { Issue.record("no JSON from mu summarize (status \(outcome.status)): \(outcome.stderr)") }
        return (outcome.status, json, outcome.stderr)
    }

    func rollups(_ repo: TempGitRepository) async throws -> [String: Rollup] {
        let database = try MuDatabase(path: repo.root.appendingPathComponent(".mu/mu.db").path)
        defer { try? database.close() }
        return try await RollupIndex(database: database).all()
    }

    @Test func aRateLimitedRollupIsRetriedAndCounted() async throws {
        let server = try await FakeProviderServer.start(.openAI)
        defer { Task { await server.stop() } }
        await server.setDefaultReply("- Keeps the parts of this code together.\n- Serves one purpose.")
        await server.setUsage(input: 100, output: 20)
        let repo = try TempGitRepository()
        _ = try repo.write("pkg/a.py", "def a(x):\n    return x + 1\n")
        try configure(repo, server)
        try repo.commitAll()
        let functions = try await summarize(repo, ["--no-rollup"])
        #expect(functions.status == 0 && functions.json["summarized"] as? Int == 1, "\(functions.stderr)")
        #expect(await server.requestCount() == 1)

        // The first roll-up request gets a 429; the pool waits and sends it again.
        await server.enqueue(.rateLimited(retryAfter: 1))
        let rolled = try await summarize(repo)
        #expect(rolled.status == 0)
        #expect(await server.requestCount() == 1 + 4) // pkg/a.py (twice), pkg, the root
        #expect(rolled.json["llm_requests"] as? Int == 4)
        #expect(rolled.json["input_tokens"] as? Int == 300 && rolled.json["output_tokens"] as? Int == 60)
        #expect((rolled.json["cost_usd"] as? Double ?? 0) > 0)
        #expect(Set(try await rollups(repo).compactMap { $0.value.summary == nil ? nil : $0.key }) == ["pkg/a.py", "pkg", "."])
    }

    /// The functions fit in the budget, the roll-ups do not all fit: the run stops with exit code 4,
    /// every function summary and every roll-up paid for stays, and the next run with more budget
    /// sends only the roll-ups still missing.
    @Test func aBudgetTooSmallForTheRollupsStopsWithExitCode4AndKeepsWhatWasPaid() async throws {
        let server = try await FakeProviderServer.start(.openAI)
        defer { Task { await server.stop() } }
        await server.setDefaultReply("- Keeps the parts of this code together.\n- Serves one purpose.")
        await server.setUsage(input: 100, output: 20)   // $0.000072 a call
        let repo = try TempGitRepository()
        _ = try repo.write("p/a.py", "def a(x):\n    return x + 1\n")
        _ = try repo.write("q/b.py", "def b(x):\n    return x + 2\n")
        _ = try repo.write("r/c.py", "def c(x):\n    return x + 3\n")
        try configure(repo, server, maxCost: 0.0009)
        try repo.commitAll()
        let stopped = try await summarize(repo)
        #expect(stopped.status == 4, "\(stopped.json)")
        #expect(stopped.json["summarized"] as? Int == 3 && stopped.json["failed"] as? Int == 0)
        let cost = stopped.json["cost_usd"] as? Double ?? 1
        #expect(cost <= 0.0009)
        let sent = await server.requestCount()
        #expect(stopped.json["llm_requests"] as? Int == sent)
        let kept = try await rollups(repo)
        #expect(sent > 3 && kept.count == sent - 3) // every roll-up request paid for is stored
        #expect(kept.count < 7)                     // 3 files, 3 directories, the root

        try configure(repo, server, maxCost: 1)
        let finished = try await summarize(repo)
        #expect(finished.status == 0)
        #expect(finished.json["summarized"] as? Int == 0)
        #expect(await server.requestCount() == 3 + 7) // each roll-up sent once over both runs
        #expect(try await rollups(repo).count == 7)
    }
}
