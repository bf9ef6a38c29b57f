/// A token bucket: holds up to `capacity` tokens and refills continuously at
/// `capacity` per `period` seconds — the model Anthropic and OpenAI document
/// for their own per-minute limits.
struct TokenBucket: Sendable, Hashable {
    let capacity: Double
    let refillPerSecond: Double
    private(set) var level: Double
    private var updatedAt: Double

    init(capacity: Double, period: Double = 60, now: Double) {
        self.capacity = capacity
        self.refillPerSecond = capacity / period
        self.level = capacity
        self.updatedAt = now
    }

    mutating func refill(now: Double) {
        guard now > updatedAt else { return }
        level = min(capacity, level + (now - updatedAt) * refillPerSecond)
        updatedAt = now
    }

    /// Seconds until `amount` tokens are available (0 when they are now).
    func wait(for amount: Double) -> Double {
        let needed = min(amount, capacity) - level
        return needed <= 0 ? 0 : needed / refillPerSecond
    }

    /// Takes `amount` tokens (a request larger than the bucket takes a full bucket).
    mutating func take(_ amount: Double) {
        level -= min(amount, capacity)
    }

    /// Corrects an earlier estimate: positive takes more, negative gives back. May go below zero (a debt).
    mutating func adjust(by amount: Double) {
        level = min(capacity, max(-capacity, level - amount))
    }
}
