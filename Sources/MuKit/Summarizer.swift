import Foundation
import MuLLM
import MuSource
import MuStore
import MuCore

/// The `mu summarize` pipeline: walk → skip unchanged files → extract → hash → memory cache →
/// SQLite cache → provider for misses only → store, streaming file batch by file batch so memory
/// stays flat, and writing every result as it arrives so a killed run keeps all it paid for.
public struct Summarizer: Sendable {
    public let workspace: Workspace
    public let setup: LLMSetup
    /// Where misses go: the LLM pool or the offline summarizer.
    public let backend: any SummaryBackend
    /// Files extracted per step; the next step waits until this one's misses are dispatched.
    public var chunkSize = 200
    /// How long to wait for another run holding the index lock.
    public var lockTimeout: Duration = .seconds(900)
    /// When set, only these repository-relative paths are looked at (`--since`, the post-commit
    /// hook): changed ones are re-extracted, missing ones dropped, every other file left as indexed.
    public var onlyPaths: Set<String>? = nil
    /// The shared PostgreSQL layer, when `[cache] url` is set and reachable (opened by the caller).
    public var sharedCache: SharedCacheLayer? = nil
    /// Whether the roll-up stage (file, directory and repository summaries) runs after the functions.
    /// Off by default for library callers (the pipeline tests count function calls only); `mu
    /// summarize` (unless `--no-rollup`), the MCP `refresh` and the post-commit hook switch it on.
    public var rollups = false
    /// `summarize --batch`: misses go to the provider's batch API instead of live calls. Never set by the hook.
    public var batchMode: BatchMode = .off
    /// Take in finished provider batches before looking for misses (`mu summarize`; off for the hook,
    /// which must not wait on the network for batches).
    public var collectBatches = false
    /// Seconds between polls while `--wait`ing for batches.
    public var batchPollSeconds = 30.0
    /// Called after every poll while `--wait`ing.
    public var batchProgress: @Sendable (BatchProgress) -> Void = { _ in }

    /// How a run sends its misses.
    public enum BatchMode: Sendable, Equatable {
        /// Live calls.
        case off
        /// One provider batch per limit; the run returns once they are submitted and recorded.
        case submit
        /// Submit, then poll until every batch has ended and collect the results.
        case submitAndWait
    }

    static let completeKey = "summaries_complete"
    static let fingerprintKey = "summaries_fingerprint"
    /// Functions the last run with a shared cache found there (`mu cache stats`).
    public static let remoteHitsKey = "last_run_remote_hits"

    /// - Parameter backend: overrides the configured backend (tests).
    public init(workspace: Workspace, backend: (any SummaryBackend)? = nil) throws {
        self.workspace = workspace
        self.setup = LLMSetup(workspace.config, repositoryRoot: workspace.root)
        self.backend = try backend ?? setup.makeBackend()
    }

    /// A summarizer sending misses to `provider` through a pool configured from the workspace (tests).
    public init(workspace: Workspace, provider: (any LLMProvider)?) throws {
        let setup = LLMSetup(workspace.config, repositoryRoot: workspace.root)
        try self.init(workspace: workspace, backend: provider.map {
            LLMBackend(provider: $0, configuration: setup.pool, catalog: setup.catalog)
        })
    }

    /// The cache key of a body under this run's backend identity.
    public func key(forBodyHash hash: String) -> (hex: String, components: SummaryKey) {
        Self.key(forBodyHash: hash, identity: backend.identity)
    }

    static func key(forBodyHash hash: String, identity: SummaryBackendIdentity) -> (hex: String, components: SummaryKey) {
        let components = identity.key(forBodyHash: hash)
        return (components.hex(using: { BodyHasher.sha256Hex(Array($0.utf8)) }), components)
    }

    var fingerprint: String { backend.identity.fingerprint }

    public func run(onWait: @Sendable (Int32?) -> Void = { _ in },
                    progress: @escaping @Sendable (SummarizeProgress) -> Void = { _ in }) async throws -> SummarizeReport {
        let clock = ContinuousClock()
        let started = clock.now
        try workspace.prepareMuDirectory()
        var lock = try RunLock.tryAcquire(at: workspace.lockPath)
        if lock == nil {
            onWait(RunLock.holderPID(at: workspace.lockPath))
            lock = try await RunLock.acquire(at: workspace.lockPath, timeout: lockTimeout)
        }
        guard let lock else { throw WorkspaceError.busy(pid: RunLock.holderPID(at: workspace.lockPath)) }
        do {
            let report = try await locked(started: started, clock: clock, progress: progress)
            await lock.release()
            return report
        } catch {
            await lock.release()
            throw error
        }
    }

    private func locked(started: ContinuousClock.Instant, clock: ContinuousClock,
                        progress: @escaping @Sendable (SummarizeProgress) -> Void) async throws -> SummarizeReport {
        let trace = PhaseTimer()
        let database = try workspace.openDatabase(create: true)
        trace.mark("open database")
        let index = SymbolIndex(database: database)
        let states = FileStateCache(database: database)
        let cache = SummaryCache(database: database)
        let runs = RunLog(database: database)
        let modelStats = ModelStatisticsStore(database: database)
        let identity = backend.identity
        let observed = try? await modelStats.statistics(for: identity.model)
        let pool = try backend.start(observed: observed)
        // Batch mode needs a batch API (one line, exit 1, before anything is read or sent).
        let batches: BatchCoordinator? = batchMode != .off
            ? try BatchCoordinator(backend: backend, database: database)
            : (collectBatches ? try? BatchCoordinator(backend: backend, database: database) : nil)

        var report = SummarizeReport()
        report.provider = identity.provider.rawValue
        report.model = identity.model
        try await runs.markUnfinishedInterrupted() // killed runs: we hold the lock, so they are gone
        var run = try await runs.start(RunRecord(status: .running, provider: identity.provider.rawValue, model: identity.model))

        // 1. The delta: walk, and compare with the file states of the last run.
        let (head, walked, changed) = try await applyDelta(states: states, index: index, into: &report, trace: trace)
        var toExtract = changed
        try await collectFinishedBatches(batches, into: &report)
        let pendingKeys = try await BatchStore(database: database).pendingKeys()

        // 2. Link cached summaries to unchanged files' functions that lack one under these settings.
        let fingerprint = self.fingerprint
        let wasComplete = try await database.metaValue(Self.completeKey) == fingerprint
        if !wasComplete {
            toExtract += try await relink(database: database, index: index, cache: cache, skipping: toExtract,
                                          walked: walked, into: &report)
        }

        trace.mark("functions lacking summaries")
        // 3 + 4. Extract step by step, look every body up, send the misses to the backend as they appear.
        let extractor = CompositeExtractor.standard()
        let recorder = FileRecorder(index: index, cache: cache, identity: identity, commit: head)
        var dispatcher = MissDispatcher(
            session: pool, cache: cache, index: index, limit: max(8, setup.pool.concurrency * 2),
            storeBatch: backend.resultsPerTransaction,
            onProgress: { var status = $0; status.elapsed = seconds(clock.now - started); progress(status) })
        dispatcher.progress.filesTotal = toExtract.count
        dispatcher.shared = sharedCache
        dispatcher.pendingKeys = pendingKeys
        dispatcher.holdForBatch = batchMode != .off
        try await extractAndDispatch(toExtract, walked: walked, extractor: extractor, recorder: recorder,
                                     index: index, dispatcher: &dispatcher, report: &report,
                                     progress: { var status = $0; status.elapsed = seconds(clock.now - started); progress(status) })
        try await cache.flush()
        Self.absorb(dispatcher.report, into: &report)
        if let batches, batchMode != .off {
            try await submit(to: batches, from: &dispatcher, into: &report)
        }
        trace.mark("extract and summarize")

        // 4. Totals, the run record, what the next run may skip.
        try await recordTotals(of: pool, modelStats: modelStats, into: &report)
        report.functions = try await index.functionCount()
        if rollups, report.stop == nil {
            try await rollUp(database: database, observed: observed, into: &report, trace: trace)
        }
        try await SearchCompaction.compactIfWorthwhile(index, after: report, trace: trace)
        try await index.setLastIndexedCommit(head)
        try await markCompletion(database: database, report: report, wasComplete: wasComplete)
        report.duration = seconds(clock.now - started)

        run = RunRecord(report: report, id: run.id, startedAt: run.startedAt, indexedCommit: head)
        _ = try? await runs.update(run)
        trace.mark("totals and run record")
        try? database.close()
        return report
    }

    /// Stage 1: walks the tree, compares it with the last run's file states and forgets removed files.
    /// Returns HEAD, the walked files by path, and the files to read.
    private func applyDelta(states: FileStateCache, index: SymbolIndex, into report: inout SummarizeReport,
                            trace: PhaseTimer) async throws -> (String?, [String: WalkedFile], [WalkedFile]) {
        let repository = try GitRepository(discovering: workspace.root.path)
        let head = repository.headCommit()
        let known = try await states.allStates()
        let delta = try IndexDelta.compute(repository: repository, options: IndexSettings(workspace.config.config).walkerOptions,
                                           known: known, onlyPaths: onlyPaths)
        report.filesScanned = delta.walk.files.count
        report.unreadable = delta.walk.unreadable
        trace.mark("walk (\(delta.walk.files.count) files)")
        let walked = Dictionary(delta.walk.files.map { ($0.file.path, $0) }, uniquingKeysWith: { a, _ in a })
        report.filesChanged = delta.toRead.count
        try await index.removeFiles(delta.removed)
        report.filesRemoved = delta.removed.count
        trace.mark("compare states (\(delta.toRead.count) changed, \(delta.removed.count) removed)")
        return (head, walked, delta.toRead)
    }

    /// Finished provider batches first: their summaries are hits below, their failures misses again.
    /// A live run is not stopped by a provider it cannot poll: the batches stay for the next run.
    private func collectFinishedBatches(_ batches: BatchCoordinator?, into report: inout SummarizeReport) async throws {
        guard let batches else { return }
        if batchMode != .off {
            Self.absorb(try await batches.collect(), into: &report, final: false)
        } else if collectBatches, let collected = try? await batches.collect() {
            Self.absorb(collected, into: &report, final: false)
        }
    }

    /// Stage 2: links cached summaries to unchanged files' functions that lack one under these
    /// settings; returns the files that must be read again to summarize the rest.
    private func relink(database: MuDatabase, index: SymbolIndex, cache: SummaryCache, skipping toExtract: [WalkedFile],
                        walked: [String: WalkedFile], into report: inout SummarizeReport) async throws -> [WalkedFile] {
        let sameSettings = try await database.metaValue(Self.fingerprintKey) == fingerprint
        let relinker = SummaryRelinker(index: index, cache: cache, key: { [self] in key(forBodyHash: $0).hex })
        let relinked = try await relinker.run(sameSettings: sameSettings, skipping: Set(toExtract.map(\.file.path)),
                                              onlyPaths: onlyPaths)
        report.cacheHitsMemory += relinked.hitsMemory
        report.cacheHitsDisk += relinked.hitsDisk
        return relinked.filesToRead.sorted().compactMap { walked[$0] }
    }

    /// Stages 3 and 4: extract `chunkSize` files at a time, record each file's functions and hits, and
    /// send the misses to the backend as they appear (at most the dispatcher's limit in flight).
    private func extractAndDispatch(_ toExtract: [WalkedFile], walked: [String: WalkedFile], extractor: CompositeExtractor,
                                    recorder: FileRecorder, index: SymbolIndex, dispatcher: inout MissDispatcher,
                                    report: inout SummarizeReport,
                                    progress: @escaping @Sendable (SummarizeProgress) -> Void) async throws {
        try await withThrowingTaskGroup(of: (MissDispatcher.Job, SummaryOutcome).self) { group in
            var start = 0
            while start < toExtract.count, !dispatcher.stopped {
                let chunk = Array(toExtract[start..<min(toExtract.count, start + chunkSize)])
                start += chunk.count
                let batch = try await extractor.extract(chunk.map(\.file), root: workspace.root)
                // Deleted while reading: dropped. Unreadable: skipped, its index rows kept.
                let gone = batch.failures.filter { $0.reason == .vanished }.map(\.path)
                if !gone.isEmpty { try await index.removeFiles(gone) }
                report.unreadable += batch.failures.filter { $0.reason == .unreadable }.map(\.path)
                for file in batch.files {
                    guard let walkedFile = walked[file.file.path] else { continue }
                    let recorded = try await recorder.record(file, walked: walkedFile)
                    report.cacheHitsMemory += recorded.hitsMemory
                    report.cacheHitsDisk += recorded.hitsDisk
                    for miss in recorded.misses { dispatcher.add(miss) }
                }
                dispatcher.progress.filesDone += chunk.count
                progress(dispatcher.progress)
                try await dispatcher.lookUpShared()
                try await dispatcher.dispatch(&group)
            }
            try await dispatcher.finish(&group)
        }
    }

    /// The dispatch stage's counts, copied into the run's report.
    private static func absorb(_ dispatched: SummarizeReport, into report: inout SummarizeReport) {
        report.summarized += dispatched.summarized
        report.failed += dispatched.failed
        report.unreachableFailures = dispatched.unreachableFailures
        report.unreachableMessage = dispatched.unreachableMessage
        report.notSent = dispatched.notSent
        report.redactions = dispatched.redactions
        report.truncated = dispatched.truncated
        report.failureSamples += dispatched.failureSamples
        report.stop = dispatched.stop
        report.cacheHitsRemote = dispatched.cacheHitsRemote
        report.remoteFailure = dispatched.remoteFailure
        report.waitingForBatch = dispatched.waitingForBatch
    }

    /// Batch mode: the held misses go out as provider batches (recorded before this returns); with
    /// `--wait`, polled until they end and collected.
    private func submit(to batches: BatchCoordinator, from dispatcher: inout MissDispatcher,
                        into report: inout SummarizeReport) async throws {
        let held = dispatcher.takeHeld()
        // The budget: only the misses whose worst-case batch price fits are sent; the rest wait (exit 4).
        let fitting = batches.jobsWithinBudget(held.jobs)
        if fitting < held.jobs.count {
            report.notSent += held.jobs.count - fitting
            report.stop = .budgetReached(limitUSD: setup.pool.maxCostUSD, spentUSD: 0)
        }
        let records = try await batches.submit(held.jobs)
        report.batchesSubmitted = records.count
        report.batchRequests = fitting
        report.waitingForBatch += held.functions.prefix(fitting).reduce(0, +)
        guard batchMode == .submitAndWait, !records.isEmpty else { return }
        let collected = try await batches.collect(wait: true, pollSeconds: batchPollSeconds, progress: batchProgress)
        if collected.batchesPending == 0 { report.waitingForBatch = 0 }
        Self.absorb(collected, into: &report, final: true)
    }

    /// What collecting batches did, added to the run's totals. At the start of a run (`final` false)
    /// failed requests are misses of this run and not counted as failures.
    static func absorb(_ collected: BatchCollection, into report: inout SummarizeReport, final: Bool) {
        report.batchesCollected += collected.batchesCollected
        report.summarized += collected.summarized + collected.reaskedLive
        report.llmRequests += collected.liveRequests
        report.inputTokens += collected.inputTokens
        report.outputTokens += collected.outputTokens
        report.cachedInputTokens += collected.cachedInputTokens
        report.costUSD += collected.costUSD
        if final {
            report.failed += collected.failed
            for sample in collected.failureSamples where report.failureSamples.count < 20 {
                report.failureSamples.append(sample)
            }
        }
    }

    /// The backend session's totals (requests, tokens, cost, a stop it decided) and the model's observed
    /// tokens-per-character for the next estimate.
    private func recordTotals(of session: any SummarySession, modelStats: ModelStatisticsStore,
                              into report: inout SummarizeReport) async throws {
        let pstats = await session.statistics()
        Self.addSpending(pstats, to: &report)
        if let ratio = pstats.observedCharsPerToken, pstats.inputTokens > 0 {
            try? await modelStats.record(model: backend.identity.model, inputChars: Int(ratio * Double(pstats.inputTokens)),
                                         inputTokens: pstats.inputTokens, outputTokens: pstats.outputTokens,
                                         samples: pstats.succeeded)
        }
    }

    /// The roll-up stage: file, directory and repository summaries after the functions. Incremental
    /// when the stored roll-ups are complete under this identity apart from the files recorded as
    /// changed (RollupIndex.standing); a full pass otherwise. LLM roll-ups go through a pool with
    /// what the functions left of the budget; its requests, tokens, cost and stop join the run's.
    private func rollUp(database: MuDatabase, observed: ModelStatistics?, into report: inout SummarizeReport,
                        trace: PhaseTimer) async throws {
        let llm = backend as? LLMBackend
        let offline = OfflineRollupSummarizer()
        let rollupIndex = RollupIndex(database: database)
        let rollupIdentity = "\(ROLLUP_VERSION) \(llm?.provider.name ?? offline.provider) \(llm?.provider.model ?? offline.model)"
        if try await rollupIndex.isCurrent(for: rollupIdentity),
           try await rollupIndex.rollup(for: ".")?.summary != nil {
            report.rollupsReused = try await rollupIndex.count()
            trace.mark("roll-ups (current: nothing changed since the last roll-up)")
            return
        }
        let rollupSummarizer: any RollupSummarizer
        var pooled: PooledRollupSummarizer?
        if let llm {
            let limit = llm.configuration.maxCostUSD
            if limit > 0, report.costUSD >= limit {
                report.stop = .budgetReached(limitUSD: limit, spentUSD: report.costUSD)
                return
            }
            let summarizer = PooledRollupSummarizer(backend: llm, observed: observed,
                                                    budgetUSD: limit > 0 ? limit - report.costUSD : nil)
            pooled = summarizer
            rollupSummarizer = summarizer
        } else {
            rollupSummarizer = offline
        }
        let scope: RollupStage.Scope
        switch try await rollupIndex.standing(for: rollupIdentity) {
        case .unknown: scope = .all
        case .changed(let files): scope = .files(files)
        }
        var stage = RollupStage(database: database, summarizer: rollupSummarizer)
        stage.concurrency = max(1, setup.pool.concurrency)
        stage.shared = llm == nil ? nil : sharedCache
        let rolled = try await stage.run(scope)
        let recomputed: [String]
        if case .files(let files) = scope { recomputed = files } else { recomputed = [] }
        try await rollupIndex.finishPass(identity: rollupIdentity, full: scope == .all, recomputed: recomputed,
                                         succeeded: rolled.failed == 0 && !rolled.stopped)
        report.rollupsSummarized = rolled.summarized
        report.rollupsReused = rolled.reused
        report.rollupsFailed = rolled.failed
        if let pooled { Self.addSpending(await pooled.pool.statistics(), to: &report) }
        let how = scope == .all ? "full" : "\(recomputed.count) changed files"
        trace.mark("roll-ups (\(how): \(rolled.summarized) summarized, \(rolled.reused) reused)")
    }

    /// What the next run may skip: the "complete under these settings" mark and the settings fingerprint.
    private func markCompletion(database: MuDatabase, report: SummarizeReport, wasComplete: Bool) async throws {
        // A run limited to some paths (--since, the hook) looked at those paths only: it keeps the
        // index complete when it was, but never makes it so, and never claims that every function
        // was checked under these settings (the next full run would skip the others).
        let complete = report.failed == 0 && report.notSent == 0 && report.stop == nil && report.waitingForBatch == 0
            && (onlyPaths == nil || wasComplete)
        try await database.setMetaValue(complete ? fingerprint : nil, forKey: Self.completeKey)
        if onlyPaths == nil { try await database.setMetaValue(fingerprint, forKey: Self.fingerprintKey) }
        if sharedCache != nil {
            try await database.setMetaValue(String(report.cacheHitsRemote), forKey: Self.remoteHitsKey)
        }
    }

    /// Adds a pool's requests, tokens and cost to the run's totals, and its stop if the run has none yet
    /// (the functions' pool, then the roll-ups' pool).
    static func addSpending(_ stats: PoolStatistics, to report: inout SummarizeReport) {
        if report.stop == nil, let stop = stats.stopReason { report.stop = Self.stop(from: stop) }
        report.llmRequests += stats.requestsSent
        report.inputTokens += stats.inputTokens
        report.outputTokens += stats.outputTokens
        report.cachedInputTokens += stats.cachedInputTokens
        report.costUSD += stats.costUSD
    }

    static func stop(from reason: PoolStopReason) -> SummarizeReport.Stop {
        switch reason {
        case .authentication(let error): .credentialsRefused(error.description)
        case .budget(let limit, let spent): .budgetReached(limitUSD: limit, spentUSD: spent)
        case .unreachable(let error): .providerUnreachable(error.description)
        case .unknownModel(let error): .providerFailed(error.description)
        case .gaveUp: .providerFailed(reason.description)
        }
    }

    static func request(for unit: FunctionUnit, id: String) -> SummaryRequest {
        let parts = unit.qualifiedName.split(separator: ".")
        return SummaryRequest(id: id, language: unit.language, name: unit.name,
                              qualifiedName: unit.qualifiedName, kind: unit.kind, signature: unit.signature,
                              body: unit.body, docComment: unit.docComment, filePath: unit.path,
                              enclosingType: parts.count > 1 ? parts.dropLast().joined(separator: ".") : nil)
    }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}
