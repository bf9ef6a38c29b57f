import Foundation
import Testing
@testable import MuStore

@Suite("RunLog and ModelStatisticsStore")
struct RunLogTests {
    @Test func runsAreRecordedAndUpdated() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let log = RunLog(database: try MuDatabase.temporary(in: dir))
        var run = try await log.start(RunRecord(provider: "extractive", model: "extractive-v1"))
        #expect(run.id != nil)
        #expect(try await log.latest()?.status == .running)

        run.status = .partial
        run.finishedAt = Date()
        run.filesScanned = 12
        run.functions = 40
        run.cacheHitsDisk = 30
        run.summarized = 9
        run.failed = 1
        run.costUSD = 0.25
        run.message = "1 function failed"
        try await log.update(run)
        let second = try await log.start(RunRecord(provider: "openai", model: "gpt"))

        let recent = try await log.recent()
        #expect(recent.map(\.id) == [second.id, run.id])
        let stored = try #require(recent.last)
        #expect(stored.status == .partial)
        #expect(stored.filesScanned == 12 && stored.functions == 40 && stored.cacheHitsDisk == 30)
        #expect(stored.summarized == 9 && stored.failed == 1 && stored.costUSD == 0.25)
        #expect(stored.message == "1 function failed")
        #expect(stored.finishedAt != nil)
    }

    @Test func modelStatisticsAccumulate() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = ModelStatisticsStore(database: try MuDatabase.temporary(in: dir))
        #expect(try await store.statistics(for: "m") == nil)
        try await store.record(model: "m", inputChars: 4000, inputTokens: 1000, outputTokens: 60)
        try await store.record(model: "m", inputChars: 2000, inputTokens: 500, outputTokens: 40)
        try await store.record(model: "m", inputChars: -1, inputTokens: 5, outputTokens: 5)   // ignored
        try await store.record(model: "n", inputChars: 300, inputTokens: 100, outputTokens: 10, samples: 2)
        let m = try #require(try await store.statistics(for: "m"))
        #expect(m.samples == 2)
        #expect(m.charsPerToken == 4.0)
        #expect(m.meanOutputTokens == 50.0)
        #expect(try await store.all().map(\.model) == ["m", "n"])
        #expect(try await store.statistics(for: "n")?.meanOutputTokens == 5.0)
    }
}
