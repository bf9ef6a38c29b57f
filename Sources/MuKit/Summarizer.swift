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
    let provider: any LLMProvider
    /// Files extracted per step; the next step waits until this one's misses are dispatched.
    public var chunkSize = 200
    /// How long to wait for another run holding the index lock.
    public var lockTimeout: Duration = .seconds(900)
    /// When set, only these repository-relative paths are looked at (`--since`, the post-commit
    /// hook): changed ones are re-extracted, missing ones dropped, every other file left as indexed.
    public var onlyPaths: Set<String>? = nil
    /// Whether the roll-up stage (file, directory and repository summaries) runs after the functions.
    public var rollups = true

    static let completeKey = "summaries_complete"
    static let fingerprintKey = "summaries_fingerprint"

    /// - Parameter provider: overrides the configured provider (tests).
    public init(workspace: Workspace, provider: (any LLMProvider)? = nil) throws {
        self.workspace = workspace
        self.setup = LLMSetup(workspace.config)
        self.provider = try provider ?? setup.makeProvider()
    }

    /// A summarizer for estimates only (`mu cost`): works without an API key, since nothing is sent.
    public static func planner(workspace: Workspace) throws -> Summarizer {
        let setup = LLMSetup(workspace.config)
        if let provider = try? setup.makeProvider() {
            return try Summarizer(workspace: workspace, provider: provider)
        }
        return try Summarizer(workspace: workspace, provider: EstimateOnlyProvider(name: setup.kind.rawValue, model: setup.model))
    }

    /// The cache key of a body under this run's provider, model and prompt settings.
    public func key(forBodyHash hash: String) -> (hex: String, components: SummaryKey) {
        let components = SummaryKey(bodyHash: hash, promptVersion: PROMPT_VERSION, model: provider.model,
                                    params: paramsFingerprint)
        return (components.hex(using: { BodyHasher.sha256Hex(Array($0.utf8)) }), components)
    }

    /// The provider's name (`extractive`, `anthropic`, ...).
    public var providerName: String { provider.name }

    var fingerprint: String { "\(PROMPT_VERSION)|\(provider.name)|\(provider.model)|\(paramsFingerprint)" }

    /// The params component of cache keys. The extractive provider ignores temperature, token
    /// limits and prompt strategy, so its summaries are keyed without them.
    var paramsFingerprint: String {
        provider.name == ProviderKind.extractive.rawValue ? "extractive" : setup.pool.paramsFingerprint
    }

    /// One distinct body to summarize and the functions waiting for it.
    struct Job: Sendable {
        var key: String
        var components: SummaryKey
        var request: SummaryRequest
        var location: String
    }

    public func run(onWait: @Sendable (Int32?) -> Void = { _ in },
                    progress: @escaping @Sendable (SummarizeProgress) -> Void = { _ in }) async throws -> SummarizeReport {
        let clock = ContinuousClock()
        let started = clock.now
        try FileManager.default.createDirectory(at: workspace.muDirectory, withIntermediateDirectories: true)
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
        let trace = Trace(enabled: ProcessInfo.processInfo.environment["MU_TRACE"] != nil)
        let database = try workspace.openDatabase(create: true)
        trace.mark("open database")
        let index = SymbolIndex(database: database)
        let states = FileStateCache(database: database)
        let cache = SummaryCache(database: database)
        let runs = RunLog(database: database)
        let modelStats = ModelStatisticsStore(database: database)
        let observed = try? await modelStats.statistics(for: provider.model)
        var poolConfiguration = setup.pool
        poolConfiguration.charsPerToken = observed?.charsPerToken
        poolConfiguration.meanOutputTokens = observed?.meanOutputTokens
        let pool = LLMPool(provider: provider, configuration: poolConfiguration, catalog: setup.catalog)

        var report = SummarizeReport()
        report.provider = provider.name
        report.model = provider.model
        var run = try await runs.start(RunRecord(status: .running, provider: provider.name, model: provider.model))

        // 1. Walk, and compare with the file states of the last run.
        let repository = try GitRepository(discovering: workspace.root.path)
        let head = repository.headCommit()
        let known = try await states.allStates()
        // `--since` and the hook: ask git about the given paths only, not the whole tree.
        let entries = try onlyPaths.map { try repository.listFiles(restrictedTo: $0) } ?? repository.listFiles()
        let walk = RepositoryWalker(options: IndexSettings(workspace.config.config).walkerOptions)
            .walk(entries: entries, root: repository.root, known: Self.knownFiles(known))
        report.filesScanned = walk.files.count
        trace.mark("walk (\(walk.files.count) files)")
        let walked = Dictionary(walk.files.map { ($0.file.path, $0) }, uniquingKeysWith: { a, _ in a })
        var toExtract = walk.files.filter { file in
            if let onlyPaths, !onlyPaths.contains(file.file.path) { return false }
            guard let state = known[file.file.path] else { return true }
            return !state.matches(size: file.size, mtimeNs: file.mtimeNs, inode: file.inode, blobId: file.blobID)
        }
        report.filesChanged = toExtract.count
        // Every indexed file has a state (written with its functions), so the states name them all.
        var removed = Set(known.keys).subtracting(walked.keys)
        if let onlyPaths { removed.formIntersection(onlyPaths) }
        try await index.removeFiles(removed.sorted())
        report.filesRemoved = removed.count
        trace.mark("compare states (\(toExtract.count) changed, \(removed.count) removed)")

        // 2. Unchanged files whose functions lack a summary under this run's settings (a new model,
        //    an interrupted or failed run): link cached summaries, re-read the files for the rest.
        //    Same settings as the last run: only functions without a summary need a look (an indexed
        //    query); new settings: every function's key changes, so all are checked.
        let fingerprint = self.fingerprint
        if try await database.metaValue(Self.completeKey) != fingerprint {
            let sameSettings = try await database.metaValue(Self.fingerprintKey) == fingerprint
            let extracting = Set(toExtract.map(\.file.path))
            var needFiles = Set<String>()
            var links: [Int64: String?] = [:]
            var after: Int64 = 0
            var exhausted = false
            while !exhausted {
                let page: [IndexedFunction]
                if sameSettings {
                    page = try await index.functionsWithoutSummary(limit: 1_000_000)
                    exhausted = true
                } else {
                    page = try await index.functions(afterID: after, limit: 2000)
                }
                guard let last = page.last else { break }
                after = last.id
                for function in page where !extracting.contains(function.path) {
                    if let onlyPaths, !onlyPaths.contains(function.path) { continue }
                    let key = key(forBodyHash: function.bodyHash).hex
                    if function.summaryKey == key, function.summary != nil { continue }
                    switch try await cache.lookup(key) {
                    case .memory: report.cacheHitsMemory += 1; links[function.id] = key
                    case .disk: report.cacheHitsDisk += 1; links[function.id] = key
                    case .miss: needFiles.insert(function.path)
                    }
                }
                if links.count >= 500 { try await index.setSummaryKeys(links); links.removeAll() }
            }
            try await index.setSummaryKeys(links)
            toExtract += needFiles.sorted().compactMap { walked[$0] }
        }

        trace.mark("functions lacking summaries")
        // 3. Extract step by step; look every body up; send the misses to the pool as they appear.
        var status = SummarizeProgress()
        status.filesTotal = toExtract.count
        let extractors = try Extractors(environment: ProcessInfo.processInfo.environment)
        var waiting: [String: [Int64]] = [:]       // key → function ids waiting for that summary
        var queue: [Job] = []
        var pendingStores: [(Summary, [Int64])] = []
        let storeBatch = provider.name == ProviderKind.extractive.rawValue ? 256 : 1
        let limit = max(8, poolConfiguration.concurrency * 2)
        var stopped = false

        func flushStores() async throws {
            guard !pendingStores.isEmpty else { return }
            try await cache.store(pendingStores.map(\.0))
            var links: [Int64: String?] = [:]
            for (summary, ids) in pendingStores { for id in ids { links[id] = summary.key } }
            try await index.setSummaryKeys(links)
            pendingStores.removeAll(keepingCapacity: true)
        }

        try await withThrowingTaskGroup(of: (Job, SummaryOutcome).self) { group in
            var inFlight = 0

            func handle(_ job: Job, _ outcome: SummaryOutcome) async throws {
                inFlight -= 1
                status.summariesDone += 1
                status.costUSD += outcome.spentUSD
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
                    status.failures += 1
                    if case .cancelled = error {} else { note(failure: "\(job.location): \(error.description)") }
                }
                status.elapsed = seconds(clock.now - started)
                progress(status)
            }

            func note(failure: String) {
                if report.failureSamples.count < 20 { report.failureSamples.append(failure) }
            }

            func dispatch() async throws {
                while !queue.isEmpty {
                    if let stop = await pool.statistics().stopReason {
                        report.stop = Self.stop(from: stop)
                        stopped = true
                        for job in queue { _ = waiting.removeValue(forKey: job.key) }
                        queue.removeAll()
                        return
                    }
                    if inFlight < limit {
                        let job = queue.removeFirst()
                        inFlight += 1
                        group.addTask { (job, await pool.summarize(job.request)) }
                    } else if let (job, outcome) = try await group.next() {
                        try await handle(job, outcome)
                    }
                }
            }

            var start = 0
            while start < toExtract.count, !stopped {
                let chunk = Array(toExtract[start..<min(toExtract.count, start + chunkSize)])
                start += chunk.count
                let batch = try await extractors.extract(chunk.map(\.file), root: workspace.root)
                let gone = batch.failures.map(\.path)
                if !gone.isEmpty { try await index.removeFiles(gone) }
                for file in batch.files {
                    guard let walkedFile = walked[file.file.path] else { continue }
                    var records: [FunctionRecord] = []
                    var misses: [(Int, FunctionUnit, String, SummaryKey)] = []
                    for (i, unit) in file.units.enumerated() {
                        let (key, components) = key(forBodyHash: unit.hash)
                        var record = FunctionRecord(path: unit.path, language: unit.language.rawValue, name: unit.name,
                                                    qualifiedName: unit.qualifiedName, kind: unit.kind.rawValue,
                                                    signature: unit.signature, startLine: unit.startLine,
                                                    endLine: unit.endLine, bodyHash: unit.hash, summaryKey: nil)
                        switch try await cache.lookup(key) {
                        case .memory: report.cacheHitsMemory += 1; record.summaryKey = key
                        case .disk: report.cacheHitsDisk += 1; record.summaryKey = key
                        case .miss: misses.append((i, unit, key, components))
                        }
                        records.append(record)
                    }
                    let state = FileState(path: walkedFile.file.path, size: walkedFile.size, mtimeNs: walkedFile.mtimeNs,
                                          inode: walkedFile.inode, blobId: walkedFile.blobID,
                                          language: walkedFile.file.language.rawValue)
                    let stored = try await index.replaceFunctions(inFile: file.file.path, with: records, commit: head,
                                                                  fileState: state)
                    for (i, unit, key, components) in misses where i < stored.count {
                        if waiting[key] != nil {
                            waiting[key]!.append(stored[i].id) // the same body elsewhere: one call serves both
                            continue
                        }
                        waiting[key] = [stored[i].id]
                        queue.append(Job(key: key, components: components, request: Self.request(for: unit, id: key),
                                         location: "\(unit.path):\(unit.startLine) \(unit.qualifiedName)"))
                        status.summariesQueued += 1
                    }
                }
                status.filesDone += chunk.count
                status.elapsed = seconds(clock.now - started)
                progress(status)
                try await dispatch()
            }
            while inFlight > 0, let (job, outcome) = try await group.next() {
                try await handle(job, outcome)
            }
        }
        try await flushStores()
        try await cache.flush()
        trace.mark("extract and summarize")

        // 4. Totals, the run record, what the next run may skip.
        let pstats = await pool.statistics()
        if report.stop == nil, let stop = pstats.stopReason { report.stop = Self.stop(from: stop) }
        report.llmRequests = pstats.requestsSent
        report.inputTokens = pstats.inputTokens
        report.outputTokens = pstats.outputTokens
        report.costUSD = pstats.costUSD
        report.functions = try await index.functionCount()
        if let ratio = pstats.observedCharsPerToken, pstats.inputTokens > 0 {
            try? await modelStats.record(model: provider.model, inputChars: Int(ratio * Double(pstats.inputTokens)),
                                         inputTokens: pstats.inputTokens, outputTokens: pstats.outputTokens,
                                         samples: pstats.succeeded)
        }
        if rollups, report.stop == nil {
            let rollupSummarizer: any RollupSummarizer = provider.readsPromptText
                ? ProviderRollupSummarizer(provider: provider) : OfflineRollupSummarizer()
            var stage = RollupStage(database: database, summarizer: rollupSummarizer)
            stage.concurrency = max(1, setup.pool.concurrency)
            let rolled = try await stage.run()
            report.rollupsSummarized = rolled.summarized
            report.rollupsReused = rolled.reused
            report.rollupsFailed = rolled.failed
            report.inputTokens += rolled.usage.inputTokens
            report.outputTokens += rolled.usage.outputTokens
            trace.mark("roll-ups (\(rolled.summarized) summarized, \(rolled.reused) reused)")
        }
        try await index.setLastIndexedCommit(head)
        let complete = report.failed == 0 && report.stop == nil
        try await database.setMetaValue(complete ? fingerprint : nil, forKey: Self.completeKey)
        try await database.setMetaValue(fingerprint, forKey: Self.fingerprintKey)
        report.duration = seconds(clock.now - started)

        run.finishedAt = Date()
        run.status = report.stop.map { if case .budgetReached = $0 { .budgetExceeded } else { .failed } }
            ?? (report.failed > 0 ? .partial : .succeeded)
        run.filesScanned = report.filesScanned
        run.filesChanged = report.filesChanged
        run.functions = report.functions
        run.cacheHitsMemory = report.cacheHitsMemory
        run.cacheHitsDisk = report.cacheHitsDisk
        run.llmRequests = report.llmRequests
        run.summarized = report.summarized
        run.failed = report.failed
        run.inputTokens = report.inputTokens
        run.outputTokens = report.outputTokens
        run.costUSD = report.costUSD
        run.indexedCommit = head
        run.message = report.failureSamples.first
        _ = try? await runs.update(run)
        trace.mark("totals and run record")
        try? database.close()
        return report
    }

    /// The walker's shortcut for files whose state is unchanged (their head is not read again).
    public static func knownFiles(_ known: [String: FileState]) -> RepositoryWalker.KnownFile {
        { path, size, mtimeNs, inode, blobID in
            guard let state = known[path], state.matches(size: size, mtimeNs: mtimeNs, inode: inode, blobId: blobID),
                  let name = state.language, let language = Language(rawValue: name) else { return nil }
            return language
        }
    }

    static func stop(from reason: PoolStopReason) -> SummarizeReport.Stop {
        switch reason {
        case .authentication(let error): .credentialsRefused(error.description)
        case .budget(let limit, let spent): .budgetReached(limitUSD: limit, spentUSD: spent)
        case .unreachable(let error): .providerUnreachable(error.description)
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

/// Stands in for a provider that cannot be built (no key) when only estimating.
struct EstimateOnlyProvider: LLMProvider {
    let name: String
    let model: String
    var sendsSourceOffMachine: Bool { true }
    func complete(_ prompt: Prompt, parameters: CompletionParameters) async throws -> ProviderReply {
        throw LLMError.configuration("estimates only: nothing is sent")
    }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// ctags for the ctags languages, SwiftSyntax for Swift: the extractors of a run, together.
struct Extractors: Sendable {
    let ctags: CtagsExtractor?
    let swift = SwiftSyntaxExtractor()
    let environment: [String: String]

    init(environment: [String: String]) throws {
        self.environment = environment
        self.ctags = try? CtagsExtractor(environment: environment)
    }

    func extract(_ files: [SourceFile], root: URL) async throws -> ExtractionBatch {
        var batch = ExtractionBatch()
        let others = files.filter { $0.language != .swift }
        if !others.isEmpty {
            guard let ctags else { throw ExtractionError.ctagsNotFound }
            let part = try await ctags.extract(others, root: root)
            batch.files += part.files
            batch.failures += part.failures
        }
        let swiftFiles = files.filter { $0.language == .swift }
        if !swiftFiles.isEmpty {
            let part = try await swift.extract(swiftFiles, root: root)
            batch.files += part.files
            batch.failures += part.failures
        }
        return batch
    }
}
