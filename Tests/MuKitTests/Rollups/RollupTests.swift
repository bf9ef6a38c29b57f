import Foundation
import MuKit
import MuLLM
import MuSource
import MuStore
import MuTestSupport
import Testing

/// Answers function prompts like the offline provider and roll-up prompts with bullets derived
/// from the prompt text (a changed input gives a changed reply, as a model's would); counts both.
actor RollupCountingProvider: LLMProvider {
    nonisolated let name = "openai-compatible"
    nonisolated let model = "rollup-test-model"
    nonisolated var sendsSourceOffMachine: Bool { false }
    private(set) var functionCalls: [String] = []
    private(set) var rollupCalls: [String] = []

    func complete(_ prompt: Prompt, parameters: CompletionParameters) async throws -> ProviderReply {
        let message = prompt.messages.last?.content ?? ""
        let digest = BodyHasher.sha256Hex(Array(message.utf8)).prefix(8)
        if message.hasPrefix("Summarize") {
            let name = RecordingProvider.qualifiedName(in: prompt)
            functionCalls.append(name)
            return ProviderReply(text: "- Does the work of \(name), version \(digest).", usage: TokenUsage(inputTokens: 100, outputTokens: 20))
        }
        let header = message.split(separator: "\n").first.map(String.init) ?? ""
        rollupCalls.append(header)
        return ProviderReply(text: "- Groups the code of \(header) around one job.\n- Content digest \(digest) for this test.",
                             usage: TokenUsage(inputTokens: 50, outputTokens: 10))
    }

    func reset() { functionCalls = []; rollupCalls = [] }
}

@Suite("roll-up summaries")
struct RollupTests {
    func workspace(_ repo: TempGitRepository) throws -> Workspace {
        let loader = ConfigLoader(environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"],
                                  homeDirectory: repo.root.appendingPathComponent(".mu-test-home"))
        return try Workspace(path: repo.root.path, loader: loader)
    }

    func rolling(_ summarizer: Summarizer) -> Summarizer {
        var summarizer = summarizer
        summarizer.rollups = true
        return summarizer
    }

    func tree() throws -> TempGitRepository {
        let repo = try TempGitRepository()
        _ = try repo.write("a/b/c.py", "def f1(x):\n    return x + 1\n\n\ndef f2(y):\n    return y * 2\n")
        _ = try repo.write("a/d.py", "def g(z):\n    return z - 1\n")
        _ = try repo.write("e.py", "def h():\n    return 0\n")
        try repo.commitAll()
        return repo
    }

    @Test func oneEditResummarizesItsFileDirectoriesAndRootOnly() async throws {
        let repo = try tree()
        let provider = RollupCountingProvider()
        let first = try await rolling(Summarizer(workspace: workspace(repo), provider: provider)).run()
        #expect(await provider.functionCalls.count == 4)
        #expect(Set(await provider.rollupCalls) == ["file a/b/c.py", "file a/d.py", "file e.py",
                                                    "directory a/b", "directory a", "repository ."])
        #expect(first.rollupsSummarized == 6 && first.rollupsFailed == 0)

        await provider.reset()
        // A change that changes f1's summary (its doc comment); an edit that leaves the summary as it
        // was leaves every roll-up as it was.
        _ = try repo.write("a/b/c.py", "def f1(x):\n    \"\"\"Shift x up by the page offset.\"\"\"\n    return x + 100\n\n\ndef f2(y):\n    return y * 2\n")
        let second = try await rolling(Summarizer(workspace: workspace(repo), provider: provider)).run()
        #expect(await provider.functionCalls == ["f1"])
        #expect(await provider.rollupCalls.sorted() == ["directory a", "directory a/b", "file a/b/c.py", "repository ."])
        #expect(second.rollupsSummarized == 4 && second.rollupsReused == 2)

        await provider.reset()
        let third = try await rolling(Summarizer(workspace: workspace(repo), provider: provider)).run()
        #expect(await provider.functionCalls.isEmpty)
        #expect(await provider.rollupCalls.isEmpty)
        #expect(third.rollupsSummarized == 0 && third.rollupsReused == 6)

        let database = try workspace(repo).openDatabase(create: false)
        let rollups = RollupIndex(database: database)
        let root = try #require(try await rollups.rollup(for: "."))
        #expect(root.kind == .repository)
        #expect(root.summary?.bullets.first == "Groups the code of repository . around one job.")
        let top = try await rollups.children(of: ".")
        #expect(top.map(\.path) == ["a", "e.py"])
        // Pruning keeps roll-up summaries (they are referenced by the rollups table).
        _ = try await SummaryCache(database: database).prune()
        #expect(try await rollups.rollup(for: ".")?.summary != nil)
    }

    /// A rerun with nothing changed skips the roll-up stage; a change made by a run without roll-ups
    /// (the hook) leaves them stale, so the next rolling run re-summarizes exactly what changed.
    @Test func rollupsStayCurrentUntilAnyRunChangesTheIndex() async throws {
        let repo = try tree()
        let provider = RollupCountingProvider()
        _ = try await rolling(Summarizer(workspace: workspace(repo), provider: provider)).run()
        let database = try workspace(repo).openDatabase(create: false)
        let rollups = RollupIndex(database: database)
        let identity = "\(ROLLUP_VERSION) openai-compatible rollup-test-model"
        #expect(try await rollups.isCurrent(for: identity))

        await provider.reset()
        let noop = try await rolling(Summarizer(workspace: workspace(repo), provider: provider)).run()
        #expect(noop.rollupsReused == 6 && noop.rollupsSummarized == 0)
        #expect(await provider.rollupCalls.isEmpty)

        _ = try repo.write("e.py", "def h():\n    \"\"\"Start from zero.\"\"\"\n    return 0\n")
        var hook = try Summarizer(workspace: workspace(repo), provider: provider)
        hook.rollups = false
        _ = try await hook.run()
        #expect(await provider.functionCalls == ["h"])
        #expect(try await rollups.isCurrent(for: identity) == false)

        await provider.reset()
        let next = try await rolling(Summarizer(workspace: workspace(repo), provider: provider)).run()
        #expect(await provider.functionCalls.isEmpty)
        #expect(await provider.rollupCalls.sorted() == ["file e.py", "repository ."])
        #expect(next.rollupsSummarized == 2 && next.rollupsReused == 4)
        #expect(try await rollups.isCurrent(for: identity))
    }

    @Test func offlineRollupsAndNoRollup() async throws {
        let repo = try tree()
        // Docstrings give the offline summarizer something to say (a bare `return x + 1` is
        // signature-only since extractive-v2), so the file's roll-up lists its functions.
        _ = try repo.write("a/b/c.py", "def f1(x):\n    \"\"\"Adds one to x.\"\"\"\n    return x + 1\n\n\n"
                                     + "def f2(y):\n    \"\"\"Doubles y.\"\"\"\n    return y * 2\n")
        try repo.commitAll()
        var summarizer = try Summarizer(workspace: workspace(repo))
        summarizer.rollups = false
        let skipped = try await summarizer.run()
        #expect(skipped.rollupsSummarized == 0)
        let database = try workspace(repo).openDatabase(create: false)
        #expect(try await RollupIndex(database: database).all().isEmpty)

        let report = try await rolling(Summarizer(workspace: workspace(repo))).run()
        #expect(report.rollupsSummarized == 6)
        let file = try #require(try await RollupIndex(database: database).rollup(for: "a/b/c.py"))
        #expect(file.summary?.bullets.first == "Holds 2 functions.")
        #expect(file.summary?.bullets == ["Holds 2 functions.", "f1: Adds one to x.", "f2: Doubles y."])
        let directory = try #require(try await RollupIndex(database: database).rollup(for: "a"))
        #expect(directory.summary?.bullets.first == "Holds 2 entries: b/, d.py.")
    }

    /// The offline roll-up's output and the cache key are pinned: changing either rule means a
    /// new ROLLUP_VERSION.
    @Test func pinnedOfflineOutputAndVersion() async throws {
        #expect(ROLLUP_VERSION == "mu-rollup-1")
        let input = RollupInput(path: "pkg", kind: .directory, children: [
            .init(name: "net.py", bullets: ["Parses headers.", "Second."]),
            .init(name: "util/", bullets: ["Retries calls."]),
        ])
        let (bullets, _) = try await OfflineRollupSummarizer().summarize(input)
        #expect(bullets == ["Holds 2 entries: net.py, util/.", "net.py: Parses headers.", "util/: Retries calls."])
        #expect(input.childrenHash.count == 64)
    }
}
