import MuCore

/// Masks strings and comments of brace languages (C, C++, Java, JavaScript, TypeScript, Go,
/// Rust, C#, Kotlin, PHP), so that `BraceScanner` sees only code.
///
/// Written by hand: no library here tokenizes these ten languages; ctags gives symbols, not spans.
struct CLikeLexer {
    struct Rules {
        var hashComments = false          // PHP `#` (but not `#[`)
        var nestedBlockComments = false   // Rust, Kotlin, Swift
        var charLiterals = true           // 'c' is a character literal
        var singleQuoteStrings = false    // JS, TS, PHP: '...' is a string
        var rustLifetimes = false         // 'a is a lifetime, not a char
        var digitSeparators = false       // C++14 1'000
        var goRawStrings = false          // `...`
        var templateLiterals = false      // JS/TS `...${expr}...`
        var regexLiterals = false         // JS/TS /re/
        var tripleQuotes = false          // Java text blocks, Kotlin, C# 11 raw strings
        var rustRawStrings = false        // r"..", r#".."#, br".."
        var cppRawStrings = false         // R"delim(...)delim"
        var csharpVerbatim = false        // @"..." and $@"..."
        var phpHeredoc = false            // <<<EOT ... EOT
    }

    static func rules(for language: Language) -> Rules {
        var r = Rules()
        switch language {
        case .c: break
        case .cpp: r.cppRawStrings = true; r.digitSeparators = true
        case .java: r.tripleQuotes = true
        case .go: r.goRawStrings = true
        case .rust: r.rustLifetimes = true; r.rustRawStrings = true; r.nestedBlockComments = true
        case .javascript, .typescript, .tsx:
            r.charLiterals = false; r.singleQuoteStrings = true; r.templateLiterals = true; r.regexLiterals = true
        case .csharp: r.csharpVerbatim = true; r.tripleQuotes = true
        case .kotlin: r.tripleQuotes = true; r.nestedBlockComments = true
        case .php: r.charLiterals = false; r.singleQuoteStrings = true; r.hashComments = true; r.phpHeredoc = true
        case .swift: r.tripleQuotes = true; r.nestedBlockComments = true; r.charLiterals = false
        case .python, .ruby: break
        }
        return r
    }

    let rules: Rules
    let src: [UInt8]
    var out: [UInt8]
    var i = 0
    /// Brace depth inside each open `${` of a template literal.
    var templateStack: [Int] = []

    static func mask(_ bytes: [UInt8], language: Language) -> SourceText {
        var lexer = CLikeLexer(rules: rules(for: language), src: bytes, out: bytes)
        lexer.run()
        return SourceText(bytes: bytes, code: lexer.out)
    }

    @inline(__always) func at(_ k: Int) -> UInt8 { k < src.count ? src[k] : 0 }

    /// Blank `out[a..<b]`, newlines too: a line break inside a string or comment ends no statement.
    mutating func blank(_ a: Int, _ b: Int) {
        var k = a
        let end = min(b, out.count)
        while k < end {
            out[k] = 32
            k += 1
        }
    }

    /// Last non-space code byte before `k`, and the identifier ending there (if any).
    func previousSignificant(before k: Int) -> (byte: UInt8, word: String) {
        var j = k - 1
        while j >= 0, out[j].isSpaceByte { j -= 1 }
        guard j >= 0 else { return (0, "") }
        let b = out[j]
        guard b.isIdentifierByte else { return (b, "") }
        var s = j
        while s > 0, out[s - 1].isIdentifierByte { s -= 1 }
        return (b, String(decoding: out[s...j], as: UTF8.self))
    }

    static let regexPrecedingWords: Set<String> = [
        "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else",
        "yield", "await",
    ]

    mutating func run() {
        let n = src.count
        while i < n {
            let c = src[i]
            switch c {
            case UInt8(ascii: "/"):
                let next = at(i + 1)
                if next == UInt8(ascii: "/") { skipLineComment(from: i + 2); continue }
                if next == UInt8(ascii: "*") { skipBlockComment(); continue }
                if rules.regexLiterals, regexAllowed(), skipRegex() { continue }
                i += 1
            case UInt8(ascii: "#") where rules.hashComments && at(i + 1) != UInt8(ascii: "["):
                skipLineComment(from: i + 1)
            case UInt8(ascii: "\""):
                if rules.tripleQuotes, at(i + 1) == 34, at(i + 2) == 34 { skipTripleQuote(); continue }
                if rules.csharpVerbatim, i > 0, src[i - 1] == UInt8(ascii: "@") { skipVerbatim(); continue }
                if rules.rustRawStrings, isRustRawPrefix() { skipRustRaw(); continue }
                if rules.cppRawStrings, i > 0, src[i - 1] == UInt8(ascii: "R"), skipCppRaw() { continue }
                skipQuoted(34)
            case UInt8(ascii: "'"):
                if rules.singleQuoteStrings { skipQuoted(39); continue }
                if rules.digitSeparators, i > 0, src[i - 1].isIdentifierByte, src[i - 1] != UInt8(ascii: "_"),
                   (src[i - 1].isDigitByte || (src[i - 1] | 0x20 >= 97 && src[i - 1] | 0x20 <= 102)), at(i + 1).isIdentifierByte {
                    i += 1; continue // 1'000'000
                }
                if rules.charLiterals { skipCharLiteral(); continue }
                i += 1
            case UInt8(ascii: "`"):
                if rules.goRawStrings { skipUntil(96, from: i + 1); continue }
                if rules.templateLiterals { skipTemplate(); continue }
                i += 1
            case UInt8(ascii: "{") where !templateStack.isEmpty:
                templateStack[templateStack.count - 1] += 1
                i += 1
            case UInt8(ascii: "}") where !templateStack.isEmpty:
                if templateStack[templateStack.count - 1] == 0 {
                    return // back to the template literal that opened this `${`
                }
                templateStack[templateStack.count - 1] -= 1
                i += 1
            case UInt8(ascii: "<") where rules.phpHeredoc && at(i + 1) == 60 && at(i + 2) == 60:
                if !skipHeredoc() { i += 3 }
            default:
                i += 1
            }
        }
    }

    mutating func skipLineComment(from k: Int) {
        var j = k
        while j < src.count, src[j] != 10 { j += 1 }
        blank(i, j)
        i = j
    }

    mutating func skipBlockComment() {
        let start = i
        var j = i + 2
        var depth = 1
        while j < src.count {
            if src[j] == UInt8(ascii: "*"), at(j + 1) == UInt8(ascii: "/") {
                depth -= 1; j += 2
                if depth == 0 || !rules.nestedBlockComments { break }
                continue
            }
            if rules.nestedBlockComments, src[j] == UInt8(ascii: "/"), at(j + 1) == UInt8(ascii: "*") {
                depth += 1; j += 2; continue
            }
            j += 1
        }
        blank(start, j)
        i = j
    }

    /// A "..." or '...' string with backslash escapes; stops at an unescaped newline for
    /// languages without multi-line strings, so one stray quote cannot swallow the file.
    mutating func skipQuoted(_ quote: UInt8) {
        let start = i
        var j = i + 1
        while j < src.count {
            let b = src[j]
            if b == 92 { j += 2; continue }
            if b == quote { j += 1; break }
            if b == 10 && !allowsMultilineQuoted { break }
            j += 1
        }
        blank(start + 1, max(start + 1, j - 1))
        i = min(j, src.count)
    }

    var allowsMultilineQuoted: Bool { rules.hashComments /* PHP strings span lines */ || rules.rustRawStrings /* Rust too */ }

    mutating func skipUntil(_ close: UInt8, from k: Int) {
        var j = k
        while j < src.count, src[j] != close { j += 1 }
        blank(i + 1, j)
        i = min(j + 1, src.count)
    }

    mutating func skipCharLiteral() {
        // 'x', '\n', '\u{1F600}', '\''. A Rust lifetime or label ('a, 'static) is code.
        let start = i
        if at(i + 1) == 92 {
            var j = i + 2
            j += 1 // escaped char
            while j < src.count, src[j] != 39, src[j] != 10, j - start < 16 { j += 1 }
            if at(j) == 39 { blank(start + 1, j); i = j + 1 } else { i += 1 }
            return
        }
        // One UTF-8 scalar then a closing quote.
        var j = i + 1
        if j < src.count {
            let lead = src[j]
            let len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            j += len
        }
        if at(j) == 39 && at(i + 1) != 10 {
            blank(start + 1, j); i = j + 1
            return
        }
        if rules.rustLifetimes { i += 1; return }
        // Not a well-formed literal (e.g. multi-char constant 'ab'): mask to the closing quote on this line.
        var k = i + 1
        while k < src.count, src[k] != 39, src[k] != 10 { k += 1 }
        if at(k) == 39 { blank(start + 1, k); i = k + 1 } else { i += 1 }
    }

    mutating func skipTripleQuote() {
        let start = i
        var j = i + 3
        var closed = false
        while j + 2 < src.count {
            if src[j] == 92 { j += 2; continue }
            if src[j] == 34, src[j + 1] == 34, src[j + 2] == 34 {
                j += 3
                while j < src.count, src[j] == 34 { j += 1 } // C# raw strings may use more quotes
                closed = true
                break
            }
            j += 1
        }
        if !closed { j = src.count }
        blank(start + 3, max(start + 3, closed ? j - 3 : j))
        i = j
    }

    mutating func skipVerbatim() {
        // @"..." where "" is an escaped quote and backslashes are literal.
        let start = i
        var j = i + 1
        while j < src.count {
            if src[j] == 34 {
                if at(j + 1) == 34 { j += 2; continue }
                j += 1; break
            }
            j += 1
        }
        blank(start + 1, max(start + 1, j - 1))
        i = j
    }

    func isRustRawPrefix() -> Bool {
        // r"...", r#"..."#, br"..." — the quote at i is preceded by r and optional #s.
        var k = i - 1
        while k >= 0, src[k] == UInt8(ascii: "#") { k -= 1 }
        guard k >= 0, src[k] == UInt8(ascii: "r") else { return false }
        return k == 0 || !src[k - 1].isIdentifierByte || (src[k - 1] == UInt8(ascii: "b") && (k < 2 || !src[k - 2].isIdentifierByte))
    }

    mutating func skipRustRaw() {
        var hashes = 0
        var k = i - 1
        while k >= 0, src[k] == UInt8(ascii: "#") { hashes += 1; k -= 1 }
        let start = i
        var j = i + 1
        outer: while j < src.count {
            if src[j] == 34 {
                var h = 0
                while h < hashes, at(j + 1 + h) == UInt8(ascii: "#") { h += 1 }
                if h == hashes { j += 1 + hashes; break outer }
            }
            j += 1
        }
        blank(start + 1, max(start + 1, j - 1 - hashes))
        i = j
    }

    mutating func skipCppRaw() -> Bool {
        // R"delim( ... )delim"
        var j = i + 1
        var delim = [UInt8]()
        while j < src.count, src[j] != UInt8(ascii: "("), delim.count <= 16 {
            if src[j] == 10 || src[j] == 34 || src[j] == 92 || src[j] == 32 { return false }
            delim.append(src[j]); j += 1
        }
        guard at(j) == UInt8(ascii: "(") else { return false }
        let close: [UInt8] = [UInt8(ascii: ")")] + delim + [34]
        let start = i
        var k = j + 1
        while k + close.count <= src.count {
            if src[k] == close[0], Array(src[k..<k + close.count]) == close { k += close.count; blank(start + 1, k - 1); i = k; return true }
            k += 1
        }
        blank(start + 1, src.count)
        i = src.count
        return true
    }

    func regexAllowed() -> Bool {
        let (b, word) = previousSignificant(before: i)
        if b == 0 { return true }
        if !word.isEmpty { return Self.regexPrecedingWords.contains(word) }
        if b == UInt8(ascii: ")") || b == UInt8(ascii: "]") { return false }
        if b == UInt8(ascii: "}") { return true }
        return true // operator or punctuation
    }

    /// Masks a regex literal; returns false (and leaves `i`) when the text is not one after all.
    mutating func skipRegex() -> Bool {
        var j = i + 1
        var inClass = false
        while j < src.count {
            let b = src[j]
            if b == 10 { return false }
            if b == 92 { j += 2; continue }
            if inClass { if b == UInt8(ascii: "]") { inClass = false } }
            else if b == UInt8(ascii: "[") { inClass = true }
            else if b == UInt8(ascii: "/") { break }
            j += 1
        }
        guard j < src.count else { return false }
        blank(i + 1, j)
        j += 1
        while j < src.count, src[j].isIdentifierByte { j += 1 } // flags
        i = j
        return true
    }

    /// `...${ code }...`: the whole literal is masked, including the code in `${}`.
    mutating func skipTemplate() {
        let start = i
        i += 1
        while i < src.count {
            let b = src[i]
            if b == 92 { i += 2; continue }
            if b == 96 { i += 1; break }
            if b == UInt8(ascii: "$"), at(i + 1) == UInt8(ascii: "{") {
                i += 2
                templateStack.append(0)
                run() // returns at the `}` closing this `${`
                templateStack.removeLast()
                if i < src.count { i += 1 }
                continue
            }
            i += 1
        }
        blank(start + 1, max(start + 1, min(i, src.count) - 1))
    }

    mutating func skipHeredoc() -> Bool {
        // PHP <<<ID, <<<"ID", <<<'ID' ... ID
        var j = i + 3
        while j < src.count, src[j] == 32 { j += 1 }
        if at(j) == 34 || at(j) == 39 { j += 1 }
        var id = [UInt8]()
        while j < src.count, src[j].isIdentifierByte { id.append(src[j]); j += 1 }
        guard !id.isEmpty else { return false }
        while j < src.count, src[j] != 10 { j += 1 }
        let bodyStart = j
        // Find a line whose first non-space token is ID.
        var k = j + 1
        while k < src.count {
            var s = k
            while s < src.count, src[s] == 32 || src[s] == 9 { s += 1 }
            if s + id.count <= src.count, Array(src[s..<s + id.count]) == id, !(at(s + id.count).isIdentifierByte) {
                blank(bodyStart, k)
                i = s + id.count
                return true
            }
            while k < src.count, src[k] != 10 { k += 1 }
            k += 1
        }
        return false
    }
}
