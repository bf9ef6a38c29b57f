import Foundation
import MuKit
import MuLLM
import MuStore
import MuTestSupport
import Testing

/// `summarize --batch` end to end against the fake provider's batch endpoints (Anthropic Message
/// Batches, OpenAI Files + Batch): submission recorded before returning, collection in a new process,
/// partial failures, cancellation, expiry, invalid replies re-asked live, no request paid twice.
@Suite struct BatchModeTests {
    static let validReply = "- Adds one to the counter and returns the new total."

    func workspace(_ repo: TempGitRepository, format: FakeWireFormat, server: FakeProviderServer) throws -> Workspace {
        try repo.write(".murc.toml", Self.toml(format: format, server: server))
        let loader = ConfigLoader(environment: Self.environment(repo), homeDirectory: repo.root.appendingPathComponent(".git/mu-test-home"))
        return try Workspace(path: repo.root.path, loader: loader)
    }

    static func toml(format: FakeWireFormat, server: FakeProviderServer) -> String {
        let provider = format == .anthropic ? "anthropic" : "openai"
        let model = format == .anthropic ? "claude-haiku-4-5" : "gpt-4.1-mini"
        return "[llm]\nprovider = \"\(provider)\"\nmodel = \"\(model)\"\nconcurrency = 2\n[llm.\(provider)]\nbase_url = \"\(server.baseURL.absoluteString)\"\n"
    }

    static func environment(_ repo: TempGitRepository) -> [String: String] {
        ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "ANTHROPIC_API_KEY": "test-key",
         "OPENAI_API_KEY": "test-key", "HOME": repo.root.appendingPathComponent(".git/mu-test-home").path,
         "LANG": "C.UTF-8", "GIT_CONFIG_NOSYSTEM": "1", "MU_BATCH_POLL_SECONDS": "0.02"]
    }

    /// `count` functions with distinct bodies in one file.
    func repository(functions count: Int, file: String = "work.py", offset: Int = 0) throws -> TempGitRepository {
        let repo = try TempGitRepository()
        try Self.writeFunctions(repo, count: count, file: file, offset: offset)
        return repo
    }

    static func writeFunctions(_ repo: TempGitRepository, count: Int, file: String, offset: Int = 0) throws {
        var source = ""
        for i in offset..<(offset + count) { source += "def step\(i)(counter):\n    return counter + \(i)\n\n\n" }
        try repo.write(file, source)
    }

    func summarizer(_ workspace: Workspace, mode: Summarizer.BatchMode, collect: Bool = true) throws -> Summarizer {
        var summarizer = try Summarizer(workspace: workspace)
        summarizer.batchMode = mode
        summarizer.collectBatches = collect
        summarizer.batchPollSeconds = 0.02
        return summarizer
    }

    func batchStore(_ repo: TempGitRepository) throws -> (MuDatabase, BatchStore) {
        let database = try MuDatabase(path: repo.root.appendingPathComponent(".mu/mu.db").path)
        return (database, BatchStore(database: database))
    }

    @Test(arguments: [FakeWireFormat.anthropic, .openAI])
    func submitsThenANewProcessCollectsEverythingAndNothingIsPaidTwice(_ format: FakeWireFormat) async throws {
        let server = try await FakeProviderServer.start(format, defaultReply: Self.validReply)
        await server.setBatchBehavior(FakeBatchBehavior(pollsBeforeEnd: 1))
        let repo = try repository(functions: 5)
        let report = try await summarizer(try workspace(repo, format: format, server: server), mode: .submit).run()
        #expect(report.batchesSubmitted == 1 && report.batchRequests == 5 && report.waitingForBatch == 5)
        #expect(report.summarized == 0 && report.failed == 0 && report.llmRequests == 0)
        do { let v = await server.requestCount(); #expect(v == 0) }  // nothing sent live
        let (database, store) = try batchStore(repo)
        let batches = try await store.all()
        #expect(batches.count == 1 && batches.first?.requestCount == 5 && batches.first?.collectedAt == nil)
        #expect(try await store.pendingKeys().count == 5)
        try database.close()

        // Another process: the CLI binary, which polls once (in progress), then sees the batch ended.
        let mu = try builtMuBinary()
        let first = try await runOffPool(mu, ["batch", "collect", "--json"], in: repo.root, environment: Self.environment(repo))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("\"batches_pending\":1"), "\(first.stdout)")
        let second = try await runOffPool(mu, ["batch", "collect", "--wait", "--json"], in: repo.root, environment: Self.environment(repo))
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("\"summarized\":5"), "\(second.stdout)")
        let indexed = try await indexedFunctions(root: repo.root)
        #expect(indexed.all.count == 5 && indexed.summarized == indexed.all)

        // A later run finds every summary in the cache: no request, live or batch.
        let again = try await runOffPool(mu, ["summarize", "--json", "--yes", "--no-rollup"], in: repo.root, environment: Self.environment(repo))
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("\"llm_requests\":0") && again.stdout.contains("\"batches_submitted\":0"), "\(again.stdout)")
        do { let v = await server.requestCount(); #expect(v == 0) }
        let received = await server.batchItemsReceived()
        #expect(received.count == 5 && Set(received).count == 5)
        await server.stop()
    }

    @Test func aPendingBatchsKeysAreNotSentLiveAndWaitCollects() async throws {
        let server = try await FakeProviderServer.start(.anthropic, defaultReply: Self.validReply)
        await server.setBatchBehavior(FakeBatchBehavior(pollsBeforeEnd: 1_000))
        let repo = try repository(functions: 4)
        let ws = try workspace(repo, format: .anthropic, server: server)
        _ = try await summarizer(ws, mode: .submit).run()
        // The estimate counts nothing waiting in the batch as a miss.
        let plan = try await SummaryPlanner(workspace: ws).plan()
        #expect(plan.functions == 4 && plan.misses == 0 && plan.estimate.costUSD == 0)
        // A live run (no collecting, like the hook) while the batch runs: nothing is paid again.
        let live = try await summarizer(ws, mode: .off, collect: false).run()
        #expect(live.waitingForBatch == 4 && live.llmRequests == 0 && live.failed == 0)
        do { let v = await server.requestCount(); #expect(v == 0) }
        // The batch ends; --wait on a new file's batch collects both.
        await server.setBatchBehavior(FakeBatchBehavior(pollsBeforeEnd: 2))
        try Self.writeFunctions(repo, count: 2, file: "more.py", offset: 10)
        let waited = try await summarizer(ws, mode: .submitAndWait).run()
        #expect(waited.batchesSubmitted == 1 && waited.batchRequests == 2)
        #expect(waited.summarized == 6 && waited.waitingForBatch == 0 && waited.failed == 0)
        let indexed = try await indexedFunctions(root: repo.root)
        #expect(indexed.all.count == 6 && indexed.summarized == indexed.all)
        let items = await server.batchItemsReceived().count, liveCount = await server.requestCount()
        #expect(items == 6 && liveCount == 0)
        await server.stop()
    }

    @Test(arguments: [FakeWireFormat.anthropic, .openAI])
    func partialFailuresExpiryAndAnInvalidReplyAreReaskedLiveNeverCached(_ format: FakeWireFormat) async throws {
        let server = try await FakeProviderServer.start(format, defaultReply: Self.validReply)
        // Four requests: valid, errored, invalid (empty), and one the batch never answers (expired).
        await server.enqueueBatchItems(.reply(Self.validReply), .errored, .reply(""), .reply(Self.validReply))
        await server.setBatchBehavior(FakeBatchBehavior(expireAfter: 3))
        let repo = try repository(functions: 4)
        let ws = try workspace(repo, format: format, server: server)
        _ = try await summarizer(ws, mode: .submit).run()
        let database = try ws.openDatabase(create: false)
        let coordinator = try BatchCoordinator(backend: try LLMSetup(ws.config).makeBackend(), database: database)
        let collected = try await coordinator.collect()
        #expect(collected.batchesCollected == 1 && collected.batchesPending == 0)
        #expect(collected.summarized == 1)      // the valid one
        #expect(collected.reaskedLive == 1)     // the invalid one, asked again live
        #expect(collected.failed == 2)          // errored + expired
        do { let v = await server.requestCount(); #expect(v == 1) }
        #expect(try await BatchStore(database: database).pendingKeys().isEmpty)
        try database.close()
        var indexed = try await indexedFunctions(root: repo.root)
        #expect(indexed.summarized.count == 2)
        // The next run sends the two without a summary live, and only those.
        let next = try await summarizer(ws, mode: .off).run()
        #expect(next.summarized == 2 && next.failed == 0)
        do { let v = await server.requestCount(); #expect(v == 3) }
        indexed = try await indexedFunctions(root: repo.root)
        #expect(indexed.summarized == indexed.all && indexed.all.count == 4)
        await server.stop()
    }

    @Test(arguments: [FakeWireFormat.anthropic, .openAI])
    func cancelledBatchKeepsAnsweredResults(_ format: FakeWireFormat) async throws {
        let server = try await FakeProviderServer.start(format, defaultReply: Self.validReply)
        await server.setBatchBehavior(FakeBatchBehavior(pollsBeforeEnd: 1_000, answeredBeforeCancel: 2))
        let repo = try repository(functions: 5)
        let ws = try workspace(repo, format: format, server: server)
        _ = try await summarizer(ws, mode: .submit).run()
        let database = try ws.openDatabase(create: false)
        let coordinator = try BatchCoordinator(backend: try LLMSetup(ws.config).makeBackend(), database: database)
        let cancelled = try await coordinator.cancel([])
        #expect(cancelled.count == 1 && cancelled.first?.status == "canceling")
        let collected = try await coordinator.collect()
        #expect(collected.summarized == 2 && collected.failed == 3 && collected.batchesCollected == 1)
        let status = try await coordinator.status()
        #expect(status.first?.status == "canceled" && status.first?.collectedAt != nil)
        try database.close()
        do { let v = await server.requestCount(); #expect(v == 0) }
        await server.stop()
    }

    @Test func mixedLiveAndBatchRunsShareTheCache() async throws {
        let server = try await FakeProviderServer.start(.openAI, defaultReply: Self.validReply)
        let repo = try repository(functions: 3)
        let ws = try workspace(repo, format: .openAI, server: server)
        let live = try await summarizer(ws, mode: .off).run()
        let firstCount = await server.requestCount()
        #expect(live.summarized == 3 && firstCount == 3)
        // Same bodies in another file plus two new ones: only the new ones go into the batch.
        try Self.writeFunctions(repo, count: 3, file: "copy.py")
        try Self.writeFunctions(repo, count: 2, file: "new.py", offset: 20)
        let batch = try await summarizer(ws, mode: .submitAndWait).run()
        #expect(batch.batchRequests == 2 && batch.summarized == 2 && batch.failed == 0)
        let items = await server.batchItemsReceived().count, liveCount = await server.requestCount()
        #expect(items == 2 && liveCount == 3)
        let indexed = try await indexedFunctions(root: repo.root)
        #expect(indexed.all.count == 8 && indexed.summarized == indexed.all)
        await server.stop()
    }

    @Test func theBudgetLimitsWhatIsSubmitted() async throws {
        let server = try await FakeProviderServer.start(.anthropic, defaultReply: Self.validReply)
        let repo = try repository(functions: 6)
        // claude-haiku-4-5 at the batch price, worst case per request: ~100 input tokens × $0.5 + 300 output
        // tokens × $2.5 per 1M ≈ $0.0008; a budget of $0.002 takes 2 of the 6.
        try repo.write(".murc.toml", "[llm]\nprovider = \"anthropic\"\nmodel = \"claude-haiku-4-5\"\nmax_cost_usd = 0.002\n"
                       + "[llm.anthropic]\nbase_url = \"\(server.baseURL.absoluteString)\"\n")
        let loader = ConfigLoader(environment: Self.environment(repo), homeDirectory: repo.root.appendingPathComponent(".git/mu-test-home"))
        let ws = try Workspace(path: repo.root.path, loader: loader)
        let report = try await summarizer(ws, mode: .submit).run()
        await server.stop()
        guard case .budgetReached = report.stop else { Issue.record("no budget stop: \(String(describing: report.stop))"); return }
        #expect(report.batchRequests > 0 && report.batchRequests < 6 && report.notSent == 6 - report.batchRequests)
        let received = await server.batchItemsReceived().count
        #expect(received == report.batchRequests && report.waitingForBatch == report.batchRequests)
    }

    @Test func providersWithoutABatchAPISaySoInOneLine() async throws {
        let server = try await FakeProviderServer.start(.ollama)
        let repo = try repository(functions: 2)
        try repo.write(".murc.toml", "[llm]\nprovider = \"ollama\"\n[llm.ollama]\nbase_url = \"\(server.baseURL.absoluteString)\"\n")
        let loader = ConfigLoader(environment: Self.environment(repo), homeDirectory: repo.root.appendingPathComponent(".git/mu-test-home"))
        let ws = try Workspace(path: repo.root.path, loader: loader)
        await #expect(throws: BatchError.unsupported(provider: "ollama")) {
            _ = try await summarizer(ws, mode: .submit).run()
        }
        let outcome = try await runOffPool(try builtMuBinary(), ["summarize", "--batch", "--yes"], in: repo.root,
                                     environment: Self.environment(repo))
        #expect(outcome.status == 1)
        #expect(outcome.stderr.trimmingCharacters(in: .whitespacesAndNewlines) == "mu: ollama has no batch API: --batch works with the anthropic and openai providers")
        do { let v = await server.requestCount(); #expect(v == 0) }
        await server.stop()
    }

    @Test func cacheTokensReachTheStoredSummariesAndTheRunTotals() async throws {
        let server = try await FakeProviderServer.start(.anthropic, defaultReply: Self.validReply)
        await server.setUsage(input: 40, output: 10)
        await server.setCacheUsage(read: 4000, write: 100)
        let repo = try repository(functions: 3)
        let report = try await summarizer(try workspace(repo, format: .anthropic, server: server), mode: .off).run()
        await server.stop()
        #expect(report.summarized == 3 && report.cachedInputTokens == 12_000 && report.inputTokens == 3 * 4140)
        // claude-haiku-4-5: 40 × $1 + 4000 × $0.10 + 100 × $1.25 + 10 × $5 = $615 per 1M tokens, per call
        #expect(abs(report.costUSD - 3 * 0.000615) < 1e-9)
        let database = try MuDatabase(path: repo.root.appendingPathComponent(".mu/mu.db").path)
        let functions = try await SymbolIndex(database: database).functions()
        try database.close()
        #expect(functions.count == 3)
        #expect(functions.allSatisfy { $0.summary?.cacheReadTokens == 4000 && $0.summary?.cacheWriteTokens == 100 })
    }

    @Test func batchCostIsHalfTheListPriceInEstimatesAndTotals() async throws {
        let model = ModelCatalog.builtIn.resolve(provider: .anthropic, model: "claude-haiku-4-5")
        let usage = TokenUsage(inputTokens: 1_000_000, outputTokens: 200_000)
        #expect(abs(model.cost(usage) - 2.0) < 1e-9)        // $1 in + $1 out
        #expect(abs(model.batchCost(usage) - 1.0) < 1e-9)
        var estimator = CostEstimator(model: model)
        let request = SummaryRequest(id: "x", language: .python, qualifiedName: "f", signature: "def f():", body: "def f():\n    return 1\n", filePath: "a.py")
        let live = estimator.estimate(request)
        estimator.batch = true
        let batch = estimator.estimate(request)
        #expect(live.costUSD > 0 && abs(batch.costUSD - live.costUSD / 2) < 1e-12)
        #expect(batch.inputTokens == live.inputTokens)
    }
}

/// Runs a program on a dispatch thread: the fake provider serves from this process's cooperative
/// pool, which a blocking wait for the child would starve (2 threads on a 2-core machine).
func runOffPool(_ executable: String, _ arguments: [String], in directory: URL,
                environment: [String: String]) async throws -> ProcessOutcome {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try runProcess(executable, arguments, in: directory, environment: environment) })
        }
    }
}
