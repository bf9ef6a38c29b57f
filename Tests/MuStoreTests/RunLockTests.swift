import Foundation
import Testing
@testable import MuStore

@Suite("RunLock")
struct RunLockTests {
    @Test func secondOpenCannotTakeTheLock() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path(".mu/lock")
        let held = try #require(try RunLock.tryAcquire(at: path))
        #expect(await held.isHeld)
        #expect(try RunLock.tryAcquire(at: path) == nil)
        #expect(RunLock.holderPID(at: path) == getpid())

        await held.release()
        #expect(await !held.isHeld)
        let again = try #require(try RunLock.tryAcquire(at: path))
        await again.release()
    }

    @Test func releasedWhenDeallocated() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path(".mu/lock")
        func holdBriefly() throws -> Bool {
            let lock = try RunLock.tryAcquire(at: path)
            let second = try RunLock.tryAcquire(at: path)
            return lock != nil && second == nil
        }
        #expect(try holdBriefly())
        #expect(try RunLock.tryAcquire(at: path) != nil)
    }

    @Test func acquireWaitsForTheHolder() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path(".mu/lock")
        let held = try #require(try RunLock.tryAcquire(at: path))

        // Times out while held.
        #expect(try await RunLock.acquire(at: path, timeout: .milliseconds(50), pollInterval: .milliseconds(10)) == nil)

        // Gets it once the holder releases.
        let waiter = Task { try await RunLock.acquire(at: path, timeout: .seconds(20), pollInterval: .milliseconds(10)) }
        await held.release()
        let acquired = try await waiter.value
        #expect(acquired != nil)
        await acquired?.release()
    }

    @Test func unwritableLocationIsAnError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        // A regular file where the directory should be.
        _ = FileManager.default.createFile(atPath: dir.path("notadir"), contents: Data("x".utf8))
        #expect(throws: StoreError.self) { try RunLock.tryAcquire(at: dir.path("notadir/lock")) }
    }
}
