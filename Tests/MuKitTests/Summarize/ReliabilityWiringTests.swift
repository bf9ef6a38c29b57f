import Foundation
import MuKit
import MuLLM
import MuStore
import MuTestSupport
import Testing

/// Issue 9, configured the way a user does it (.murc.toml + environment) against fake providers on
/// 127.0.0.1: keyed OpenAI-compatible gateways (#4), `[models.NAME] id` (#7), an unknown model (#3)
/// and a provider failing every request (#2).
@Suite struct ReliabilityWiringTests {
    func workspace(_ repo: TempGitRepository, toml: String, env: [String: String]) throws -> Workspace {
        try repo.write(".murc.toml", toml)
        var environment = env
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        let loader = ConfigLoader(environment: environment, homeDirectory: repo.root.appendingPathComponent(".home"))
        return try Workspace(path: repo.root.path, loader: loader)
    }

    func repository(functions: Int) throws -> TempGitRepository {
        let repo = try TempGitRepository()
        var source = ""
        for i in 0..<functions { source += "def f\(i)(x):\n    return x + \(i)\n\n\n" }
        try repo.write("many.py", source)
        return repo
    }

    func compatibleTOML(_ server: FakeProviderServer, extra: String = "") -> String {
        "[llm]\nprovider = \"openai-compatible\"\nmodel = \"served-model\"\nconcurrency = 2\n"
            + "[llm.openai-compatible]\nbase_url = \"\(server.baseURL.absoluteString)\"\n\(extra)"
    }

    @Test(arguments: [
        ([String: String](), "", String?.none),
        (["OPENAI_API_KEY": "sk-gateway-1"], "", "Bearer sk-gateway-1"),
        (["OPENAI_API_KEY": "sk-wrong", "LITELLM_KEY": "sk-litellm-2"], "api_key_env = \"LITELLM_KEY\"\n", "Bearer sk-litellm-2"),
        (["OPENAI_API_KEY": "sk-wrong"], "api_key_env = \"UNSET_KEY\"\n", String?.none),
    ])
    func keyedOpenAICompatibleServersGetTheKey(env: [String: String], extra: String, expected: String?) async throws {
        let server = try await FakeProviderServer.start(.openAI)
        let repo = try repository(functions: 2)
        let report = try await Summarizer(workspace: workspace(repo, toml: compatibleTOML(server, extra: extra), env: env)).run()
        let sent = await server.requests()
        await server.stop()
        #expect(report.summarized == 2)
        #expect(sent.count == 2)
        #expect(sent.allSatisfy { $0.headers["authorization"] == expected })
    }

    @Test func aModelsTableIdIsWhatTheRequestCarries() async throws {
        let server = try await FakeProviderServer.start(.openAI)
        let repo = try repository(functions: 2)
        let toml = "[llm]\nprovider = \"openai-compatible\"\nmodel = \"local-coder\"\n"
            + "[llm.openai-compatible]\nbase_url = \"\(server.baseURL.absoluteString)\"\n"
            + "[models.local-coder]\nid = \"qwen-test\"\ninput_usd_per_mtok = 0\noutput_usd_per_mtok = 0\n"
        let report = try await Summarizer(workspace: workspace(repo, toml: toml, env: [:])).run()
        let models = await server.requests().map(\.model)
        await server.stop()
        #expect(report.summarized == 2)
        #expect(models == ["qwen-test", "qwen-test"])
        #expect(report.model == "qwen-test")
    }

    @Test func anUnknownModelStopsTheRunNamingIt() async throws {
        let server = try await FakeProviderServer.start(.openAI, latency: 0.02)
        await server.setPersistentFault(.modelNotFound)
        let repo = try repository(functions: 30)
        let report = try await Summarizer(workspace: workspace(repo, toml: compatibleTOML(server), env: [:])).run()
        let sent = await server.requestCount()
        await server.stop()
        guard case .providerFailed(let message)? = report.stop else {
            Issue.record("expected a provider stop, got \(String(describing: report.stop))")
            return
        }
        #expect(sent <= 2)
        #expect(message.contains("\"served-model\"") && message.contains("mu models"))
        #expect(report.functions == 30)
    }

    @Test func everyRequestFailingStopsEarlyQuotingTheServer() async throws {
        let server = try await FakeProviderServer.start(.openAI)
        await server.setPersistentFault(.serverError)
        let repo = try repository(functions: 40)
        let toml = compatibleTOML(server).replacingOccurrences(of: "concurrency = 2\n", with: "concurrency = 2\nmax_retries = 0\n")
        let report = try await Summarizer(workspace: workspace(repo, toml: toml, env: [:])).run()
        let sent = await server.requestCount()
        await server.stop()
        guard case .providerFailed(let message)? = report.stop else {
            Issue.record("expected a provider stop, got \(String(describing: report.stop))")
            return
        }
        #expect(sent <= 6)
        #expect(message.contains("The server had an error while processing your request"))
        #expect(report.functions == 40)
    }
}

/// Issue 9 #1: a run limited to some paths never marks the index complete, so the next full run
/// still finds every function a failed run left without a summary; status and cost agree.
@Suite struct LimitedRunCompletenessTests {
    @Test func refusedThenSinceThenFullLeavesNoFunctionWithoutSummary() async throws {
        let server = try await FakeProviderServer.start(.openAI)
        await server.setPersistentFault(.unauthorized)
        let wiring = ReliabilityWiringTests()
        let repo = try wiring.repository(functions: 12)
        try repo.commitAll("twelve")
        let toml = wiring.compatibleTOML(server)
        let refused = try await Summarizer(workspace: wiring.workspace(repo, toml: toml, env: ["OPENAI_API_KEY": "wrong"])).run()
        guard case .credentialsRefused? = refused.stop else {
            Issue.record("expected refused credentials, got \(String(describing: refused.stop))")
            await server.stop()
            return
        }
        await server.setPersistentFault(nil)
        try repo.write("added.py", "def added(y):\n    return y * 2\n")
        try repo.commitAll("one more")

        // The limited run: one request, for the new file only, and its estimate says 1.
        let env = ["OPENAI_API_KEY": "right"]
        var planner = SummaryPlanner(workspace: try wiring.workspace(repo, toml: toml, env: env))
        planner.onlyPaths = ["added.py"]
        #expect(try await planner.plan().misses == 1)
        var limited = try Summarizer(workspace: wiring.workspace(repo, toml: toml, env: env))
        limited.onlyPaths = ["added.py"]
        let before = await server.requestCount()
        let since = try await limited.run()
        #expect(since.summarized == 1 && since.failed == 0 && since.stop == nil)
        #expect(await server.requestCount() - before == 1)

        // cost and the full run agree that 12 are missing; afterwards none is.
        #expect(try await SummaryPlanner(workspace: wiring.workspace(repo, toml: toml, env: env)).plan().misses == 12)
        let full = try await Summarizer(workspace: wiring.workspace(repo, toml: toml, env: env)).run()
        #expect(full.summarized == 12 && full.failed == 0)
        let workspace = try wiring.workspace(repo, toml: toml, env: env)
        let counts = try await SymbolIndex(database: try workspace.openDatabase(create: false)).counts()
        #expect(counts.functions == 13 && counts.withoutSummary == 0)
        #expect(try await SummaryPlanner(workspace: workspace).plan().misses == 0)
        await server.stop()
    }
}

/// Issue 9 #12: `mu doctor` never prints a password embedded in a base URL.
@Suite struct DoctorSecretTests {
    @Test func aPasswordInTheBaseURLIsMasked() async throws {
        let server = try await FakeProviderServer.start(.openAI)
        await server.setPersistentFault(.serverError)
        let repo = try TempGitRepository()
        try repo.write("a.py", "def a():\n    return 1\n")
        let base = server.baseURL.absoluteString.replacingOccurrences(of: "http://", with: "http://user:hunter2secret@")
        try repo.write(".murc.toml", "[llm]\nprovider = \"openai-compatible\"\nmodel = \"m\"\n[llm.openai-compatible]\nbase_url = \"\(base)\"\n")
        let loader = ConfigLoader(environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? ""],
                                  homeDirectory: repo.root.appendingPathComponent(".home"))
        let checks = await Doctor(environment: [:]).run(path: repo.root.path, loader: loader)
        await server.stop()
        #expect(checks.contains { $0.name == "reachable" })
        for check in checks {
            #expect(!check.detail.contains("hunter2secret") && !(check.fix ?? "").contains("hunter2secret"), "\(check)")
        }
        // And against a server that answers, the "answered" line shows the URL masked.
        let ok = try await FakeProviderServer.start(.openAI)
        let okBase = ok.baseURL.absoluteString.replacingOccurrences(of: "http://", with: "http://user:hunter2secret@")
        try repo.write(".murc.toml", "[llm]\nprovider = \"openai-compatible\"\nmodel = \"m\"\n[llm.openai-compatible]\nbase_url = \"\(okBase)\"\n")
        let okChecks = await Doctor(environment: [:]).run(path: repo.root.path, loader: loader)
        await ok.stop()
        let reachable = try #require(okChecks.first { $0.name == "reachable" })
        #expect(reachable.ok, "\(reachable)")
        #expect(reachable.detail.contains("user:***@") && !reachable.detail.contains("hunter2secret"))
    }
}

/// Issue 9 #8: `mu status` notices a database whose bytes were overwritten in the middle.
@Suite struct CorruptIndexStatusTests {
    @Test func statusRefusesADamagedIndexWithTheRecoveryHint() async throws {
        let wiring = ReliabilityWiringTests()
        let repo = try wiring.repository(functions: 400)
        let workspace = try wiring.workspace(repo, toml: "[llm]\nprovider = \"extractive\"\n", env: [:])
        _ = try await Summarizer(workspace: workspace).run()
        let healthy = try await IndexStatus.compute(workspace)
        #expect(healthy.counts.functions == 400)
        do {
            let database = try workspace.openDatabase(create: false)
            try await database.checkpoint()
            try database.close()
        }

        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: workspace.indexPath))
        let size = try handle.seekToEnd()
        #expect(size > 64 * 1024)
        try handle.seek(toOffset: size / 2)
        handle.write(Data(repeating: 0xA5, count: 8192))
        try handle.close()
        do {
            _ = try await IndexStatus.compute(workspace)
            Issue.record("a damaged index must be refused")
        } catch {
            #expect("\(error)".contains("mu cache clear --all"), "\(error)")
        }
    }
}

/// Issue 9 #11: a hook run whose provider cannot be reached says so, and how many functions wait.
@Suite struct HookUnreachableTests {
    actor UnreachableProvider: LLMProvider {
        nonisolated let name = "openai-compatible"
        nonisolated let model = "m"
        nonisolated var sendsSourceOffMachine: Bool { true }
        func complete(_ prompt: Prompt, parameters: CompletionParameters) async throws -> ProviderReply {
            throw LLMError.connection("Connection refused")
        }
    }

    /// One hook run in a fresh repository holding `files`, against a provider nobody answers.
    func hookRun(_ files: [String: String]) async throws -> (record: HookRunRecord, repo: TempGitRepository)? {
        let repo = try TempGitRepository()
        try repo.git(["config", "mu.hook", "true"])
        for (path, text) in files { try repo.write(path, text) }
        try repo.commitAll("files")
        let runner = HookRunner(path: repo.root.path, loader: hermeticLoader(repo), provider: UnreachableProvider())
        guard case .ran(let records) = await runner.run(), let record = records.first else {
            Issue.record("the hook did not run")
            return nil
        }
        return (record, repo)
    }

    @Test func anUnreachableProviderIsNamedWithTheFunctionsLeft() async throws {
        var source = ""
        for i in 0..<9 { source += "def f\(i)(x):\n    return x + \(i)\n\n\n" }
        guard let (record, _) = try await hookRun(["many.py": source]) else { return }
        #expect(record.outcome == .providerUnavailable)
        let error = record.error ?? ""
        #expect(error.contains("could not reach the provider") && error.contains("9 functions without a summary"), "\(error)")
        #expect(!error.contains("could not be reached: could not reach"))
    }

    /// Too few requests for the pool to stop (one function, concurrency 4): the run still says the
    /// provider was unreachable and how many functions wait, not "partial · 1 failed".
    @Test func oneUnreachableRequestIsNamedAsTheProviderNotAFunctionFailure() async throws {
        guard let (record, repo) = try await hookRun([".murc.toml": "[llm]\nconcurrency = 4\nmax_retries = 0\n",
                                                      "one.py": "def one(x):\n    return x + 1\n"]) else { return }
        #expect(record.outcome == .providerUnavailable)
        let error = record.error ?? ""
        #expect(error.contains("could not reach the provider") && error.contains("1 function without a summary"), "\(error)")
        let log = HookLog(muDirectory: repo.root.appendingPathComponent(".mu")).tail(1).joined()
        #expect(log.contains("provider unavailable") && log.contains("1 function without a summary") && !log.contains("1 failed"), "\(log)")
    }
}
