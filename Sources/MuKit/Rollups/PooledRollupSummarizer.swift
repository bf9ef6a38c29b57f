import MuCore
import MuLLM
import MuStore

/// Roll-ups written by the configured LLM from the children's summaries (never from source code),
/// sent through an ``LLMPool`` like function summaries: the same provider, retries on 429 and 5xx,
/// timeouts, rate limits, concurrency, redaction, cost estimates and the run's cost budget (what
/// the functions left of it). The pool's statistics are added to the run's totals.
public struct PooledRollupSummarizer: RollupSummarizer {
    public let pool: LLMPool
    public var provider: String { pool.provider.name }
    public var model: String { pool.provider.model }
    public var isFree: Bool { false }
    /// At most this many children are shown to the model (the largest directories are cut).
    public static let maxChildren = 60

    /// - Parameters:
    ///   - backend: the run's LLM backend (provider, pool settings, catalog).
    ///   - observed: the model's observed token ratios, for the cost estimate.
    ///   - budgetUSD: what is left of `max_cost_usd` after the functions; nil when there is no budget.
    public init(backend: LLMBackend, observed: ModelStatistics? = nil, budgetUSD: Double?) {
        var configuration = backend.configuration
        configuration.charsPerToken = observed?.charsPerToken
        configuration.meanOutputTokens = observed?.meanOutputTokens
        configuration.template = Self.template
        // The roll-up prompt's own settings (covered by ROLLUP_VERSION, not by the function prompt's).
        configuration.parameters = CompletionParameters(maxTokens: 300, temperature: 0.2)
        configuration.quality = .standard
        configuration.maxInputTokens = nil
        configuration.maxBodyTokens = nil
        configuration.maxCostUSD = budgetUSD ?? 0
        pool = LLMPool(provider: backend.provider, configuration: configuration, catalog: backend.catalog)
    }

    static let system = """
        You summarize a part of a software repository for a developer who has not seen it. You are given \
        the summaries of its parts (functions of a file, or files and subdirectories of a directory). \
        Reply with 2 to 4 bullet lines starting with "- ": what this part is for and its main \
        responsibilities, in plain words. Do not list every part; do not invent what the summaries do not say.
        """

    /// The roll-up text travels in the request's `signature` (redacted like one; no body, so no
    /// code-line or grounding checks apply to the children's prose).
    static let template = PromptTemplate.custom(user: "{{signature}}", system: system)

    static func message(for input: RollupInput) -> String {
        var text = "\(input.kind.rawValue) \(input.path)\n"
        for child in input.children.prefix(maxChildren) {
            text += "\n\(child.name):\n" + child.bullets.prefix(3).map { "  - \($0)" }.joined(separator: "\n")
        }
        if input.children.count > maxChildren { text += "\n\n(and \(input.children.count - maxChildren) more)" }
        return text
    }

    /// One roll-up through the pool. The request's language and kind are placeholders: the roll-up
    /// template reads only `{{signature}}`, and the pool's checks read only the (empty) body.
    public func summarize(_ input: RollupInput) async throws -> (bullets: [String], usage: TokenUsage) {
        let request = SummaryRequest(id: input.path, language: .python, name: input.path,
                                     qualifiedName: "\(input.kind.rawValue) \(input.path)", kind: .function,
                                     signature: Self.message(for: input), body: "", filePath: input.path)
        let outcome = await pool.summarize(request)
        switch outcome.result {
        case .success(let result):
            return (result.bullets, TokenUsage(inputTokens: result.inputTokens, outputTokens: result.outputTokens,
                                               cacheReadTokens: result.cacheReadTokens, cacheWriteTokens: result.cacheWriteTokens))
        case .failure(let error):
            throw error
        }
    }

    public func stopped() async -> Bool {
        await pool.statistics().stopReason != nil
    }
}
