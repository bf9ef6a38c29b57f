import MuCore
import MuExtractive
import MuLLM
import MuStore

/// Summaries built from the code alone by MuExtractive: no network, no key, no cost. The default
/// when no provider is configured.
public struct OfflineBackend: SummaryBackend {
    /// The params component of its cache keys: temperature, token limits and prompt strategy do
    /// not apply to it.
    static let params = ProviderKind.extractive.rawValue

    public init() {}

    /// Keyed by the summarizer's rules version (as model) and the bullet rules' version.
    public var identity: SummaryBackendIdentity {
        SummaryBackendIdentity(provider: .extractive, model: ExtractiveSummarizer.version, version: PROMPT_VERSION,
                               params: Self.params)
    }

    public var isFree: Bool { true }

    /// Thousands of summaries a second: one transaction per summary would dominate the run.
    public var resultsPerTransaction: Int { 256 }

    public func start(observed: ModelStatistics?) -> any SummarySession {
        OfflineSession(model: identity.model)
    }
}

/// A run of the offline summarizer: each request is answered at once, in the caller's task.
struct OfflineSession: SummarySession {
    let model: String
    let summarizer = ExtractiveSummarizer()

    func summarize(_ request: SummaryRequest) async -> SummaryOutcome {
        let started = ContinuousClock.now
        let summary = summarizer.summarize(ExtractiveInput(
            language: request.language, name: request.name, qualifiedName: request.qualifiedName, kind: request.kind,
            signature: request.signature, body: request.body, docComment: request.docComment,
            enclosingType: request.enclosingType))
        let result = SummaryResult(bullets: summary.bullets, inputTokens: 0, outputTokens: 0, costUSD: 0,
                                   latency: seconds(ContinuousClock.now - started), model: model,
                                   provider: ProviderKind.extractive.rawValue)
        return SummaryOutcome(requestID: request.id, result: .success(result), spentInputTokens: 0, spentOutputTokens: 0,
                              spentUSD: 0)
    }

    /// No model calls, nothing spent, never stops.
    func statistics() async -> PoolStatistics { PoolStatistics() }
}
