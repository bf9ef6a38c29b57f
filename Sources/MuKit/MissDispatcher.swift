import MuLLM
import MuStore

/// Pipeline stage 4: sends cache misses to the backend's session, one request per distinct body,
/// with at most `limit` in flight; writes every result as it arrives and links it to each function
/// waiting for it; stops taking work when the session stops (credentials refused, budget, unreachable).
///
/// The caller owns the task group (`withThrowingTaskGroup`) and passes it in, so extraction of the
/// next files waits until this step's misses are dispatched: memory stays flat.
///
/// With a shared cache (`shared`), each step's misses are first looked up remotely in one query;
/// before a key is sent it is claimed (a lease), so no body is paid twice across machines; keys
/// another run holds are deferred and collected (or taken over) in `finish`; results are published
/// to the shared cache in the background (batched), which releases their leases.
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
    /// The shared PostgreSQL layer, if any.
    var shared: SharedCacheLayer?
    /// Keys waiting in a provider batch not yet collected: never paid for live (functions are counted in
    /// ``SummarizeReport/waitingForBatch`` and linked when the batch is collected).
    var pendingKeys = Set<String>()
    /// Batch mode (`summarize --batch`): misses are held for ``takeHeld()`` instead of being sent.
    var holdForBatch = false
    private var claimedKeys = Set<String>()   // keys this run holds a remote lease on
    private var deferred: [Job] = []          // misses another run is paying for right now

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
        if pendingKeys.contains(miss.key) {
            report.waitingForBatch += 1
            return
        }
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

    /// Looks the queued misses up in the shared cache (one query) and takes what it has.
    mutating func lookUpShared() async throws {
        guard let shared, !queue.isEmpty else { return }
        try await adoptRemote(await shared.lookup(queue.map(\.key)))
    }

    /// Sends the queue, handling results whenever `limit` requests are in flight.
    mutating func dispatch(_ group: inout Group) async throws {
        while !queue.isEmpty, !holdForBatch {
            if let stop = await session.statistics().stopReason {
                report.stop = Summarizer.stop(from: stop)
                for job in queue + deferred { _ = waiting.removeValue(forKey: job.key) }
                queue.removeAll()
                deferred.removeAll()
                return
            }
            if inFlight < limit, let shared, !claimedKeys.contains(queue[0].key) {
                // Claim the next keys before paying for them: one body is paid once across machines.
                let batch = queue.prefix(limit).filter { !claimedKeys.contains($0.key) }
                let claim = await shared.claim(batch.map(\.key))
                claimedKeys.formUnion(claim.claimed)
                try await adoptRemote(claim.found)
                let others = Set(batch.map(\.key)).subtracting(claim.claimed).subtracting(claim.found.map(\.key))
                deferred += queue.filter { others.contains($0.key) }
                queue.removeAll { others.contains($0.key) }
            } else if inFlight < limit {
                let job = queue.removeFirst()
                inFlight += 1
                let session = session
                group.addTask { (job, await session.summarize(job.request)) }
            } else if let (job, outcome) = try await group.next() {
                try await handle(job, outcome)
            }
        }
    }

    /// Collects the keys other runs were paying for (their results, or the keys they gave up: a
    /// failed call, a lease that expired because its machine died), waits for the requests in
    /// flight, then writes what is left to write.
    mutating func finish(_ group: inout Group) async throws {
        var pause = Duration.milliseconds(50)
        while let shared, !deferred.isEmpty, !stopped {
            try await adoptRemote(await shared.lookup(deferred.map(\.key)))
            if !deferred.isEmpty {
                let claim = await shared.claim(deferred.map(\.key))
                claimedKeys.formUnion(claim.claimed)
                try await adoptRemote(claim.found)
                queue += deferred.filter { claim.claimed.contains($0.key) }
                deferred.removeAll { claim.claimed.contains($0.key) }
            }
            if !queue.isEmpty {
                try await dispatch(&group)
                pause = .milliseconds(50)
            } else if !deferred.isEmpty {
                if inFlight > 0, let (job, outcome) = try await group.next() {
                    try await handle(job, outcome)
                } else {
                    try await flushStores()  // nothing else to do: let others see this run's results now
                    try await Task.sleep(for: pause)
                    await shared.noteWaiting(pause)
                    pause = min(pause * 2, .milliseconds(200))
                }
            }
        }
        while inFlight > 0, let (job, outcome) = try await group.next() {
            try await handle(job, outcome)
        }
        try await flushStores()
        if let shared {
            await shared.flush()
            await shared.release(Array(claimedKeys))  // stopped early: let others pay for these
            claimedKeys.removeAll()
            if let failure = await shared.failure { report.remoteFailure = failure.description }
        }
    }

    /// Batch mode: the misses held back (one job per distinct body) and, for each, the number of
    /// functions waiting for it; the queue is left empty.
    mutating func takeHeld() -> (jobs: [Job], functions: [Int]) {
        let jobs = queue
        queue.removeAll()
        let functions = jobs.map { waiting.removeValue(forKey: $0.key)?.count ?? 0 }
        return (jobs, functions)
    }

    /// Summaries another machine paid for: into the local layer, linked to the functions waiting.
    private mutating func adoptRemote(_ remote: [Summary]) async throws {
        let found = remote.filter { $0.validationFailure == nil }  // a bad remote row is a miss
        guard !found.isEmpty else { return }
        try await cache.store(found)
        var links: [Int64: String?] = [:]
        for summary in found {
            guard let ids = waiting.removeValue(forKey: summary.key) else { continue }
            report.cacheHitsRemote += ids.count
            progress.summariesDone += 1
            for id in ids { links[id] = summary.key }
        }
        try await index.setSummaryKeys(links)
        let keys = Set(found.map(\.key))
        queue.removeAll { keys.contains($0.key) }
        deferred.removeAll { keys.contains($0.key) }
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
                                  costUSD: result.costUSD, latencyMS: Self.milliseconds(result.latency),
                                  cacheReadTokens: result.cacheReadTokens, cacheWriteTokens: result.cacheWriteTokens,
                                  provider: result.provider, truncated: result.truncated)
            if let reason = summary.validationFailure {
                if let shared, claimedKeys.remove(job.key) != nil { await shared.release([job.key]) }
                report.failed += 1
                note(failure: "\(job.location): invalid summary: \(reason)")
            } else {
                report.summarized += 1
                report.redactions += result.redactions
                if result.truncated { report.truncated += 1 }
                pendingStores.append((summary, ids))
                if pendingStores.count >= storeBatch { try await flushStores() }
            }
        case .failure(.cancelled):
            report.notSent += 1 // the run stopped before this request went out: not a failure of its own
        case .failure(let error):
            if let shared, claimedKeys.remove(job.key) != nil { await shared.release([job.key]) }
            report.failed += 1
            progress.failures += 1
            note(failure: "\(job.location): \(error.description)")
            switch error {
            case .connection, .timeout:
                report.unreachableFailures += 1
                if report.unreachableMessage == nil { report.unreachableMessage = error.description }
            default: break
            }
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
        if let shared {
            await shared.publish(pendingStores.map(\.0))
            for (summary, _) in pendingStores { claimedKeys.remove(summary.key) }
        }
        pendingStores.removeAll(keepingCapacity: true)
    }

    /// A provider latency in seconds as the whole milliseconds the `summaries` row stores.
    static func milliseconds(_ seconds: Double) -> Int {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        return Int((seconds * 1000).rounded())
    }
}
