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
    /// The latest run; one recorded as running whose process is gone (nobody holds the run lock)
    /// is reported as interrupted.
    public var lastRun: RunRecord?
    /// Files this process may not read (permissions): not counted as changed, their index rows kept.
    public var unreadable: [String] = []

    /// Reads the index of `workspace` (which must exist) and walks the repository.
    public static func compute(_ workspace: Workspace) async throws -> IndexStatus {
        let database = try workspace.openDatabaseForReading() // checked: a damaged file is refused, not counted
        defer { try? database.close() }
        let index = SymbolIndex(database: database)
        let repository = try GitRepository(discovering: workspace.root.path)
        let known = try await FileStateCache(database: database).allStates()
        let delta = try IndexDelta.compute(repository: repository, options: IndexSettings(workspace.config.config).walkerOptions,
                                           known: known)
        var lastRun = try await RunLog(database: database).latest()
        if lastRun?.status == .running, !RunLock.isHeld(at: workspace.lockPath) { lastRun?.status = .interrupted }
        return IndexStatus(
            root: workspace.root.path, indexPath: workspace.indexPath, indexBytes: database.fileSizes().main,
            counts: try await index.counts(), cache: try await SummaryCache(database: database).stats(),
            separateSummariesPath: database.hasSeparateSummaries ? database.summariesPath : nil,
            staleFiles: delta.staleCount, lastIndexedCommit: try await index.lastIndexedCommit(),
            head: repository.headCommit(), lastRun: lastRun, unreadable: delta.walk.unreadable)
    }
}
