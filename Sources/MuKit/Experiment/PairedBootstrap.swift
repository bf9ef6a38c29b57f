import MuCore

/// The paired bootstrap behind `--baseline`: for paired differences d₁…dₙ (cell − baseline on the
/// same functions), `resamples` times draw n indices with replacement (``SplitMix64`` seeded with
/// `seed`, one `index(below: n)` per draw, resample after resample), and average the drawn
/// differences. The 95 % interval is the sorted resample means at positions ⌊0.025·B⌋ and ⌈0.975·B⌉ − 1
/// (B = resamples; 50 and 1949 for the default 2000). The same seed gives the same interval.
public enum PairedBootstrap {
    public static let defaultResamples = 2000
    public static let defaultSeed: UInt64 = 7

    /// Mean difference and its 95 % interval.
    public struct Interval: Sendable, Hashable, Codable {
        public var mean: Double
        public var low: Double
        public var high: Double
        public var pairs: Int
    }

    /// Nil when there are no pairs.
    public static func interval(_ differences: [Double], resamples: Int = defaultResamples,
                                seed: UInt64 = defaultSeed) -> Interval? {
        let n = differences.count
        guard n > 0, resamples > 0 else { return nil }
        let mean = differences.reduce(0, +) / Double(n)
        var random = SplitMix64(seed: seed)
        var means: [Double] = []
        means.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var sum = 0.0
            for _ in 0..<n { sum += differences[random.index(below: n)] }
            means.append(sum / Double(n))
        }
        means.sort()
        let lowIndex = Int((0.025 * Double(resamples)).rounded(.down))
        let highIndex = max(lowIndex, Int((0.975 * Double(resamples)).rounded(.up)) - 1)
        return Interval(mean: mean, low: means[lowIndex], high: means[min(highIndex, resamples - 1)], pairs: n)
    }
}
