/// Gitignore-style path globs for `[index] include` / `exclude`: `*` and `?` stay within one path
/// segment, `**` spans segments, `[abc]` is a class; a pattern without `/` matches the file name
/// at any depth, and a pattern ending in `/` matches everything under that directory.
///
/// Written by hand: fnmatch(3) has no `**`, and Foundation has no glob matcher on Linux.
public struct Glob: Sendable, Hashable {
    public let pattern: String
    private let segments: [Substring]
    private let anchored: Bool

    public init(_ pattern: String) {
        var p = pattern
        if p.hasSuffix("/") { p += "**" }
        if p.hasPrefix("./") { p.removeFirst(2) }
        anchored = p.contains("/")
        if p.hasPrefix("/") { p.removeFirst() }
        self.pattern = pattern
        segments = p.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// Whether `path` (relative, `/`-separated) matches.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        if !anchored {
            // `*.pb.go` or `vendor`: any segment (a directory name matches everything under it).
            guard let only = segments.first else { return false }
            return parts.contains { Self.matchSegment(Array(only.utf8), Array($0.utf8)) }
        }
        return Self.match(segments[...], parts[...])
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            let rest = pattern.dropFirst()
            if rest.isEmpty { return true }
            var p = path
            while true {
                if match(rest, p) { return true }
                guard !p.isEmpty else { return false }
                p = p.dropFirst()
            }
        }
        guard let first = path.first else { return false }
        return matchSegment(Array(head.utf8), Array(first.utf8)) && match(pattern.dropFirst(), path.dropFirst())
    }

    static func matchSegment(_ p: [UInt8], _ s: [UInt8]) -> Bool {
        var pi = 0, si = 0
        var starP = -1, starS = 0
        while si < s.count {
            if pi < p.count {
                let c = p[pi]
                if c == UInt8(ascii: "*") { starP = pi; starS = si; pi += 1; continue }
                if c == UInt8(ascii: "?") { pi += 1; si += 1; continue }
                if c == UInt8(ascii: "["), let (matched, next) = matchClass(p, pi, s[si]) {
                    if matched { pi = next; si += 1; continue }
                } else if c == UInt8(ascii: "\\"), pi + 1 < p.count, p[pi + 1] == s[si] {
                    pi += 2; si += 1; continue
                } else if c == s[si] { pi += 1; si += 1; continue }
            }
            if starP >= 0 { pi = starP + 1; starS += 1; si = starS; continue }
            return false
        }
        while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }

    /// Matches `[...]` at `p[i]` against `ch`; returns (matched, index after `]`), or nil if unterminated.
    static func matchClass(_ p: [UInt8], _ i: Int, _ ch: UInt8) -> (Bool, Int)? {
        var k = i + 1
        var negate = false
        if k < p.count, p[k] == UInt8(ascii: "!") || p[k] == UInt8(ascii: "^") { negate = true; k += 1 }
        var matched = false
        var first = true
        while k < p.count, p[k] != UInt8(ascii: "]") || first {
            first = false
            if k + 2 < p.count, p[k + 1] == UInt8(ascii: "-"), p[k + 2] != UInt8(ascii: "]") {
                if ch >= p[k] && ch <= p[k + 2] { matched = true }
                k += 3
            } else {
                if ch == p[k] { matched = true }
                k += 1
            }
        }
        guard k < p.count else { return nil }
        return (matched != negate, k + 1)
    }
}
