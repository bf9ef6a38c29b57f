/// Time as the pool sees it. Injected so tests can run backoffs, cool-downs
/// and rate limits in virtual time instead of sleeping.
public protocol PoolClock: Sendable {
    /// Seconds since a fixed, arbitrary origin; never decreases.
    func now() async -> Double
    /// Suspends for `seconds` (returns at once for zero or less). Throws `CancellationError` when cancelled.
    func sleep(seconds: Double) async throws
}

/// The real clock: `ContinuousClock` and `Task.sleep`.
public struct SystemClock: PoolClock {
    private let origin = ContinuousClock.now

    public init() {}

    public func now() async -> Double {
        let elapsed = ContinuousClock.now - origin
        let (seconds, attoseconds) = elapsed.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(for: .nanoseconds(Int64(seconds * 1e9)))
    }
}
