import Foundation

/// Runs an operation with a deadline that holds even when the operation ignores cancellation
/// (a connection attempt to a black-holed host, a query on a stalled socket): the caller gets
/// `onTimeout()` when the time is up, and the operation is cancelled and left to finish alone.
///
/// A task group would wait for its cancelled child; this deliberately does not, so a slow
/// remote cache can never hold a run.
func withDeadline<T: Sendable>(_ limit: Duration, onTimeout: @escaping @Sendable () -> any Error,
                               _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    let once = OnceResume<T>()
    return try await withCheckedThrowingContinuation { continuation in
        once.set(continuation)
        let work = Task {
            do { once.resume(with: .success(try await operation())) }
            catch { once.resume(with: .failure(error)) }
        }
        Task {
            try? await Task.sleep(for: limit)
            if once.resume(with: .failure(onTimeout())) { work.cancel() }
        }
    }
}

/// Resumes a continuation exactly once, whichever of the racing tasks comes first.
///
/// `@unchecked Sendable`: every access to the stored continuation goes through `lock`.
private final class OnceResume<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?
    private var pending: Result<T, any Error>?

    func set(_ continuation: CheckedContinuation<T, any Error>) {
        lock.lock()
        if let pending {
            lock.unlock()
            continuation.resume(with: pending)
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    /// True when this call resumed the continuation (false: someone else already did).
    @discardableResult
    func resume(with result: Result<T, any Error>) -> Bool {
        lock.lock()
        if let continuation {
            self.continuation = nil
            pending = .failure(CancellationError())  // marks "done" for a later set (cannot happen)
            lock.unlock()
            continuation.resume(with: result)
            return true
        }
        if pending == nil {
            pending = result
            lock.unlock()
            return true
        }
        lock.unlock()
        return false
    }
}
