import Foundation
import MuCore
import MuLLM
import MuStore

/// Submits misses to the provider's batch API, polls, collects and cancels batches for one index.
///
/// Submission records every batch and its `custom_id → key` map in the index right after the
/// provider accepted it, so a process killed afterwards loses nothing. Collection judges each reply
/// with the live pool's parser and validation against the original body (``LLMPool/acceptBatchReply``),
/// caches valid summaries and links them to the functions waiting (by body hash); invalid replies are
/// never cached but re-asked live; errored, cancelled and expired requests become misses again.
public struct BatchCoordinator: Sendable {
    public let provider: any BatchProvider
    /// Prepares requests exactly as live calls are prepared, judges replies, and sends live re-asks.
    public let pool: LLMPool
    let store: BatchStore
    let cache: SummaryCache
    let index: SymbolIndex

    /// The batch side of `backend`, or ``BatchError/unsupported(provider:)`` when its provider has no batch API.
    public static func batchProvider(of backend: any SummaryBackend) throws(BatchError) -> (any BatchProvider, LLMBackend) {
        guard let llm = backend as? LLMBackend, let batch = llm.provider as? any BatchProvider,
              (llm.provider as? OpenAIProvider)?.supportsBatch ?? true else {
            throw .unsupported(provider: backend.identity.provider.rawValue)
        }
        return (batch, llm)
    }

    public init(backend: any SummaryBackend, database: MuDatabase) throws(BatchError) {
        let (batch, llm) = try Self.batchProvider(of: backend)
        provider = batch
        pool = LLMPool(provider: llm.provider, configuration: llm.configuration, catalog: llm.catalog)
        store = BatchStore(database: database)
        cache = SummaryCache(database: database)
        index = SymbolIndex(database: database)
    }

    // MARK: Submit

    /// Sends `jobs` as one batch per provider limit and records each batch as soon as it is accepted.
    /// A failure after some batches were accepted keeps those (they are recorded) and throws.
    func submit(_ jobs: [MissDispatcher.Job]) async throws -> [BatchRecord] {
        guard !jobs.isEmpty else { return [] }
        let jobs = Array(jobs.prefix(jobsWithinBudget(jobs)))
        let parameters = pool.configuration.parameters
        let encoder = JSONEncoder()
        var encoded: [Data] = []
        var requests: [BatchRequestRecord] = []
        encoded.reserveCapacity(jobs.count)
        for job in jobs {
            let prepared = pool.batchItem(for: job.request, customID: job.key)
            encoded.append(try provider.encodeBatchItem(prepared.item, parameters: parameters))
            let json = String(decoding: try encoder.encode(job.request), as: UTF8.self)
            requests.append(BatchRequestRecord(customID: job.key, key: job.key, components: job.components,
                                               location: job.location, request: json, redactions: prepared.redactions,
                                               truncated: prepared.truncated))
        }
        var records: [BatchRecord] = []
        for slice in BatchPlanner.slices(sizes: encoded.map(\.count), limits: provider.batchLimits) {
            let status = try await provider.submitBatch(Array(encoded[slice]))
            let record = BatchRecord(id: status.id, provider: provider.name, model: provider.model,
                                     status: status.state.rawValue, requestCount: slice.count, completed: status.completed,
                                     resultsLocation: status.resultsLocation, errorsLocation: status.errorsLocation)
            try await store.record(record, requests: Array(requests[slice]))
            records.append(record)
        }
        return records
    }

    /// How many of `jobs` (in order) fit `[llm] max_cost_usd` at the batch price, each counted at its
    /// worst case (the estimated input and the full output allowance), as the live pool reserves.
    func jobsWithinBudget(_ jobs: [MissDispatcher.Job]) -> Int {
        let limit = pool.configuration.maxCostUSD
        guard limit > 0 else { return jobs.count }
        let estimator = CostEstimator(model: pool.model, template: pool.configuration.template,
                                      charsPerToken: pool.configuration.charsPerToken,
                                      maxInputTokens: pool.configuration.maxInputTokens)
        var total = 0.0
        for (index, job) in jobs.enumerated() {
            let input = estimator.estimate(job.request).inputTokens
            total += pool.model.cost(inputTokens: Double(input), outputTokens: Double(pool.configuration.parameters.maxTokens))
                * ModelInfo.batchPriceFactor
            if total > limit { return index }
        }
        return jobs.count
    }

    // MARK: Status, cancel

    /// Every batch of the index; the uncollected ones of this provider polled first (their stored status updated).
    public func status() async throws -> [BatchRecord] {
        for record in try await store.uncollected() where record.provider == provider.name {
            _ = try await poll(record)
        }
        return try await store.all()
    }

    /// Asks the provider to cancel the named batches (all uncollected ones of this provider when
    /// `ids` is empty); answered requests keep their results for `collect`.
    public func cancel(_ ids: [String]) async throws -> [BatchRecord] {
        var targets: [BatchRecord] = []
        if ids.isEmpty {
            targets = try await store.uncollected().filter { $0.provider == provider.name }
        } else {
            for id in ids {
                guard let record = try await store.batch(id: id) else { throw BatchError.unknownBatch(id) }
                targets.append(record)
            }
        }
        var updated: [BatchRecord] = []
        for var record in targets where record.collectedAt == nil {
            let status = try await provider.cancelBatch(record.id)
            try await store.updateStatus(id: record.id, status: status.state.rawValue, completed: status.completed,
                                         resultsLocation: status.resultsLocation, errorsLocation: status.errorsLocation)
            record.status = status.state.rawValue
            updated.append(record)
        }
        return updated
    }

    private func poll(_ record: BatchRecord) async throws -> BatchStatus {
        let status = try await provider.batchStatus(record.id)
        try await store.updateStatus(id: record.id, status: status.state.rawValue, completed: status.completed,
                                     resultsLocation: status.resultsLocation, errorsLocation: status.errorsLocation)
        return status
    }

    // MARK: Collect

    /// Takes in every finished batch of this provider; with `wait`, polls every `pollSeconds` until none
    /// is left running, calling `progress` after each round.
    public func collect(wait: Bool = false, pollSeconds: Double = 30,
                        progress: @Sendable (BatchProgress) -> Void = { _ in }) async throws -> BatchCollection {
        var collection = BatchCollection()
        var pending = try await store.uncollected().filter { $0.provider == provider.name }
        let started = ContinuousClock.now
        while true {
            var running: [BatchRecord] = []
            var completed = 0
            var total = 0
            for record in pending {
                let status = try await poll(record)
                if status.state.isFinal {
                    try await take(status, of: record, into: &collection)
                } else {
                    running.append(record)
                    completed += status.completed
                    total += max(status.total, record.requestCount)
                }
            }
            pending = running
            if pending.isEmpty || !wait { break }
            progress(BatchProgress(batches: pending.count, completed: completed, total: total,
                                   elapsed: seconds(ContinuousClock.now - started)))
            try await Task.sleep(for: .milliseconds(Int(max(0.01, pollSeconds) * 1000)))
        }
        collection.batchesPending = pending.count
        return collection
    }

    /// One finished batch: results judged, valid ones cached and linked, invalid ones re-asked live,
    /// the others released (misses again); the batch marked collected.
    private func take(_ status: BatchStatus, of record: BatchRecord, into collection: inout BatchCollection) async throws {
        let requests = try await store.requests(inBatch: record.id).filter { $0.state == .pending }
        let byID = Dictionary(requests.map { ($0.customID, $0) }, uniquingKeysWith: { first, _ in first })
        let results = status.state.hasResults ? try await provider.batchResults(status) : []
        let decoder = JSONDecoder()
        var summaries: [Summary] = []
        var done: [String] = []
        var released: [String] = []
        var reask: [(BatchRequestRecord, SummaryRequest)] = []
        var answered = Set<String>()
        for result in results {
            guard let entry = byID[result.customID], answered.insert(result.customID).inserted,
                  let request = try? decoder.decode(SummaryRequest.self, from: Data(entry.request.utf8)) else { continue }
            switch result.result {
            case .success(let reply):
                let outcome = pool.acceptBatchReply(reply, for: request, truncated: entry.truncated, redactions: entry.redactions)
                collection.batchReplies += 1
                collection.inputTokens += outcome.spentInputTokens
                collection.outputTokens += outcome.spentOutputTokens
                collection.cachedInputTokens += reply.usage?.cacheReadTokens ?? 0
                collection.costUSD += outcome.spentUSD
                if let result = outcome.summary {
                    let summary = Summary(key: entry.key, components: entry.components, bullets: result.bullets,
                                          inputTokens: result.inputTokens, outputTokens: result.outputTokens,
                                          costUSD: result.costUSD, cacheReadTokens: result.cacheReadTokens,
                                          cacheWriteTokens: result.cacheWriteTokens, provider: result.provider,
                                          truncated: result.truncated)
                    if summary.validationFailure == nil {
                        summaries.append(summary)
                        done.append(entry.customID)
                        continue
                    }
                }
                reask.append((entry, request))
                released.append(entry.customID)
            case .failure(let failure):
                released.append(entry.customID)
                collection.failed += 1
                collection.note("\(entry.location): \(failure)")
            }
        }
        let missing = requests.filter { !answered.contains($0.customID) }
        for entry in missing {
            collection.failed += 1
            collection.note("\(entry.location): no result in batch \(record.id) (\(status.state.rawValue))")
        }
        try await cache.store(summaries)
        try await link(summaries)
        collection.summarized += summaries.count
        try await store.setState(.done, batchID: record.id, customIDs: done)
        try await store.setState(.failed, batchID: record.id, customIDs: released)
        try await store.markCollected(id: record.id)
        collection.batchesCollected += 1
        try await reaskLive(reask, model: record.model, into: &collection)
    }

    /// Invalid batch replies are asked again live (the pool re-asks once more itself); only a valid
    /// live reply is cached. A batch made with another model than the configured one is left for the
    /// next run (its key names that model).
    private func reaskLive(_ entries: [(BatchRequestRecord, SummaryRequest)], model: String,
                           into collection: inout BatchCollection) async throws {
        guard !entries.isEmpty else { return }
        guard model == provider.model else {
            collection.failed += entries.count
            for (entry, _) in entries { collection.note("\(entry.location): invalid summary from the batch") }
            return
        }
        let before = await pool.statistics()
        let outcomes = await pool.summarizeBatch(entries.map(\.1))
        let after = await pool.statistics()
        collection.liveRequests += after.requestsSent - before.requestsSent
        var summaries: [Summary] = []
        for ((entry, _), outcome) in zip(entries, outcomes) {
            collection.inputTokens += outcome.spentInputTokens
            collection.outputTokens += outcome.spentOutputTokens
            collection.costUSD += outcome.spentUSD
            if let result = outcome.summary {
                let summary = Summary(key: entry.key, components: entry.components, bullets: result.bullets,
                                      inputTokens: result.inputTokens, outputTokens: result.outputTokens,
                                      costUSD: result.costUSD, latencyMS: Int((result.latency * 1000).rounded()),
                                      cacheReadTokens: result.cacheReadTokens, cacheWriteTokens: result.cacheWriteTokens,
                                      provider: result.provider, truncated: result.truncated)
                if summary.validationFailure == nil {
                    summaries.append(summary)
                    continue
                }
            }
            collection.failed += 1
            collection.note("\(entry.location): invalid summary from the batch, and live: \(outcome.failure?.description ?? "invalid")")
        }
        try await cache.store(summaries)
        try await link(summaries)
        collection.reaskedLive += summaries.count
    }

    /// Links cached summaries to the indexed functions without one whose body they summarize.
    private func link(_ summaries: [Summary]) async throws {
        guard !summaries.isEmpty else { return }
        let waiting = try await store.functionsWaiting(forBodyHashes: summaries.map(\.bodyHash))
        var links: [Int64: String?] = [:]
        for summary in summaries {
            for id in waiting[summary.bodyHash] ?? [] { links[id] = summary.key }
        }
        try await index.setSummaryKeys(links)
    }
}
