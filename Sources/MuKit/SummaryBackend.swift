import MuCore
import MuLLM
import MuStore

/// What turns functions into summaries: the LLM pool or the offline summarizer (MuExtractive).
///
/// A backend is a value (configuration and cache identity); ``start(observed:)`` opens a
/// ``SummarySession`` for one run. The pipeline only sees these two protocols, so a provider
/// batch API or a remote summary service can be added as another backend without touching it.
public protocol SummaryBackend: Sendable {
    /// Everything that changes the text of a summary for a given body: part of every cache key.
    var identity: SummaryBackendIdentity { get }
    /// True when summaries cost nothing (no estimate or question before a run).
    var isFree: Bool { get }
    /// Results written per database transaction: 1 for a slow, paid backend (a killed run keeps
    /// every summary it paid for), more for a fast local one.
    var resultsPerTransaction: Int { get }
    /// Opens a session; `observed` is what earlier runs measured for this model (token estimates).
    func start(observed: ModelStatistics?) throws -> any SummarySession
}

/// One run's use of a backend: requests in, outcomes out, and what it spent.
public protocol SummarySession: Sendable {
    /// Summarizes one function; never throws (a failure is an outcome).
    func summarize(_ request: SummaryRequest) async -> SummaryOutcome
    /// Requests, tokens and cost so far, and why the session stopped taking work, if it did.
    func statistics() async -> PoolStatistics
}

/// A backend's cache identity: provider, model, version (of the prompts and reply rules, or of
/// the offline summarizer's rules) and the generation-parameter fingerprint.
public struct SummaryBackendIdentity: Sendable, Hashable {
    public var provider: ProviderKind
    public var model: String
    public var version: String
    public var params: String

    public init(provider: ProviderKind, model: String, version: String, params: String) {
        self.provider = provider
        self.model = model
        self.version = version
        self.params = params
    }

    /// The key components of a body's summary under this identity.
    public func key(forBodyHash hash: String) -> SummaryKey {
        SummaryKey(bodyHash: hash, promptVersion: version, model: model, params: params)
    }

    /// Names the settings a run was made with (stored in `meta`, compared by the next run).
    var fingerprint: String { "\(version)|\(provider.rawValue)|\(model)|\(params)" }
}

extension SummaryBackend {
    public var resultsPerTransaction: Int { 1 }
}

extension LLMPool: SummarySession {}
