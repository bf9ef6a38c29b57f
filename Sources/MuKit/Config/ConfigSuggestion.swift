/// "Did you mean …?" for unknown keys.
enum ConfigSuggestion {
    /// The known key nearest to `key` among `candidates`, when near enough to be a likely typo
    /// (small edit distance, ignoring case and `-`/`_`), or when one is a prefix of the other (`timeout`).
    static func nearest(to key: String, among candidates: [String]) -> String? {
        let wanted = normalized(key)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(wanted, normalized(candidate))
            if best.map({ distance < $0.distance }) ?? true { best = (candidate, distance) }
        }
        if let best, best.distance <= max(1, min(3, wanted.count / 3)) { return best.candidate }
        if wanted.count >= 4,
           let prefixed = candidates.first(where: {
               let c = normalized($0)
               return c.hasPrefix(wanted) || (c.count >= 4 && wanted.hasPrefix(c))
           }) {
            return prefixed
        }
        return nil
    }

    private static func normalized(_ s: String) -> [Character] {
        Array(s.lowercased().map { $0 == "-" ? "_" : $0 })
    }

    /// Levenshtein distance (insert, delete, substitute; each costs 1).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

extension Array where Element == Character {
    fileprivate func hasPrefix(_ prefix: [Character]) -> Bool {
        count >= prefix.count && self[..<prefix.count].elementsEqual(prefix)
    }
}
