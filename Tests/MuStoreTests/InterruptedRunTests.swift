import Foundation
import Testing
@testable import MuStore

/// Issue 9 #9: a run whose process is gone is told apart from one in progress, and the next run
/// records it as interrupted instead of leaving it "running" forever.
@Suite struct InterruptedRunTests {
    @Test func isHeldSeesAHolderWithoutTakingOrCreatingTheLock() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path(".mu/lock")
        #expect(!RunLock.isHeld(at: path))
        #expect(!FileManager.default.fileExists(atPath: path))
        let held = try #require(try RunLock.tryAcquire(at: path))
        #expect(RunLock.isHeld(at: path))
        await held.release()
        #expect(!RunLock.isHeld(at: path))
        #expect(try RunLock.tryAcquire(at: path) != nil) // isHeld left no lock behind
    }

    @Test func unfinishedRunsAreMarkedInterruptedFinishedOnesKept() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let log = RunLog(database: try MuDatabase.temporary(in: dir))
        var done = try await log.start(RunRecord(provider: "openai", model: "gpt"))
        done.status = .succeeded
        done.finishedAt = Date()
        try await log.update(done)
        _ = try await log.start(RunRecord(provider: "openai", model: "gpt")) // killed: never updated
        #expect(try await log.markUnfinishedInterrupted() == 1)
        let recent = try await log.recent()
        #expect(recent.map(\.status) == [.interrupted, .succeeded])
        #expect(recent.first?.message == "the process ended before the run finished")
        #expect(try await log.markUnfinishedInterrupted() == 0)
    }
}
