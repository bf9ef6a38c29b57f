/// What every match of a regular expression contains, read from the pattern:
/// sets of literals of which a match holds at least one each.
/// `\bos\.(remove|unlink)\b` needs `os.` and one of `remove`, `unlink`.
///
/// Cheap byte searches for them rule most regex runs out. The reading is
/// conservative: whatever it does not understand (inline flags, unusual
/// escapes) yields no requirement, which only costs the regex run.
package struct RequiredLiterals: Sendable, Hashable {
    /// The literals one after the other (flat, so checking them costs no reference counting).
    private let bytes: [UInt8]
    /// Where each literal ends in `bytes`.
    private let ends: [Int]
    /// Where each set ends in `ends`.
    private let setEnds: [Int]

    package static let none = RequiredLiterals(sets: [])

    /// All of `sets` are required: one literal of each.
    package init(sets: [[[UInt8]]]) {
        let literals = sets.flatMap { $0 }
        bytes = literals.flatMap { $0 }
        var end = 0
        ends = literals.map { end += $0.count; return end }
        var setEnd = 0
        setEnds = sets.map { setEnd += $0.count; return setEnd }
    }

    /// The required sets (empty when nothing is known to be required).
    package var sets: [[[UInt8]]] {
        var literalStart = 0
        var byteStart = 0
        return setEnds.map { setEnd in
            defer { literalStart = setEnd }
            return (literalStart..<setEnd).map { literal in
                defer { byteStart = ends[literal] }
                return Array(bytes[byteStart..<ends[literal]])
            }
        }
    }

    /// The literals required by `pattern` (ICU syntax, case-sensitive).
    package init(pattern: String) {
        var parser = Parser(pattern: Array(pattern.utf8))
        if let found = parser.alternation(), parser.index == parser.pattern.count {
            self.init(sets: found)
        } else {
            self.init(sets: [])
        }
    }

    /// False only when `text` lacks every literal of some required set.
    package func mayOccur(in text: ScanText) -> Bool {
        mayOccur { text.contains($0) }
    }

    /// False only when `text` lacks every literal of some required set (so no match is possible).
    package func mayOccur(in text: String) -> Bool {
        guard !setEnds.isEmpty else { return true }
        return PlainText.withBytes(text) { haystack in
            mayOccur { PlainText.firstOffset(of: $0, in: haystack) != nil }
        }
    }

    private func mayOccur(_ contains: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        guard !setEnds.isEmpty else { return true }
        return bytes.withUnsafeBufferPointer { all in
            var literal = 0
            var byteStart = 0
            for setEnd in setEnds {
                var found = false
                while literal < setEnd {
                    let end = ends[literal]
                    if !found, contains(UnsafeBufferPointer(rebasing: all[byteStart..<end])) { found = true }
                    byteStart = end
                    literal += 1
                }
                if !found { return false }
            }
            return true
        }
    }

    /// A recursive-descent reading of the pattern; `nil` for "not understood".
    private struct Parser {
        /// Sets of literals that are all required (one literal of each); empty: nothing known.
        typealias Requirement = [[[UInt8]]]

        let pattern: [UInt8]
        var index = 0

        init(pattern: [UInt8]) {
            self.pattern = pattern
        }

        var current: UInt8? { index < pattern.count ? pattern[index] : nil }

        /// `a|b|c` up to a closing `)` or the end. One branch keeps all its sets; several give one
        /// set: the union of each branch's most selective set (when every branch requires something).
        mutating func alternation() -> Requirement? {
            var branches: [Requirement] = []
            while true {
                guard let branch = sequence() else { return nil }
                branches.append(branch)
                if current == UInt8(ascii: "|") { index += 1; continue }
                break
            }
            if branches.count == 1 { return branches[0] }
            var union: [[UInt8]] = []
            for branch in branches {
                guard let best = Parser.mostSelective(branch) else { return [] }
                for literal in best where !union.contains(literal) { union.append(literal) }
            }
            return [union]
        }

        /// Longest shortest literal first, then fewer alternatives.
        static func mostSelective(_ sets: Requirement) -> [[UInt8]]? {
            sets.max { a, b in
                let shortestA = a.map(\.count).min() ?? 0
                let shortestB = b.map(\.count).min() ?? 0
                return shortestA != shortestB ? shortestA < shortestB : a.count > b.count
            }
        }

        enum Atom {
            case literal(UInt8)
            case opaque
            case group(Requirement)
        }

        /// Atoms up to `|`, `)` or the end: their literal runs and the sets of their groups.
        mutating func sequence() -> Requirement? {
            var required: Requirement = []
            var run: [UInt8] = []
            func flush() {
                if !run.isEmpty { required.append([run]); run = [] }
            }
            while let character = current, character != UInt8(ascii: "|"), character != UInt8(ascii: ")") {
                guard let atom = atom() else { return nil }
                guard let minimum = quantifier() else { return nil }
                switch atom {
                case .literal(let byte):
                    if minimum == 0 {
                        flush()
                    } else {
                        run.append(byte)
                        if isRepeated { flush() }
                    }
                case .opaque:
                    flush()
                case .group(let sets):
                    flush()
                    if minimum > 0 { required += sets }
                }
            }
            flush()
            return required
        }

        /// Set by ``quantifier()``: the atom may repeat (so a literal run must end after it).
        var isRepeated = false

        /// One atom; `nil` when not understood.
        mutating func atom() -> Atom? {
            guard let character = current else { return nil }
            index += 1
            switch character {
            case UInt8(ascii: "\\"):
                guard let escaped = current, escaped < 0x80 else { return nil }
                index += 1
                if escaped.isASCIILetter || escaped.isASCIIDigit {
                    // Classes, anchors and controls; anything else (hex, properties, back references) is not read.
                    return "sSwWdDbBAzZGntrf".utf8.contains(escaped) ? .opaque : nil
                }
                return .literal(escaped)
            case UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"):
                return .opaque
            case UInt8(ascii: "["):
                return skipClass() ? .opaque : nil
            case UInt8(ascii: "("):
                var lookaround = false
                if current == UInt8(ascii: "?") {
                    index += 1
                    switch current {
                    case UInt8(ascii: ":"):
                        index += 1
                    case UInt8(ascii: "="), UInt8(ascii: "!"):
                        index += 1
                        lookaround = true
                    case UInt8(ascii: "<"):
                        index += 1
                        guard current == UInt8(ascii: "=") || current == UInt8(ascii: "!") else { return nil }
                        index += 1
                        lookaround = true
                    default:
                        return nil  // inline flags, named groups…
                    }
                }
                guard let inner = alternation(), current == UInt8(ascii: ")") else { return nil }
                index += 1
                return lookaround ? .opaque : .group(inner)
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"):
                return nil  // a quantifier with nothing to repeat
            default:
                return character < 0x80 ? .literal(character) : nil
            }
        }

        /// Skips a `[…]` class (nested classes included); false when unterminated.
        mutating func skipClass() -> Bool {
            var depth = 1
            if current == UInt8(ascii: "^") { index += 1 }
            if current == UInt8(ascii: "]") { index += 1 }
            while let character = current {
                index += 1
                switch character {
                case UInt8(ascii: "\\"):
                    guard current != nil else { return false }
                    index += 1
                case UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return true }
                default:
                    break
                }
            }
            return false
        }

        /// The minimum count of the quantifier after an atom (1 when none); `nil` when malformed.
        mutating func quantifier() -> Int? {
            isRepeated = false
            let minimum: Int
            switch current {
            case UInt8(ascii: "*"), UInt8(ascii: "?"):
                index += 1
                minimum = 0
                isRepeated = true
            case UInt8(ascii: "+"):
                index += 1
                minimum = 1
                isRepeated = true
            case UInt8(ascii: "{"):
                index += 1
                var value = 0
                var digits = 0
                while let digit = current, digit.isASCIIDigit {
                    value = value * 10 + Int(digit - UInt8(ascii: "0"))
                    digits += 1
                    index += 1
                }
                guard digits > 0 else { return nil }
                while let character = current, character.isASCIIDigit || character == UInt8(ascii: ",") { index += 1 }
                guard current == UInt8(ascii: "}") else { return nil }
                index += 1
                minimum = value
                isRepeated = true
            default:
                return 1
            }
            // Lazy or possessive marker.
            if current == UInt8(ascii: "?") || current == UInt8(ascii: "+") { index += 1 }
            return minimum
        }
    }
}
