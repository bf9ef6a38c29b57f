import Foundation
@testable import MuKit
import MuLLM
import MuStore
import MuTestSupport
import Testing

/// `[quality]` and `[prompt] examples_file` as `mu summarize` applies them, over a loopback fake.
@Suite struct QualitySettingsTests {
    func workspace(_ repo: TempGitRepository, server: FakeProviderServer, llm: String = "", extra: String) throws -> Workspace {
        try repo.write(".murc.toml", """
            [llm]
            provider = "openai-compatible"
            model = "m"
            concurrency = 1
            \(llm)
            [llm.openai-compatible]
            base_url = "\(server.baseURL.absoluteString)"
            \(extra)
            """)
        return try testWorkspace(repo)
    }

    @Test func aSummaryFailingTheCriteriaIsReaskedOnceThenFailedAndNeverCached() async throws {
        let server = try await FakeProviderServer.start(.openAI)
        defer { Task { await server.stop() } }
        await server.setDefaultReply("- Adds one to x.")
        let repo = try TempGitRepository()
        try repo.write("a.py", "def add_one(x):\n    return x + 1\n")
        let strict = try workspace(repo, server: server, extra: "[quality]\nmin_bullets = 2\n")
        let report = try await Summarizer(workspace: strict).run()
        #expect(report.failed == 1 && report.summarized == 0)
        #expect(await server.requestCount() == 2) // the reply and the one re-ask
        #expect(try await SummaryCache(database: strict.openDatabase(create: false)).stats().entries == 0)

        // The same reply is accepted under the default criteria, under another key.
        let relaxed = try workspace(repo, server: server, extra: "")
        let strictKey = try Summarizer(workspace: strict).key(forBodyHash: "h").components.params
        let relaxedKey = try Summarizer(workspace: relaxed).key(forBodyHash: "h").components.params
        #expect(strictKey.hasSuffix(";quality=bullets=2-5,words=25,grounding=0"))
        #expect(!relaxedKey.contains("quality="))
        let second = try await Summarizer(workspace: relaxed).run()
        #expect(second.summarized == 1 && second.failed == 0)
    }

    @Test func examplesFileFeedsTheFewShotPromptAndABadOneIsAOneLineError() async throws {
        let server = try await FakeProviderServer.start(.openAI)
        defer { Task { await server.stop() } }
        let repo = try TempGitRepository()
        try repo.write("a.py", "def add_one(x):\n    return x + 1\n")
        try repo.write("examples.json", #"[{"language": "python", "code": "def twice(v):\n    return v * 2", "summary": ["Doubles v."]}]"#)
        let good = try workspace(repo, server: server, llm: "strategy = \"few-shot\"", extra: "[prompt]\nexamples_file = \"examples.json\"\n")
        let setup = LLMSetup(good.config, repositoryRoot: good.root)
        #expect(setup.examplesError == nil)
        #expect(setup.pool.template.fingerprint.hasPrefix("custom:few-shot:"))
        let report = try await Summarizer(workspace: good).run()
        #expect(report.summarized == 1)
        let sent = await server.requests().last?.messageContents() ?? []
        let example = try #require(sent.firstIndex { $0.contains("def twice(v)") })
        #expect(sent[example + 1] == "- Doubles v.")

        try repo.write("examples.json", "not json")
        let bad = try workspace(repo, server: server, llm: "strategy = \"few-shot\"", extra: "[prompt]\nexamples_file = \"examples.json\"\n")
        #expect(throws: ConfigError.self) { try Summarizer(workspace: bad) }
    }
}
