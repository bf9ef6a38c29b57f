import MuStore

/// Pipeline stage 2: indexed functions of unchanged files that lack a summary under this run's
/// backend identity (a new model, an interrupted or failed run) get the cached summary linked,
/// or their file queued to be read again for the body.
///
/// Pages through the index, so memory stays flat however large it is.
struct SummaryRelinker: Sendable {
    let index: SymbolIndex
    let cache: SummaryCache
    /// The cache key of a body hash under this run's identity.
    let key: @Sendable (String) -> String
    var pageSize = 2000

    struct Result: Sendable {
        var hitsMemory = 0
        var hitsDisk = 0
        /// Files to read again: some function's summary is neither linked nor cached.
        var filesToRead = Set<String>()
    }

    /// - Parameters:
    ///   - sameSettings: the last run used this identity: only functions without any summary can
    ///     need one (an indexed query); otherwise every function's key changed and all are checked.
    ///   - skipping: files about to be read anyway.
    ///   - onlyPaths: `--since` and the hook: nothing outside these paths.
    func run(sameSettings: Bool, skipping: Set<String>, onlyPaths: Set<String>?) async throws -> Result {
        var result = Result()
        var links: [Int64: String?] = [:]
        var after: Int64 = 0
        while true {
            let page = sameSettings
                ? try await index.functionsWithoutSummary(afterID: after, limit: pageSize)
                : try await index.functions(afterID: after, limit: pageSize)
            guard let last = page.last else { break }
            after = last.id
            for function in page where !skipping.contains(function.path) {
                if let onlyPaths, !onlyPaths.contains(function.path) { continue }
                let key = key(function.bodyHash)
                if function.summaryKey == key, function.summary != nil { continue }
                switch try await cache.lookup(key) {
                case .memory: result.hitsMemory += 1; links[function.id] = key
                case .disk: result.hitsDisk += 1; links[function.id] = key
                case .miss: result.filesToRead.insert(function.path)
                }
            }
            if links.count >= 500 { try await index.setSummaryKeys(links); links.removeAll() }
        }
        try await index.setSummaryKeys(links)
        return result
    }
}
