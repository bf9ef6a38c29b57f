import Foundation
@testable import MuKit
import MuStore
import Testing

@Suite struct RunRecordReportTests {
    @Test func theRecordCopiesTheReportAndNamesHowItEnded() {
        var report = SummarizeReport()
        report.provider = "anthropic"
        report.model = "claude-haiku-4-5"
        report.filesScanned = 7
        report.filesChanged = 3
        report.functions = 40
        report.cacheHitsMemory = 1
        report.cacheHitsDisk = 2
        report.llmRequests = 12
        report.summarized = 10
        report.inputTokens = 900
        report.outputTokens = 120
        report.costUSD = 0.25
        let started = Date(timeIntervalSince1970: 1_000)
        let record = RunRecord(report: report, id: 5, startedAt: started, indexedCommit: "abc")
        #expect(record.id == 5 && record.startedAt == started && record.finishedAt != nil)
        #expect(record.status == .succeeded && record.provider == "anthropic" && record.model == "claude-haiku-4-5")
        #expect(record.filesScanned == 7 && record.filesChanged == 3 && record.functions == 40)
        #expect(record.cacheHitsMemory == 1 && record.cacheHitsDisk == 2 && record.llmRequests == 12)
        #expect(record.summarized == 10 && record.failed == 0 && record.inputTokens == 900 && record.outputTokens == 120)
        #expect(record.costUSD == 0.25 && record.indexedCommit == "abc" && record.message == nil)

        report.failed = 2
        report.failureSamples = ["a.py:1 f: timeout"]
        let partial = RunRecord(report: report, id: 5, startedAt: started, indexedCommit: nil)
        #expect(partial.status == .partial && partial.message == "a.py:1 f: timeout")
        report.stop = .budgetReached(limitUSD: 1, spentUSD: 1.01)
        #expect(RunRecord(report: report, id: 5, startedAt: started, indexedCommit: nil).status == .budgetExceeded)
        report.stop = .credentialsRefused("401")
        #expect(RunRecord(report: report, id: 5, startedAt: started, indexedCommit: nil).status == .failed)
    }
}
