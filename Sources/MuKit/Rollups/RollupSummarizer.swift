import MuCore
import MuLLM
import MuSummaryText

/// Makes a roll-up summary from its children's summaries. Two kinds: the configured LLM provider
/// (`ProviderRollupSummarizer`) and the offline one (`OfflineRollupSummarizer`).
public protocol RollupSummarizer: Sendable {
    /// Provider and model recorded with the summaries (and part of their cache key).
    var provider: String { get }
    var model: String { get }
    /// Bullets for the node; throws when the provider fails or the reply is unusable.
    func summarize(_ input: RollupInput) async throws -> (bullets: [String], usage: TokenUsage)
}

/// Version of the roll-up prompt and of the offline roll-up rules: part of every roll-up's cache
/// key, so changing either re-summarizes roll-ups (and nothing else). Pinned by RollupTests.
public let ROLLUP_VERSION = "mu-rollup-1"

/// Roll-ups with no model: the children's first bullets, named, at most four.
public struct OfflineRollupSummarizer: RollupSummarizer {
    public let provider = ProviderKind.extractive.rawValue
    public let model = "extractive-rollup-1"
    public static let maxBullets = 4

    public init() {}

    public func summarize(_ input: RollupInput) async throws -> (bullets: [String], usage: TokenUsage) {
        let described = input.children.filter { !$0.bullets.isEmpty }
        var bullets: [String] = []
        let count = input.children.count
        if input.kind == .file {
            bullets.append("Holds \(count) function\(count == 1 ? "" : "s").")
        } else {
            let names = input.children.prefix(6).map(\.name).joined(separator: ", ")
            bullets.append("Holds \(count) entr\(count == 1 ? "y" : "ies"): \(names)\(count > 6 ? ", …" : "").")
        }
        for child in described.prefix(Self.maxBullets - 1) {
            bullets.append("\(child.name): \(child.bullets[0])")
        }
        return (bullets, .zero)
    }
}

/// Roll-ups written by the configured LLM from the children's summaries (never from source code).
public struct ProviderRollupSummarizer: RollupSummarizer {
    let llm: any LLMProvider
    let parameters: CompletionParameters
    public var provider: String { llm.name }
    public var model: String { llm.model }
    /// At most this many children are shown to the model (the largest directories are cut).
    public static let maxChildren = 60

    public init(provider: any LLMProvider, parameters: CompletionParameters = CompletionParameters(maxTokens: 300, temperature: 0.2)) {
        self.llm = provider
        self.parameters = parameters
    }

    static let system = """
        You summarize a part of a software repository for a developer who has not seen it. You are given \
        the summaries of its parts (functions of a file, or files and subdirectories of a directory). \
        Reply with 2 to 4 bullet lines starting with "- ": what this part is for and its main \
        responsibilities, in plain words. Do not list every part; do not invent what the summaries do not say.
        """

    static func message(for input: RollupInput) -> String {
        var text = "\(input.kind.rawValue) \(input.path)\n"
        for child in input.children.prefix(maxChildren) {
            text += "\n\(child.name):\n" + child.bullets.prefix(3).map { "  - \($0)" }.joined(separator: "\n")
        }
        if input.children.count > maxChildren { text += "\n\n(and \(input.children.count - maxChildren) more)" }
        return text
    }

    public func summarize(_ input: RollupInput) async throws -> (bullets: [String], usage: TokenUsage) {
        let prompt = Prompt(system: Self.system, messages: [.user(Self.message(for: input))])
        let reply = try await llm.complete(prompt, parameters: parameters)
        let bullets = try SummaryParser().parse(reply.text)
        return (bullets, reply.usage ?? .zero)
    }
}
