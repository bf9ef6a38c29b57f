import MuCore
import Foundation
import MuStore

/// The functions an experiment summarizes: a reproducible sample of the index, stratified by
/// language and body size so a large language or many one-liners do not crowd out the rest.
///
/// Rule (documented in docs/experiments.md): functions are sorted by path, start line and name, put
/// into strata `language/size` (size buckets by line count: 1–9, 10–29, 30–99, 100+), and each stratum
/// gets `size × its share` places, rounded down, the places left going to the largest remainders
/// (ties: stratum name). Each stratum is shuffled with one ``SplitMix64`` seeded with `seed`, visiting
/// strata in name order, and its first places are taken. The result is sorted by path and line.
public enum ExperimentSample {
    /// The size bucket of a function of `lines` lines.
    public static func sizeBucket(lines: Int) -> String {
        switch lines {
        case ..<10: "1-9"
        case 10..<30: "10-29"
        case 30..<100: "30-99"
        default: "100+"
        }
    }

    static func stratum(of function: IndexedFunction) -> String {
        "\(function.language)/\(sizeBucket(lines: function.endLine - function.startLine + 1))"
    }

    /// `size` functions of `functions` (all of them when there are no more), the same for the same seed.
    public static func stratified(_ functions: [IndexedFunction], size: Int, seed: UInt64) -> [IndexedFunction] {
        let sorted = functions.sorted(by: order)
        guard size < sorted.count else { return sorted }
        guard size > 0 else { return [] }
        let strata = Dictionary(grouping: sorted, by: stratum(of:))
        let names = strata.keys.sorted()
        let quotas = allocate(size, among: names.map { strata[$0]!.count })
        var random = SplitMix64(seed: seed)
        var picked: [IndexedFunction] = []
        for (name, quota) in zip(names, quotas) {
            var members = strata[name]!
            random.shuffle(&members)
            picked += members.prefix(quota)
        }
        return picked.sorted(by: order)
    }

    /// Largest-remainder apportionment of `size` places among groups of `counts` members.
    static func allocate(_ size: Int, among counts: [Int]) -> [Int] {
        let total = counts.reduce(0, +)
        guard total > 0 else { return counts.map { _ in 0 } }
        var quotas = counts.map { size * $0 / total }
        let remainders = counts.enumerated().map { (index: $0.offset, rest: size * $0.element % total) }
        var left = size - quotas.reduce(0, +)
        for entry in remainders.sorted(by: { $0.rest != $1.rest ? $0.rest > $1.rest : $0.index < $1.index }) where left > 0 {
            guard quotas[entry.index] < counts[entry.index] else { continue }
            quotas[entry.index] += 1
            left -= 1
        }
        return quotas
    }

    static func order(_ a: IndexedFunction, _ b: IndexedFunction) -> Bool {
        (a.path, a.startLine, a.qualifiedName) < (b.path, b.startLine, b.qualifiedName)
    }
}
