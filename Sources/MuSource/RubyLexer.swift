/// Masks Ruby strings, comments, heredocs, `%`-literals and regexes, so that
/// `EndKeywordScanner` counts only real `def`/`do`/`end` keywords.
///
/// Written by hand: ctags' Ruby end lines are wrong for endless methods and it offers no mask.
struct RubyLexer {
    let src: [UInt8]
    var out: [UInt8]
    var i = 0
    /// Heredocs whose bodies start at the next line: (identifier, squiggly/dash allows indentation).
    var pendingHeredocs: [(id: [UInt8], indented: Bool)] = []
    var interpolationStack: [Int] = []

    static func mask(_ bytes: [UInt8]) -> SourceText {
        var lexer = RubyLexer(src: bytes, out: bytes)
        lexer.run()
        return SourceText(bytes: bytes, code: lexer.out)
    }

    @inline(__always) func at(_ k: Int) -> UInt8 { k >= 0 && k < src.count ? src[k] : 0 }

    mutating func blank(_ a: Int, _ b: Int) {
        var k = max(0, a)
        while k < min(b, out.count) { out[k] = 32; k += 1 }
    }

    var atLineStart: Bool { i == 0 || src[i - 1] == 10 }

    func previousSignificant() -> (UInt8, String) {
        var j = i - 1
        while j >= 0, out[j] == 32 || out[j] == 9 { j -= 1 }
        guard j >= 0 else { return (10, "") }
        let b = out[j]
        guard b.isIdentifierByte else { return (b, "") }
        var s = j
        while s > 0, out[s - 1].isIdentifierByte { s -= 1 }
        return (b, String(decoding: out[s...j], as: UTF8.self))
    }

    static let operandExpectedAfter: Set<String> = ["if", "unless", "while", "until", "and", "or", "not", "when", "return", "puts", "then", "else", "elsif", "case", "in", "p"]

    /// True where an operand (not an operator) is expected: a `/` or `%` there starts a literal.
    func operandExpected() -> Bool {
        let (b, word) = previousSignificant()
        if !word.isEmpty { return Self.operandExpectedAfter.contains(word) }
        if b == UInt8(ascii: ")") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}") { return false }
        return true
    }

    mutating func run() {
        let n = src.count
        while i < n {
            let c = src[i]
            if c == 10 {
                i += 1
                if !pendingHeredocs.isEmpty { skipHeredocBodies() }
                continue
            }
            switch c {
            case UInt8(ascii: "#"):
                let s = i
                while i < n, src[i] != 10 { i += 1 }
                blank(s, i)
            case UInt8(ascii: "=") where atLineStart && startsWith("=begin"):
                let s = i
                while i < n {
                    if atLineStart && startsWith("=end") { while i < n, src[i] != 10 { i += 1 }; break }
                    i += 1
                }
                blank(s, i)
            case 34, 96: // "..." and `...` interpolate
                skipDelimited(open: c, close: c, interpolates: true)
            case 39:
                skipDelimited(open: c, close: c, interpolates: false)
            case UInt8(ascii: "%") where operandExpected() || (at(i - 1) == 32 && at(i + 1) != 32 && at(i + 1) != 61):
                if !skipPercentLiteral() { i += 1 }
            case UInt8(ascii: "/") where operandExpected():
                skipDelimited(open: c, close: c, interpolates: true)
            case UInt8(ascii: "<") where at(i + 1) == 60:
                if !readHeredocStart() { i += 2 }
            case UInt8(ascii: "?") where at(i + 1) != 32 && at(i + 1) != 10 && !at(i + 2).isIdentifierByte && operandExpected():
                // Character literal ?a
                blank(i + 1, i + 2); i += 2
            case UInt8(ascii: "{") where !interpolationStack.isEmpty:
                interpolationStack[interpolationStack.count - 1] += 1; i += 1
            case UInt8(ascii: "}") where !interpolationStack.isEmpty:
                if interpolationStack[interpolationStack.count - 1] == 0 { return }
                interpolationStack[interpolationStack.count - 1] -= 1; i += 1
            case UInt8(ascii: ":") where at(i + 1) == 34:
                i += 1 // :"symbol" — the string case masks it
            case UInt8(ascii: "$"):
                i += 2 // $" $' $/ and friends are globals, not string starts
            default:
                i += 1
            }
        }
    }

    func startsWith(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard i + b.count <= src.count else { return false }
        return Array(src[i..<i + b.count]) == b && !at(i + b.count).isIdentifierByte
    }

    static func closing(for open: UInt8) -> UInt8 {
        switch open {
        case UInt8(ascii: "("): UInt8(ascii: ")")
        case UInt8(ascii: "["): UInt8(ascii: "]")
        case UInt8(ascii: "{"): UInt8(ascii: "}")
        case UInt8(ascii: "<"): UInt8(ascii: ">")
        default: open
        }
    }

    /// Masks from `i` (the opening delimiter) through its matching close, with nesting for
    /// bracket pairs and `#{...}` interpolation (masked as a whole).
    mutating func skipDelimited(open: UInt8, close: UInt8, interpolates: Bool) {
        let s = i
        var depth = 0
        i += 1
        let n = src.count
        while i < n {
            let b = src[i]
            if b == 92 { i += 2; continue }
            if interpolates, b == UInt8(ascii: "#"), at(i + 1) == UInt8(ascii: "{") {
                i += 2
                interpolationStack.append(0)
                run()
                interpolationStack.removeLast()
                i += 1
                continue
            }
            if open != close && b == open { depth += 1 }
            else if b == close {
                if depth == 0 { i += 1; break }
                depth -= 1
            }
            i += 1
        }
        // Flags after a regex: /re/imx
        if open == UInt8(ascii: "/") { while i < n, src[i].isIdentifierByte { i += 1 } }
        blank(s + 1, max(s + 1, min(i, n) - 1))
    }

    mutating func skipPercentLiteral() -> Bool {
        var j = i + 1
        var type: UInt8 = UInt8(ascii: "Q")
        if at(j).isIdentifierByte && !at(j).isDigitByte {
            type = at(j); j += 1
            guard "qQwWiIrsx".utf8.contains(type) else { return false }
        }
        let open = at(j)
        guard open != 0, !open.isIdentifierByte, open != 32, open != 10, open != 61 || type != UInt8(ascii: "Q") else { return false }
        let interpolates = type == UInt8(ascii: "Q") || type == UInt8(ascii: "W") || type == UInt8(ascii: "I") || type == UInt8(ascii: "r") || type == UInt8(ascii: "x")
        let s = i
        i = j
        skipDelimited(open: open, close: Self.closing(for: open), interpolates: interpolates)
        blank(s, s) // nothing before the delimiter needs masking
        return true
    }

    /// `<<~ID`, `<<-ID`, `<<ID`, quoted forms: records the heredoc, whose body follows the line.
    mutating func readHeredocStart() -> Bool {
        var j = i + 2
        var indented = false
        if at(j) == UInt8(ascii: "~") || at(j) == UInt8(ascii: "-") { indented = true; j += 1 }
        var quote: UInt8 = 0
        if at(j) == 34 || at(j) == 39 || at(j) == 96 { quote = at(j); j += 1 }
        var id = [UInt8]()
        while j < src.count, src[j].isIdentifierByte { id.append(src[j]); j += 1 }
        guard !id.isEmpty, id.first.map({ !$0.isDigitByte }) == true else { return false }
        if quote != 0 { guard at(j) == quote else { return false }; j += 1 }
        // `x <<ID` as a shift on an identifier-operand: require an operand position or an uppercase/quoted id.
        if quote == 0 && !indented && !operandExpected() { return false }
        pendingHeredocs.append((id, indented))
        i = j
        return true
    }

    mutating func skipHeredocBodies() {
        let n = src.count
        for doc in pendingHeredocs {
            let bodyStart = i
            while i < n {
                var s = i
                if doc.indented { while s < n, src[s] == 32 || src[s] == 9 { s += 1 } }
                var e = s
                while e < n, src[e] != 10, src[e] != 13 { e += 1 }
                let lineEnd = i
                _ = lineEnd
                if Array(src[s..<e]) == doc.id {
                    blank(bodyStart, i)
                    i = min(n, e + (at(e) == 13 ? 2 : 1))
                    break
                }
                while i < n, src[i] != 10 { i += 1 }
                i += 1
                if i >= n { blank(bodyStart, n) }
            }
        }
        pendingHeredocs.removeAll()
    }
}
