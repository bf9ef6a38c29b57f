import Foundation
import MuKit
import MuLLM
import MuTestSupport

/// A provider for pipeline tests: answers one valid bullet naming the function (read from the
/// rendered prompt), counts and records calls, and can refuse credentials after N calls or reply
/// with an invalid summary.
actor RecordingProvider: LLMProvider {
    nonisolated let name: String
    nonisolated let model: String
    nonisolated var sendsSourceOffMachine: Bool { false }
    private(set) var calls: [String] = []
    private let refuseAfter: Int?
    private let invalidFor: Set<String>

    init(name: String = "openai-compatible", model: String = "test-model", refuseAfter: Int? = nil,
         invalidFor: Set<String> = []) {
        self.name = name
        self.model = model
        self.refuseAfter = refuseAfter
        self.invalidFor = invalidFor
    }

    func complete(_ prompt: Prompt, parameters: CompletionParameters) async throws -> ProviderReply {
        let qualified = Self.qualifiedName(in: prompt)
        calls.append(qualified)
        if let refuseAfter, calls.count > refuseAfter {
            throw LLMError.authentication(status: 401, message: "invalid x-api-key")
        }
        if invalidFor.contains(qualified) {
            return ProviderReply(text: "", usage: TokenUsage(inputTokens: 10, outputTokens: 0))
        }
        return ProviderReply(text: "- Does the work of \(qualified) for its callers.",
                             usage: TokenUsage(inputTokens: 100, outputTokens: 20), model: model)
    }

    /// The built-in templates name the function in backticks: "Summarize … `Gamma.delta` …" (the last
    /// such message: few-shot examples come first, a re-ask after it).
    static func qualifiedName(in prompt: Prompt) -> String {
        let text = prompt.messages.last { $0.role == .user && $0.content.hasPrefix("Summarize") }?.content ?? ""
        let parts = text.split(separator: "`", maxSplits: 2, omittingEmptySubsequences: false)
        return parts.count > 2 ? String(parts[1]) : "?"
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
