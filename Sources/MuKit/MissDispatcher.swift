import MuLLM
import MuStore

/// Pipeline stage 4: sends cache misses to the backend's session, one request per distinct body,
/// with at most `limit` in flight; writes every result as it arrives and links it to each function
/// waiting for it; stops taking work when the session stops (credentials refused, budget, unreachable).
///
/// The caller owns the task group (`withThrowingTaskGroup`) and passes it in, so extraction of the
/// next files waits until this step's misses are dispatched: memory stays flat.
struct MissDispatcher {
    typealias Group = ThrowingTaskGroup<(Job, SummaryOutcome), any Error>

    /// One distinct body to summarize.
    struct Job: Sendable {
        var key: String
        var components: SummaryKey
        var request: SummaryRequest
        /// `path:line qualified.name`, for failure messages.
        var location: String
    }

    let session: any SummarySession
    let cache: SummaryCache
    let index: SymbolIndex
    /// Most requests in flight.
    let limit: Int
    /// Results written per transaction (``SummaryBackend/resultsPerTransaction``).
    let storeBatch: Int
    /// Called after every result with the progress so far.
    let onProgress: (SummarizeProgress) -> Void

    /// What this stage did: summarized, failed, redactions, truncated, failure samples, why it stopped.
    private(set) var report = SummarizeReport()
    var progress = SummarizeProgress()
    /// True once the session stopped taking work: the caller reads no more files.
    var stopped: Bool { report.stop != nil }

    private var waiting: [String: [Int64]] = [:]     // key → function ids waiting for that summary
    private var queue: [Job] = []
    private var inFlight = 0
    private var pendingStores: [(Summary, [Int64])] = []

    init(session: any SummarySession, cache: SummaryCache, index: SymbolIndex, limit: Int, storeBatch: Int,
         onProgress: @escaping (SummarizeProgress) -> Void) {
        self.session = session
        self.cache = cache
        self.index = index
        self.limit = max(1, limit)
        self.storeBatch = max(1, storeBatch)
        self.onProgress = onProgress
    }

    /// Queues a miss; a body already queued or in flight gets this function added to its waiters.
    mutating func add(_ miss: FileRecorder.Miss) {
        if waiting[miss.key] != nil {
            waiting[miss.key]!.append(miss.functionID) // the same body elsewhere: one call serves both
            return
        }
        waiting[miss.key] = [miss.functionID]
        let unit = miss.unit
        queue.append(Job(key: miss.key, components: miss.components, request: Summarizer.request(for: unit, id: miss.key),
                         location: "\(unit.path):\(unit.startLine) \(unit.qualifiedName)"))
        progress.summariesQueued += 1
    }

    /// Sends the queue, handling results whenever `limit` requests are in flight.
    mutating func dispatch(_ group: inout Group) async throws {
        while !queue.isEmpty {
            if let stop = await session.statistics().stopReason {
                report.stop = Summarizer.stop(from: stop)
                for job in queue { _ = waiting.removeValue(forKey: job.key) }
                queue.removeAll()
                return
            }
            if inFlight < limit {
                let job = queue.removeFirst()
                inFlight += 1
                let session = session
                group.addTask { (job, await session.summarize(job.request)) }
            } else if let (job, outcome) = try await group.next() {
                try await handle(job, outcome)
            }
        }
    }

    /// Waits for the requests in flight, then writes what is left to write.
    mutating func finish(_ group: inout Group) async throws {
        while inFlight > 0, let (job, outcome) = try await group.next() {
            try await handle(job, outcome)
        }
        try await flushStores()
    }

    private mutating func handle(_ job: Job, _ outcome: SummaryOutcome) async throws {
        inFlight -= 1
        progress.summariesDone += 1
        progress.costUSD += outcome.spentUSD
        let ids = waiting.removeValue(forKey: job.key) ?? []
        switch outcome.result {
        case .success(let result):
            let summary = Summary(key: job.key, components: job.components, bullets: result.bullets,
                                  inputTokens: result.inputTokens, outputTokens: result.outputTokens,
                                  costUSD: result.costUSD, provider: result.provider, truncated: result.truncated)
            if let reason = summary.validationFailure {
                report.failed += 1
                note(failure: "\(job.location): invalid summary: \(reason)")
            } else {
                report.summarized += 1
                report.redactions += result.redactions
                if result.truncated { report.truncated += 1 }
                pendingStores.append((summary, ids))
                if pendingStores.count >= storeBatch { try await flushStores() }
            }
        case .failure(let error):
            report.failed += 1
            progress.failures += 1
            if case .cancelled = error {} else { note(failure: "\(job.location): \(error.description)") }
        }
        onProgress(progress)
    }

    private mutating func note(failure: String) {
        if report.failureSamples.count < 20 { report.failureSamples.append(failure) }
    }

    private mutating func flushStores() async throws {
        guard !pendingStores.isEmpty else { return }
        try await cache.store(pendingStores.map(\.0))
        var links: [Int64: String?] = [:]
        for (summary, ids) in pendingStores { for id in ids { links[id] = summary.key } }
        try await index.setSummaryKeys(links)
        pendingStores.removeAll(keepingCapacity: true)
    }
}
