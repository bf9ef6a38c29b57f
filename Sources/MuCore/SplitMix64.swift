/// The deterministic random numbers behind `mu experiment`'s sample and bootstrap: SplitMix64
/// (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014), the
/// generator Java's `SplittableRandom` uses. Written out here rather than taken from the standard
/// library so a seed gives the same sample and intervals on every platform and Swift version.
///
/// Each step adds the golden-ratio increment 0x9E3779B97F4A7C15 to the state and mixes it:
/// `z = (z ^ z>>30) * 0xBF58476D1CE4E5B9; z = (z ^ z>>27) * 0x94D049BB133111EB; z ^ z>>31`.
/// From seed 0 the first outputs are 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<count` as `next() % count` (the modulo bias, under count / 2^64, is far
    /// below anything an experiment could notice; the simple rule keeps hand checks easy).
    public mutating func index(below count: Int) -> Int {
        precondition(count > 0)
        return Int(next() % UInt64(count))
    }

    /// Fisher–Yates shuffle drawing with ``index(below:)`` from the last position down.
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, index(below: i + 1))
        }
    }
}
