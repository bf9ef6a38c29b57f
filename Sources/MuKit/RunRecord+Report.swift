import Foundation
import MuStore

extension RunRecord {
    /// The record of a finished run, from its report: status from how it ended, every total copied.
    public init(report: SummarizeReport, id: Int64?, startedAt: Date, finishedAt: Date = Date(), indexedCommit: String?) {
        let status: RunStatus = report.stop.map { if case .budgetReached = $0 { .budgetExceeded } else { .failed } }
            ?? (report.failed > 0 ? .partial : .succeeded)
        self.init(id: id, startedAt: startedAt, finishedAt: finishedAt, status: status,
                  provider: report.provider, model: report.model)
        filesScanned = report.filesScanned
        filesChanged = report.filesChanged
        functions = report.functions
        cacheHitsMemory = report.cacheHitsMemory
        cacheHitsDisk = report.cacheHitsDisk
        llmRequests = report.llmRequests
        summarized = report.summarized
        failed = report.failed
        inputTokens = report.inputTokens
        outputTokens = report.outputTokens
        costUSD = report.costUSD
        self.indexedCommit = indexedCommit
        message = report.failureSamples.first
    }
}
