import Foundation
import MuSource
import MuStore

/// What `mu status` reports: the index's size and summaries, how many files changed since the
/// last run (the ``IndexDelta``, no parsing), the cache, the last indexed commit and the last run.
public struct IndexStatus: Sendable {
    public var root: String
    public var indexPath: String
    public var indexBytes: Int64
    public var counts: IndexCounts
    public var cache: CacheStats
    /// Where the summaries live when `[cache] path` names another file; nil when in the index.
    public var separateSummariesPath: String?
    /// Files changed, added or removed since the last run.
    public var staleFiles: Int
    public var lastIndexedCommit: String?
    public var head: String?
    public var lastRun: RunRecord?

    /// Reads the index of `workspace` (which must exist) and walks the repository.
    public static func compute(_ workspace: Workspace) async throws -> IndexStatus {
        let database = try workspace.openDatabase(create: false)
        defer { try? database.close() }
        let index = SymbolIndex(database: database)
        let repository = try GitRepository(discovering: workspace.root.path)
        let known = try await FileStateCache(database: database).allStates()
        let delta = try IndexDelta.compute(repository: repository, options: IndexSettings(workspace.config.config).walkerOptions,
                                           known: known)
        return IndexStatus(
            root: workspace.root.path, indexPath: workspace.indexPath, indexBytes: database.fileSizes().main,
            counts: try await index.counts(), cache: try await SummaryCache(database: database).stats(),
            separateSummariesPath: database.hasSeparateSummaries ? database.summariesPath : nil,
            staleFiles: delta.staleCount, lastIndexedCommit: try await index.lastIndexedCommit(),
            head: repository.headCommit(), lastRun: try await RunLog(database: database).latest())
    }
}
