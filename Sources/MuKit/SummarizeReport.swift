import Foundation

/// What a `mu summarize` run did: the fields of `mu summarize --json` (BRIEF.md) plus why it stopped.
public struct SummarizeReport: Sendable {
    public var provider = ""
    public var model = ""
    public var filesScanned = 0
    public var filesChanged = 0
    public var filesRemoved = 0
    /// Files this process may not read (permissions): skipped, their index rows kept (``UnreadableFiles``).
    public var unreadable: [String] = []
    public var functions = 0
    public var cacheHitsMemory = 0
    public var cacheHitsDisk = 0
    /// Functions whose summary came from the shared PostgreSQL cache.
    public var cacheHitsRemote = 0
    /// Why the shared cache was switched off during the run, if it was.
    public var remoteFailure: String?
    public var llmRequests = 0
    public var summarized = 0
    public var failed = 0
    /// Failures that never got an answer from the provider (connection failures, timeouts) and the
    /// first one's message: when they are all the failures and nothing succeeded, the provider was
    /// unreachable (the hook says so), even if too few requests were sent for the pool to stop.
    public var unreachableFailures = 0
    public var unreachableMessage: String?
    /// Requests the pool did not send because the run stopped (refused credentials, budget, an
    /// unreachable or failing provider); not counted in `failed`.
    public var notSent = 0
    public var inputTokens = 0
    public var outputTokens = 0
    /// Input tokens billed at the provider's cached-prefix rate (Anthropic cache reads, OpenAI `cached_tokens`).
    public var cachedInputTokens = 0
    public var costUSD = 0.0
    public var duration = 0.0
    /// Provider batches submitted by this run (`--batch`) and the distinct bodies they carry.
    public var batchesSubmitted = 0
    public var batchRequests = 0
    /// Functions whose summary waits in a provider batch not yet collected (not sent live, not failed).
    public var waitingForBatch = 0
    /// Batches whose results this run took in (`mu batch collect`, or finished ones at the start of a run).
    public var batchesCollected = 0
    public var redactions = 0
    public var truncated = 0
    /// Why dispatching stopped early: credentials refused or the budget reached.
    public var stop: Stop?
    /// The first failures, for the user: `path:line qualified.name: reason`.
    public var failureSamples: [String] = []
    /// Roll-up summaries (files, directories, repository) made, reused from the cache, failed.
    public var rollupsSummarized = 0
    public var rollupsReused = 0
    public var rollupsFailed = 0
    /// True when no function was summarized and nothing needed to be (nothing changed).
    public var nothingToDo: Bool { filesChanged == 0 && filesRemoved == 0 && llmRequests == 0 && summarized == 0 && failed == 0 }

    public enum Stop: Sendable, Equatable {
        case credentialsRefused(String)
        case budgetReached(limitUSD: Double, spentUSD: Double)
        case providerUnreachable(String)
        /// The provider cannot serve this run (unknown model, every first request failing the same
        /// way): exit 1, with the provider's own message.
        case providerFailed(String)
    }

    public init() {}
}

/// Progress of a run, for the CLI's progress line.
public struct SummarizeProgress: Sendable {
    public var filesTotal = 0
    public var filesDone = 0
    public var summariesQueued = 0
    public var summariesDone = 0
    public var failures = 0
    public var costUSD = 0.0
    public var elapsed = 0.0
    public init() {}
}
