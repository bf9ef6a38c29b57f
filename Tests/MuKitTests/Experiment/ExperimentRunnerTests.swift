import Foundation
@testable import MuKit
import MuLLM
import MuSource
import MuStore
import MuTestSupport
import Testing

/// `mu experiment`'s runner against a loopback fake (OpenAI wire format) that answers differently per
/// model and prompt strategy, and as a judge: cache sharing with `mu summarize`, reruns, growing the
/// grid, chain-of-thought replies, the judge, the budget and the JSONL rows.
@Suite(.serialized) struct ExperimentRunnerTests {
    static let source = """
        def add_one(x):
            return x + 1


        def scale(value, factor):
            result = value * factor
            return result


        def check(flag):
            if not flag:
                raise ValueError("flag")


        def greet(name):
            print("hello", name)
        """

    /// Replies by what was asked: the judge, a chain-of-thought prompt, or a summary by model.
    static let responder: @Sendable (RecordedRequest) -> String? = { request in
        let text = request.messageContents().joined(separator: "\n")
        if text.contains("Grade this summary") { return "accuracy: 4\ncompleteness: 3\nconcision: 5\nreason: Matches the code." }
        if text.contains("Only the bullets after \"Summary:\" are kept") {
            return "<thinking>It adds things.</thinking>\nThe code is short.\nSummary:\n- Computes a value from its input and returns it."
        }
        switch request.model {
        case "fake-b": return "- Computes the value with helper_fn and returns it."
        default: return "- Computes a value for the caller."
        }
    }

    struct Setup {
        var server: FakeProviderServer
        var repo: TempGitRepository
        var workspace: Workspace
    }

    /// A repository of four functions, indexed by `mu summarize` with model fake-a (direct).
    static func setUp(extraTOML: String = "") async throws -> Setup {
        let server = try await FakeProviderServer.start(.openAI)
        await server.setResponder(responder)
        await server.setUsage(input: 1000, output: 100)
        let repo = try TempGitRepository()
        try repo.write("lib.py", source)
        var toml = """
            [llm]
            provider = "openai-compatible"
            model = "fake-a"
            concurrency = 3
            [llm.openai-compatible]
            base_url = "\(server.baseURL.absoluteString)"

            """
        for model in ["fake-a", "fake-b", "fake-c", "judge-model"] {
            toml += "[models.\(model)]\nprovider = \"openai-compatible\"\ninput_usd_per_mtok = 1\noutput_usd_per_mtok = 2\n"
        }
        try repo.write(".murc.toml", toml + extraTOML)
        try repo.commitAll()
        let workspace = try testWorkspace(repo)
        _ = try await Summarizer(workspace: workspace).run()
        return Setup(server: server, repo: repo, workspace: workspace)
    }

    static func run(_ setup: Setup, strategies: [PromptStrategy], models: [String], judge: String? = nil,
                    maxCost: Double = 0, variations: [ExperimentAxis] = [], template: String? = nil)
        async throws -> (rows: [ExperimentRow], outcome: ExperimentRunner.Outcome, plan: ExperimentPlan, sent: Int) {
        let database = try setup.workspace.openDatabase(create: false)
        let functions = try await ExperimentFunctions.choose(index: SymbolIndex(database: database), size: 10, seed: 7,
                                                             paths: nil, functionsFile: nil, root: setup.workspace.root)
        let grid = try ExperimentGrid(strategies: strategies, models: models, variations: variations)
        let runner = try ExperimentRunner(workspace: setup.workspace, grid: grid, functions: functions, template: template,
                                          judgeModel: judge, maxCostUSD: maxCost, runID: "test")
        let cache = SummaryCache(database: database)
        let plan = try await runner.plan(cache: cache)
        let before = await setup.server.requestCount()
        let sink = try ExperimentRowSink(url: setup.repo.root.appendingPathComponent(".mu/results.jsonl"))
        let outcome = try await runner.run(cache: cache, onRow: { try await sink.write($0) })
        let sent = await setup.server.requestCount() - before
        return (await sink.rows, outcome, plan, sent)
    }

    @Test func cellsShareTheSummaryCacheWithSummarizeAndIdenticalRerunsSendNothing() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.server.stop() } }
        #expect(await setup.server.requestCount() == 4)

        let first = try await Self.run(setup, strategies: [.direct, .chainOfThought], models: ["fake-a", "fake-b"])
        #expect(first.plan.cells.count == 4)
        #expect(first.plan.hits == 4) // direct/fake-a: what summarize already paid for
        #expect(first.plan.misses == 12)
        #expect(first.sent == 12 && first.outcome.requestsSent == 12)
        #expect(first.rows.count == 16)
        #expect(first.rows.filter(\.cached).count == 4)
        #expect(first.rows.allSatisfy { $0.valid })
        let cot = first.rows.filter { $0.strategy == "chain-of-thought" }
        #expect(cot.count == 8)
        #expect(cot.allSatisfy { $0.bullets == ["Computes a value from its input and returns it."] })
        #expect(cot.allSatisfy { $0.reasoning == "It adds things.\nThe code is short." })
        #expect(first.rows.filter { $0.strategy == "direct" }.allSatisfy { $0.reasoning == nil })
        let b = first.rows.filter { $0.cell == "direct/fake-b" }
        #expect(b.allSatisfy { $0.grounding == 0 }) // helper_fn is in no body
        #expect(first.rows.filter { $0.cell == "direct/fake-a" }.allSatisfy { $0.grounding == nil })
        #expect(abs(first.outcome.spentUSD - 12 * (1000 * 1 + 100 * 2) / 1_000_000) < 1e-12)

        let again = try await Self.run(setup, strategies: [.direct, .chainOfThought], models: ["fake-a", "fake-b"])
        #expect(again.plan.misses == 0)
        #expect(again.sent == 0)
        #expect(again.rows.count == 16 && again.rows.allSatisfy { $0.cached })
        #expect(Set(again.rows.map(\.key)) == Set(first.rows.map(\.key)))

        let grown = try await Self.run(setup, strategies: [.direct, .chainOfThought], models: ["fake-a", "fake-b", "fake-c"])
        #expect(grown.sent == 8) // only the two fake-c cells
        #expect(grown.rows.count == 24)
    }

    @Test func aFunctionsFileOrAPathGlobChoosesTheFunctions() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.server.stop() } }
        let index = SymbolIndex(database: try setup.workspace.openDatabase(create: false))
        let list = try setup.repo.write("chosen.txt", "# the two to compare\nlib.py:6\ncheck\n\nlib.py:5\n")
        let chosen = try await ExperimentFunctions.choose(index: index, size: 10, seed: 7, paths: nil, functionsFile: list,
                                                          root: setup.workspace.root)
        #expect(chosen.map(\.indexed.qualifiedName) == ["scale", "check"])
        #expect(chosen.first?.facts == FunctionFacts(parameters: ["value", "factor"], returnsValue: true, raises: [], nameWords: ["scale"]))
        #expect(chosen.last?.facts.raises == ["ValueError"])
        #expect(chosen.first?.request.body.hasPrefix("def scale(value, factor):") == true)
        let bad = try setup.repo.write("bad.txt", "nothing_here\n")
        await #expect(throws: ExperimentError.usage("--functions-file line 1: no indexed function \"nothing_here\"")) {
            try await ExperimentFunctions.choose(index: index, size: 10, seed: 7, paths: nil, functionsFile: bad, root: setup.workspace.root)
        }
        let globbed = try await ExperimentFunctions.choose(index: index, size: 2, seed: 7, paths: Glob("*.py"), functionsFile: nil,
                                                           root: setup.workspace.root)
        #expect(globbed.count == 2)
        await #expect(throws: ExperimentError.self) {
            try await ExperimentFunctions.choose(index: index, size: 2, seed: 7, paths: Glob("src/**"), functionsFile: nil,
                                                 root: setup.workspace.root)
        }
    }

    @Test func theJudgeScoresEachSummaryOnceAndItsCostIsInTheEstimate() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.server.stop() } }
        let judged = try await Self.run(setup, strategies: [.direct], models: ["fake-a"], judge: "judge-model")
        #expect(judged.plan.judgeRequests == 4)
        #expect(judged.plan.judgeEstimate.costUSD > 0)
        #expect(judged.sent == 4)
        #expect(judged.rows.allSatisfy { $0.judge?.accuracy == 4 && $0.judge?.completeness == 3 && $0.judge?.concision == 5 })
        #expect(judged.rows.allSatisfy { $0.judge?.reason == "Matches the code." })
        let report = try ExperimentReport(rows: judged.rows)
        #expect(report.cells.first?.accuracy == 4)
        let again = try await Self.run(setup, strategies: [.direct], models: ["fake-a"], judge: "judge-model")
        #expect(again.plan.judgeRequests == 0 && again.sent == 0)
        #expect(again.rows.allSatisfy { $0.judge?.accuracy == 4 })
    }

    @Test func theBudgetStopsTheRunAndKeepsWhatWasPaidFor() async throws {
        let setup = try await Self.setUp(extraTOML: "")
        defer { Task { await setup.server.stop() } }
        // Each call costs $0.0012 (1000 in, 100 out) though its estimate is about half that (short prompts):
        // the first call goes alone, its actual cost rescales the estimates, and spending never passes $0.003.
        let result = try await Self.run(setup, strategies: [.instruction, .fewShot], models: ["fake-b"], maxCost: 0.003)
        guard case .budget? = result.outcome.stop else { Issue.record("no budget stop: \(String(describing: result.outcome.stop))"); return }
        #expect(result.sent >= 1 && result.sent < 8)
        #expect(result.rows.count == result.sent)
        #expect(result.outcome.spentUSD <= 0.003)
        // What was paid for is cached: the next run (no budget) sends only the rest.
        let rest = try await Self.run(setup, strategies: [.instruction, .fewShot], models: ["fake-b"])
        #expect(rest.sent == 8 - result.sent)
    }

    @Test func variationsFillTheTemplateAndEveryJSONLFieldIsPresentAndTyped() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.server.stop() } }
        let template = "Summarize `{{qualified_name}}` for {{audience}}.\n\n{{code}}"
        let axis = ExperimentAxis(name: "audience", values: ["a maintainer", "a new contributor"])
        let result = try await Self.run(setup, strategies: [.direct], models: ["fake-a"], variations: [axis], template: template)
        #expect(result.sent == 8)
        let prompts = await setup.server.requests().suffix(8).map { $0.messageContents().joined() }
        #expect(prompts.filter { $0.contains("for a maintainer.") }.count == 4)
        #expect(prompts.filter { $0.contains("for a new contributor.") }.count == 4)
        #expect(Set(result.rows.map(\.template)).count == 2)
        #expect(result.rows.allSatisfy { $0.template.hasPrefix("custom:direct:") })

        let lines = try String(contentsOf: setup.repo.root.appendingPathComponent(".mu/results.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count == 8)
        let strings = ["schema", "run", "cell", "strategy", "provider", "model", "template", "prompt_version", "path",
                       "qualified_name", "language", "body_hash", "key", "created_at"]
        let integers = ["max_tokens", "start_line", "end_line", "bullet_count", "word_count", "input_tokens", "output_tokens"]
        let optionalNumbers = ["temperature", "grounding", "coverage", "redundancy", "latency_s"]
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object.count == strings.count + integers.count + optionalNumbers.count + 8)
            for key in strings { #expect(object[key] is String, "\(key)") }
            for key in integers { #expect((object[key] as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } ?? false, "\(key)") }
            for key in optionalNumbers { #expect(object[key] is NSNumber || object[key] is NSNull, "\(key)") }
            #expect(object["cost_usd"] is NSNumber)
            #expect(object["cached"] is Bool && object["valid"] is Bool)
            #expect(object["error"] is NSNull)
            #expect(object["judge"] is NSNull)
            #expect(object["reasoning"] is NSNull)
            #expect(object["bullets"] is [String])
            #expect(object["variation"] is [String: String])
            #expect(object["schema"] as? String == "mu.experiment/1")
        }
        let read = try ExperimentRow.read(setup.repo.root.appendingPathComponent(".mu/results.jsonl"))
        #expect(read == result.rows)

        #expect(throws: ExperimentError.usage("--vary audience: the template has no {{audience}}")) {
            try ExperimentRunner(workspace: setup.workspace, grid: try ExperimentGrid(strategies: [.direct], models: ["fake-a"], variations: [axis]),
                                 functions: [], template: "no placeholder {{code}}", runID: "x")
        }
    }
}
