import Foundation
import GRDB

/// How a `mu summarize` run ended.
public enum RunStatus: String, Sendable, Hashable, Codable {
    /// Started and not finished: still running, or killed.
    case running
    case succeeded
    /// Finished, but some functions failed.
    case partial
    case failed
    /// Stopped at the cost budget.
    case budgetExceeded = "budget_exceeded"
    /// Stopped by the user (SIGINT) or cancelled.
    case interrupted
}

/// One `mu summarize` run, as recorded in the `runs` table.
public struct RunRecord: Sendable, Hashable, Codable {
    /// Row id; nil until `RunLog.start` stored it.
    public var id: Int64?
    public var startedAt: Date
    public var finishedAt: Date?
    public var status: RunStatus
    public var provider: String
    public var model: String
    public var filesScanned = 0
    public var filesChanged = 0
    public var functions = 0
    public var cacheHitsMemory = 0
    public var cacheHitsDisk = 0
    public var llmRequests = 0
    public var summarized = 0
    public var failed = 0
    public var inputTokens = 0
    public var outputTokens = 0
    public var costUSD: Double = 0
    public var indexedCommit: String?
    /// Short note (error message, reason for stopping).
    public var message: String?

    public init(id: Int64? = nil, startedAt: Date = Date(), finishedAt: Date? = nil,
                status: RunStatus = .running, provider: String, model: String) {
        self.id = id
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.provider = provider
        self.model = model
    }
}

extension RunRecord {
    init?(row: Row) {
        let columns = LenientRow(row)
        guard let id = columns.int64("id") else { return nil }
        self.init(id: id,
                  startedAt: columns.date("started_at") ?? Date(timeIntervalSince1970: 0),
                  finishedAt: columns.date("finished_at"),
                  status: columns.string("status").flatMap(RunStatus.init(rawValue:)) ?? .failed,
                  provider: columns.string("provider") ?? "",
                  model: columns.string("model") ?? "")
        filesScanned = columns.int("files_scanned") ?? 0
        filesChanged = columns.int("files_changed") ?? 0
        functions = columns.int("functions") ?? 0
        cacheHitsMemory = columns.int("cache_hits_memory") ?? 0
        cacheHitsDisk = columns.int("cache_hits_disk") ?? 0
        llmRequests = columns.int("llm_requests") ?? 0
        summarized = columns.int("summarized") ?? 0
        failed = columns.int("failed") ?? 0
        inputTokens = columns.int("input_tokens") ?? 0
        outputTokens = columns.int("output_tokens") ?? 0
        costUSD = columns.double("cost_usd") ?? 0
        indexedCommit = columns.string("indexed_commit")
        message = columns.string("message")
    }

    var arguments: StatementArguments {
        [startedAt, finishedAt, status.rawValue, provider, model, filesScanned, filesChanged, functions,
         cacheHitsMemory, cacheHitsDisk, llmRequests, summarized, failed, inputTokens, outputTokens,
         costUSD, indexedCommit, message]
    }

    static var columnCount: Int { columns.split(separator: ",").count }

    static let columns = """
        started_at, finished_at, status, provider, model, files_scanned, files_changed, functions,
        cache_hits_memory, cache_hits_disk, llm_requests, summarized, failed, input_tokens, output_tokens,
        cost_usd, indexed_commit, message
        """
}
