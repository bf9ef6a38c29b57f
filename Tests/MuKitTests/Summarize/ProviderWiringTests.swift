import Foundation
import MuKit
import MuLLM
import MuStore
import MuTestSupport
import Testing

/// `mu summarize` against fake providers on 127.0.0.1 speaking each real wire format, configured the
/// way a user does it (.murc.toml + environment), not by injecting a provider.
@Suite struct ProviderWiringTests {
    func workspace(_ repo: TempGitRepository, toml: String, env: [String: String]) throws -> Workspace {
        try repo.write(".murc.toml", toml)
        var environment = env
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        let loader = ConfigLoader(environment: environment, homeDirectory: repo.root.appendingPathComponent(".home"))
        return try Workspace(path: repo.root.path, loader: loader)
    }

    @Test(arguments: [FakeWireFormat.anthropic, .openAI, .ollama])
    func summarizesThroughEachWireFormatAndNeverSendsAPlantedSecret(_ format: FakeWireFormat) async throws {
        let server = try await FakeProviderServer.start(format)
        await server.setDefaultReply("Here is a summary:\n1. **Adds** one to the counter.\n2. Returns the new total.")
        await server.setUsage(input: 50, output: 12)
        let repo = try TempGitRepository()
        try repo.write("app.py", """
            def bump(counter):
                api_key = "sk-ant-api03-AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHH"
                return counter + 1


            def other(x):
                return x
            """)
        let (provider, base, env): (String, String, [String: String]) = switch format {
        case .anthropic: ("anthropic", "llm.anthropic", ["ANTHROPIC_API_KEY": "sk-ant-test"])
        case .openAI: ("openai", "llm.openai", ["OPENAI_API_KEY": "sk-test"])
        case .ollama: ("ollama", "llm.ollama", [:])
        }
        let toml = "[llm]\nprovider = \"\(provider)\"\n[\(base)]\nbase_url = \"\(server.baseURL.absoluteString)\"\n"
        let summarizer = try Summarizer(workspace: workspace(repo, toml: toml, env: env))
        let report = try await summarizer.run()
        await server.stop()
        #expect(report.summarized == 2 && report.failed == 0)
        #expect(report.inputTokens == 100 && report.outputTokens == 24)
        #expect(report.redactions >= 1)
        let sent = await server.requests()
        #expect(sent.count == 2)
        #expect(!sent.contains { $0.bodyText.contains("AAAABBBBCCCC") })
        let index = SymbolIndex(database: try summarizer.workspace.openDatabase(create: false))
        let bump = try await index.query("bump").first?.function.summary
        #expect(bump?.bullets == ["Adds one to the counter.", "Returns the new total."])
        #expect(bump?.provider == provider)
    }

    @Test func refusedCredentialsStopTheRunAfterAtMostConcurrencyRequests() async throws {
        let server = try await FakeProviderServer.start(.anthropic)
        await server.setPersistentFault(.unauthorized)
        let repo = try TempGitRepository()
        var source = ""
        for i in 0..<40 { source += "def f\(i)(x):\n    return x + \(i)\n\n\n" }
        try repo.write("many.py", source)
        let toml = "[llm]\nprovider = \"anthropic\"\nconcurrency = 3\n[llm.anthropic]\nbase_url = \"\(server.baseURL.absoluteString)\"\n"
        let report = try await Summarizer(workspace: workspace(repo, toml: toml, env: ["ANTHROPIC_API_KEY": "bad"])).run()
        let sent = await server.requestCount()
        await server.stop()
        guard case .credentialsRefused = report.stop else { Issue.record("no credentials stop: \(String(describing: report.stop))"); return }
        #expect(sent <= 3)
        #expect(report.summarized == 0)
        #expect(report.failed == sent) // issue 9 #11: the ones never sent are not failures of their own
        #expect(report.failed + report.notSent <= 40)
        #expect(report.functions == 40) // the index is still complete
    }

    @Test func theBudgetIsNeverPassed() async throws {
        let server = try await FakeProviderServer.start(.openAI)
        await server.setUsage(input: 1000, output: 100)
        let repo = try TempGitRepository()
        var source = ""
        for i in 0..<30 { source += "def g\(i)(x):\n    return x * \(i)\n\n\n" }
        try repo.write("many.py", source)
        // gpt-4.1-mini: $0.40 / $1.60 per 1M tokens → $0.00056 per call as billed here.
        let toml = "[llm]\nprovider = \"openai\"\nmodel = \"gpt-4.1-mini\"\nconcurrency = 2\nmax_cost_usd = 0.005\n[llm.openai]\nbase_url = \"\(server.baseURL.absoluteString)\"\n"
        let report = try await Summarizer(workspace: workspace(repo, toml: toml, env: ["OPENAI_API_KEY": "k"])).run()
        await server.stop()
        guard case .budgetReached = report.stop else { Issue.record("no budget stop: \(String(describing: report.stop))"); return }
        #expect(report.costUSD <= 0.005)
        #expect(report.summarized > 0 && report.summarized < 30)
    }

    @Test func anUnreachableProviderStopsTheRunInsteadOfFailingEveryFunction() async throws {
        let repo = try TempGitRepository()
        var source = ""
        for i in 0..<25 { source += "def h\(i)(x):\n    return x - \(i)\n\n\n" }
        try repo.write("many.py", source)
        // Port 9 (discard) on loopback: nothing listens, connections are refused at once.
        let toml = "[llm]\nprovider = \"ollama\"\nmax_retries = 0\nconcurrency = 4\n[llm.ollama]\nbase_url = \"http://127.0.0.1:9\"\n"
        let report = try await Summarizer(workspace: workspace(repo, toml: toml, env: [:])).run()
        guard case .providerUnreachable = report.stop else { Issue.record("no unreachable stop: \(String(describing: report.stop))"); return }
        #expect(report.llmRequests < 12) // a few, not one per function (25)
        #expect(report.functions == 25)
    }
}
