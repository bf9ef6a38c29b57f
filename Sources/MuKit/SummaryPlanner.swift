import Foundation
import MuLLM
import MuSource
import MuStore
import MuCore

/// What a `mu summarize` would do, found without calling any provider or writing anything:
/// the misses and their estimated tokens and cost (`mu cost`, `mu summarize --dry-run`, and the
/// estimate shown before a paid run).
public struct SummaryPlan: Sendable {
    public var provider = ""
    public var model = ""
    public var filesScanned = 0
    public var filesToRead = 0
    public var functions = 0
    public var cacheHits = 0
    /// Distinct bodies that would be sent (identical bodies are sent once).
    public var misses = 0
    public var estimate = CostEstimate()
    public init() {}
}

extension Summarizer {
    /// Estimates the next run. Read-only: the index and cache are consulted, never changed.
    public func plan() async throws -> SummaryPlan {
        var plan = SummaryPlan()
        plan.provider = provider.name
        plan.model = provider.model
        let database = FileManager.default.fileExists(atPath: workspace.indexPath) ? try workspace.openDatabase(create: false) : nil
        defer { try? database?.close() }
        let cache = database.map { SummaryCache(database: $0) }
        var observed: ModelStatistics? = nil
        if let database { observed = try? await ModelStatisticsStore(database: database).statistics(for: provider.model) }
        let model = setup.catalog.resolve(provider: ProviderKind(rawValue: provider.name) ?? setup.kind, model: provider.model)
        let estimator = CostEstimator(model: model, template: setup.pool.template,
                                      charsPerToken: observed?.charsPerToken, meanOutputTokens: observed?.meanOutputTokens)
        plan.estimate = CostEstimate(isPriced: model.isPriced)

        let repository = try GitRepository(discovering: workspace.root.path)
        var known: [String: FileState] = [:]
        if let database { known = try await FileStateCache(database: database).allStates() }
        let walk = try RepositoryWalker(options: IndexSettings(workspace.config.config).walkerOptions)
            .walk(repository, known: Self.knownFiles(known))
        plan.filesScanned = walk.files.count
        let walked = Dictionary(walk.files.map { ($0.file.path, $0) }, uniquingKeysWith: { a, _ in a })
        var toRead: [WalkedFile] = walk.files.filter { (file: WalkedFile) -> Bool in
            if let onlyPaths, !onlyPaths.contains(file.file.path) { return false }
            guard let state = known[file.file.path] else { return true }
            return !state.matches(size: file.size, mtimeNs: file.mtimeNs, inode: file.inode, blobId: file.blobID)
        }
        var seenKeys = Set<String>()
        let reading = Set(toRead.map(\.file.path))
        if let database, let cache {
            // Functions of files not re-read: counted; those without a summary under these settings
            // (a new model, an interrupted run) send their files to be read for their bodies.
            let complete = try await database.metaValue(Self.completeKey) == fingerprint
            let index = SymbolIndex(database: database)
            var needFiles = Set<String>()
            var tally: [(path: String, hit: Bool)] = []
            var after: Int64 = 0
            while true {
                let page = try await index.functions(afterID: after, limit: 2000)
                guard let last = page.last else { break }
                after = last.id
                for function in page where !reading.contains(function.path) {
                    if complete { tally.append((function.path, false)); continue }
                    let key = key(forBodyHash: function.bodyHash).hex
                    if function.summaryKey == key, function.summary != nil { tally.append((function.path, false)); continue }
                    if try await cache.lookup(key).summary == nil { needFiles.insert(function.path) }
                    tally.append((function.path, true))
                }
            }
            // Files read again are counted when extracted.
            for entry in tally where !needFiles.contains(entry.path) {
                plan.functions += 1
                if entry.hit { plan.cacheHits += 1 }
            }
            toRead += needFiles.sorted().compactMap { walked[$0] }
        }
        plan.filesToRead = toRead.count
        let extractors = try Extractors(environment: ProcessInfo.processInfo.environment)
        var start = 0
        while start < toRead.count {
            let chunk = Array(toRead[start..<min(toRead.count, start + chunkSize)])
            start += chunk.count
            let batch = try await extractors.extract(chunk.map(\.file), root: workspace.root)
            for file in batch.files {
                for unit in file.units {
                    plan.functions += 1
                    let key = key(forBodyHash: unit.hash).hex
                    if let cache, try await cache.lookup(key).summary != nil {
                        plan.cacheHits += 1
                        continue
                    }
                    guard seenKeys.insert(key).inserted else { continue }
                    plan.misses += 1
                    plan.estimate = plan.estimate + estimator.estimate(Self.request(for: unit, id: key))
                }
            }
        }
        return plan
    }
}
