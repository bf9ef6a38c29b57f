/// Finds where a Ruby `def` ends by counting block openers and `end` keywords in the code mask.
enum EndKeywordScanner {
    static let alwaysOpen: Set<String> = ["def", "class", "module", "begin", "case", "do"]
    static let statementOpen: Set<String> = ["if", "unless", "while", "until", "for"]
    static let loops: Set<String> = ["while", "until", "for"]

    /// Byte offset of the last byte of the method whose `def` keyword is at `defOffset`
    /// (the `d` of `end`, the end of an endless method's expression), or nil if unbalanced.
    static func end(in text: SourceText, defOffset: Int, isDef: Bool = true) -> (end: Int, signatureEnd: Int)? {
        let code = text.code
        let n = code.count
        // Endless method: def name(args) = expr
        if isDef, let eq = endlessEquals(code, defOffset: defOffset) {
            var k = eq + 1
            var depth = 0
            var last = eq
            while k < n {
                let b = code[k]
                if b == UInt8(ascii: "(") || b == UInt8(ascii: "[") || b == UInt8(ascii: "{") { depth += 1 }
                if b == UInt8(ascii: ")") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}") { depth -= 1 }
                if b == 10 && depth <= 0 {
                    let prev = code[last]
                    if !(prev == UInt8(ascii: "\\") || "+-*/%&|=<>,.(".utf8.contains(prev)) { break }
                }
                if !b.isSpaceByte { last = k }
                k += 1
            }
            return (last, eq)
        }
        var depth = 0
        var k = defOffset
        var loopNeedsDo = false
        var signatureEnd = defOffset
        var seenDefHeader = false
        while k < n {
            let b = code[k]
            if b == 10 || b == UInt8(ascii: ";") {
                loopNeedsDo = false
                if !seenDefHeader, depth == 1 { seenDefHeader = true; signatureEnd = k - 1 }
                k += 1; continue
            }
            guard b.isIdentifierByte, (k == 0 || !code[k - 1].isIdentifierByte) else { k += 1; continue }
            var e = k
            while e < n, code[e].isIdentifierByte { e += 1 }
            let word = String(decoding: code[k..<e], as: UTF8.self)
            defer { k = e }
            guard isKeywordPosition(code, start: k, end: e) else { continue }
            if word == "end" {
                depth -= 1
                if depth == 0 { return (e - 1, seenDefHeader ? signatureEnd : e - 1) }
                if depth < 0 { return nil }
            } else if word == "def" {
                if k != defOffset, endlessEquals(code, defOffset: k) != nil { continue }
                depth += 1
            } else if word == "do" {
                if loopNeedsDo { loopNeedsDo = false; continue }
                depth += 1
            } else if alwaysOpen.contains(word) {
                depth += 1
            } else if statementOpen.contains(word), startsStatement(code, at: k) {
                depth += 1
                if loops.contains(word) { loopNeedsDo = true }
            }
        }
        return nil
    }

    /// A keyword, not a method call (`x.end`), symbol (`:end`), hash key (`end:`) or method name (`end?`).
    static func isKeywordPosition(_ code: [UInt8], start: Int, end: Int) -> Bool {
        if start > 0 {
            let p = code[start - 1]
            if p == UInt8(ascii: ".") || p == UInt8(ascii: "@") || p == UInt8(ascii: "$") { return false }
            if p == UInt8(ascii: ":"), !(start > 1 && code[start - 2] == UInt8(ascii: ":")) { return false }
        }
        if end < code.count {
            let nx = code[end]
            if nx == UInt8(ascii: "?") || nx == UInt8(ascii: "!") { return false }
            if nx == UInt8(ascii: ":"), !(end + 1 < code.count && code[end + 1] == UInt8(ascii: ":")) { return false }
        }
        return true
    }

    /// True if the word at `k` begins a statement (so `if` opens a block rather than modifying one).
    static func startsStatement(_ code: [UInt8], at k: Int) -> Bool {
        var j = k - 1
        while j >= 0, code[j] == 32 || code[j] == 9 { j -= 1 }
        guard j >= 0 else { return true }
        let p = code[j]
        if p == 10 || p == UInt8(ascii: ";") || p == UInt8(ascii: "(") || p == UInt8(ascii: "[") || p == UInt8(ascii: "=")
            || p == UInt8(ascii: ",") || p == UInt8(ascii: "|") || p == UInt8(ascii: "&") || p == UInt8(ascii: "{")
            || p == UInt8(ascii: "!") || p == UInt8(ascii: "?") || p == UInt8(ascii: ":") || p == UInt8(ascii: "<")
            || p == UInt8(ascii: ">") || p == UInt8(ascii: "+") || p == UInt8(ascii: "-") || p == UInt8(ascii: "*") {
            return true
        }
        if p.isIdentifierByte {
            var s = j
            while s > 0, code[s - 1].isIdentifierByte { s -= 1 }
            let word = String(decoding: code[s...j], as: UTF8.self)
            return ["then", "else", "do", "return", "and", "or", "not", "begin", "in", "when", "elsif", "yield"].contains(word)
        }
        return false
    }

    /// For `def name(args) = expr` (an endless method), the offset of that `=`; else nil.
    static func endlessEquals(_ code: [UInt8], defOffset: Int) -> Int? {
        var k = defOffset + 3
        let n = code.count
        while k < n, code[k] == 32 || code[k] == 9 { k += 1 }
        // Name: `self.`, identifiers, operators like `==`, `[]`, `+@`, setter `name=`.
        let nameStart = k
        while k < n, code[k].isIdentifierByte || code[k] == UInt8(ascii: ".") { k += 1 }
        if k == nameStart {
            while k < n, !code[k].isSpaceByte, code[k] != UInt8(ascii: "(") { k += 1 } // operator method
        } else if k < n, "?!".utf8.contains(code[k]) {
            k += 1
        } else if k < n, code[k] == UInt8(ascii: "="), k + 1 < n, code[k + 1] == UInt8(ascii: "(") {
            k += 1 // setter `name=(v)`
        }
        while k < n, code[k] == 32 || code[k] == 9 { k += 1 }
        if k < n, code[k] == UInt8(ascii: "(") {
            var depth = 0
            while k < n {
                if code[k] == UInt8(ascii: "(") { depth += 1 }
                if code[k] == UInt8(ascii: ")") { depth -= 1; if depth == 0 { k += 1; break } }
                k += 1
            }
            while k < n, code[k] == 32 || code[k] == 9 { k += 1 }
        }
        guard k < n, code[k] == UInt8(ascii: "=") else { return nil }
        if k + 1 < n, "=~>".utf8.contains(code[k + 1]) { return nil }
        return k
    }
}
