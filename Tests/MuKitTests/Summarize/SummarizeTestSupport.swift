import Foundation
import MuKit
import MuLLM
import MuTestSupport

/// A provider for pipeline tests: answers like the extractive provider, counts and records
/// calls, and can refuse credentials after N calls or reply with an invalid summary.
actor RecordingProvider: LLMProvider {
    nonisolated let name: String
    nonisolated let model: String
    nonisolated var sendsSourceOffMachine: Bool { false }
    private(set) var calls: [String] = []
    private let refuseAfter: Int?
    private let invalidFor: Set<String>
    private let inner = ExtractiveProvider()

    init(name: String = "openai-compatible", model: String = "test-model", refuseAfter: Int? = nil,
         invalidFor: Set<String> = []) {
        self.name = name
        self.model = model
        self.refuseAfter = refuseAfter
        self.invalidFor = invalidFor
    }

    func complete(_ prompt: Prompt, parameters: CompletionParameters) async throws -> ProviderReply {
        let qualified = prompt.source?.qualifiedName ?? "?"
        calls.append(qualified)
        if let refuseAfter, calls.count > refuseAfter {
            throw LLMError.authentication(status: 401, message: "invalid x-api-key")
        }
        if invalidFor.contains(qualified) {
            return ProviderReply(text: "", usage: TokenUsage(inputTokens: 10, outputTokens: 0))
        }
        var reply = try await inner.complete(prompt, parameters: parameters)
        reply.usage = TokenUsage(inputTokens: 100, outputTokens: 20)
        // A model always says something: where the offline summary is signature-only, a fixed sentence.
        if reply.checkedBullets?.isEmpty ?? false { reply.text = "- Summary of \(qualified) written by the test provider." }
        reply.checkedBullets = nil
        return reply
    }

    var callCount: Int { calls.count }
}

/// A workspace over a temp repository with a private home (no user config leaks in).
func testWorkspace(_ repo: TempGitRepository, flags: ConfigFlags = ConfigFlags()) throws -> Workspace {
    let loader = ConfigLoader(environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"],
                              homeDirectory: repo.root.appendingPathComponent(".mu-test-home"))
    return try Workspace(path: repo.root.path, flags: flags, loader: loader)
}

func summarize(_ repo: TempGitRepository, provider: (any LLMProvider)? = nil, flags: ConfigFlags = ConfigFlags()) async throws -> SummarizeReport {
    let summarizer = try Summarizer(workspace: testWorkspace(repo, flags: flags), provider: provider)
    return try await summarizer.run()
}

let threeFunctions = """
    def alpha(x):
        return x + 1


    def beta(y):
        return y * 2


    class Gamma:
        def delta(self):
            raise ValueError("no")
    """
