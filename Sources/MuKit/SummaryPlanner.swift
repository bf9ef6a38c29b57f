import Foundation
import MuLLM
import MuSource
import MuStore
import MuCore

/// What a `mu summarize` would do, found without calling any provider or writing anything:
/// the misses and their estimated tokens and cost (`mu cost`, `mu summarize --dry-run`, and the
/// estimate shown before a paid run).
public struct SummaryPlan: Sendable {
    public var provider = ProviderKind.extractive
    public var model = ""
    public var filesScanned = 0
    public var filesToRead = 0
    /// Files this process may not read (permissions): skipped, their index rows kept.
    public var unreadable: [String] = []
    public var functions = 0
    public var cacheHits = 0
    /// Distinct bodies that would be sent (identical bodies are sent once).
    public var misses = 0
    public var estimate = CostEstimate()
    public init() {}
}

/// Plans a run from the configuration alone: needs no provider and no API key, since nothing is sent.
public struct SummaryPlanner: Sendable {
    public let workspace: Workspace
    public let setup: LLMSetup
    /// The identity of the summaries the run would make (cache keys).
    public let identity: SummaryBackendIdentity
    /// As ``Summarizer/onlyPaths``.
    public var onlyPaths: Set<String>? = nil
    public var chunkSize = 200
    /// Price the misses at the provider's batch rate (`summarize --batch`).
    public var batch = false

    public init(workspace: Workspace) {
        self.workspace = workspace
        setup = LLMSetup(workspace.config, repositoryRoot: workspace.root)
        identity = setup.backendIdentity
    }

    func key(forBodyHash hash: String) -> (hex: String, components: SummaryKey) {
        Summarizer.key(forBodyHash: hash, identity: identity)
    }

    /// Estimates the next run. Read-only: the index and cache are consulted, never changed.
    public func plan() async throws -> SummaryPlan {
        var plan = SummaryPlan()
        plan.provider = identity.provider
        plan.model = identity.model
        let fingerprint = identity.fingerprint
        let database = FileManager.default.fileExists(atPath: workspace.indexPath) ? try workspace.openDatabase(create: false) : nil
        defer { try? database?.close() }
        let cache = database.map { SummaryCache(database: $0) }
        var observed: ModelStatistics? = nil
        if let database { observed = try? await ModelStatisticsStore(database: database).statistics(for: identity.model) }
        let model = setup.catalog.resolve(provider: identity.provider, model: identity.model)
        var estimator = CostEstimator(model: model, template: setup.pool.template,
                                      charsPerToken: observed?.charsPerToken, meanOutputTokens: observed?.meanOutputTokens,
                                      maxInputTokens: setup.pool.maxInputTokens)
        estimator.batch = batch
        plan.estimate = CostEstimate(isPriced: model.isPriced)

        let repository = try GitRepository(discovering: workspace.root.path)
        var known: [String: FileState] = [:]
        if let database { known = try await FileStateCache(database: database).allStates() }
        // The whole walk (files_scanned counts the repository), split by the delta.
        let walk = try RepositoryWalker(options: IndexSettings(workspace.config.config).walkerOptions)
            .walk(repository, known: IndexDelta.knownFiles(known))
        let delta = IndexDelta(walk: walk, known: known, onlyPaths: onlyPaths)
        plan.filesScanned = walk.files.count
        plan.unreadable = walk.unreadable
        let walked = Dictionary(walk.files.map { ($0.file.path, $0) }, uniquingKeysWith: { a, _ in a })
        var toRead = delta.toRead
        let reading = Set(toRead.map(\.file.path))
        if let database, let cache {
            let needFiles = try await tallyIndexedFunctions(database: database, cache: cache, skipping: reading,
                                                            fingerprint: fingerprint, into: &plan)
            toRead += needFiles.sorted().compactMap { walked[$0] }
        }
        plan.filesToRead = toRead.count
        // Keys waiting in a provider batch are paid for: never estimated again.
        var pending = Set<String>()
        if let database { pending = (try? await BatchStore(database: database).pendingKeys()) ?? [] }
        try await tallyExtractedFunctions(toRead, cache: cache, estimator: estimator, pending: pending, into: &plan)
        return plan
    }

    /// Functions of files not re-read: counted; those without a summary under these settings (a new
    /// model, an interrupted run) name the files to read for their bodies, which are returned.
    func tallyIndexedFunctions(database: MuDatabase, cache: SummaryCache, skipping reading: Set<String>,
                               fingerprint: String, into plan: inout SummaryPlan) async throws -> Set<String> {
        let complete = try await database.metaValue(Summarizer.completeKey) == fingerprint
        let index = SymbolIndex(database: database)
        var needFiles = Set<String>()
        var tally: [String: (functions: Int, hits: Int)] = [:]   // per file: memory grows with files, not functions
        var after: Int64 = 0
        while true {
            let page = try await index.functions(afterID: after, limit: 2000)
            guard let last = page.last else { break }
            after = last.id
            for function in page where !reading.contains(function.path) {
                // A limited run (--since, the hook) sends only its paths' functions: estimate those.
                if let onlyPaths, !onlyPaths.contains(function.path) { continue }
                tally[function.path, default: (0, 0)].functions += 1
                if complete { continue }
                let key = key(forBodyHash: function.bodyHash).hex
                if function.summaryKey == key, function.summary != nil { continue }
                if try await cache.lookup(key).summary == nil { needFiles.insert(function.path) }
                tally[function.path, default: (0, 0)].hits += 1
            }
        }
        // Files read again are counted when extracted.
        for (path, entry) in tally where !needFiles.contains(path) {
            plan.functions += entry.functions
            plan.cacheHits += entry.hits
        }
        return needFiles
    }

    /// Extracts the files to read, chunk by chunk: hits are counted, each distinct missing body estimated once.
    func tallyExtractedFunctions(_ toRead: [WalkedFile], cache: SummaryCache?, estimator: CostEstimator,
                                 pending: Set<String> = [], into plan: inout SummaryPlan) async throws {
        var seenKeys = Set<String>()
        let extractor = CompositeExtractor.standard()
        var start = 0
        while start < toRead.count {
            let chunk = Array(toRead[start..<min(toRead.count, start + chunkSize)])
            start += chunk.count
            let batch = try await extractor.extract(chunk.map(\.file), root: workspace.root)
            plan.unreadable += batch.failures.filter { $0.reason == .unreadable }.map(\.path)
            for file in batch.files {
                for unit in file.units {
                    plan.functions += 1
                    let key = key(forBodyHash: unit.hash).hex
                    if let cache, try await cache.lookup(key).summary != nil {
                        plan.cacheHits += 1
                        continue
                    }
                    guard !pending.contains(key), seenKeys.insert(key).inserted else { continue }
                    plan.misses += 1
                    plan.estimate = plan.estimate + estimator.estimate(Summarizer.request(for: unit, id: key))
                }
            }
        }
    }
}
