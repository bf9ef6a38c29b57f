/// Masks Python strings and comments and marks continuation lines (inside a string, an open
/// bracket, or after a backslash), which `IndentScanner` must never take as a block's end.
///
/// Written by hand: ctags gives Python symbols but no string-aware line classification.
enum PythonLexer {
    static func mask(_ src: [UInt8]) -> SourceText {
        var out = src
        var continuation: [Bool] = [false]
        var depth = 0
        var i = 0
        let n = src.count
        func at(_ k: Int) -> UInt8 { k < n ? src[k] : 0 }
        func blank(_ a: Int, _ b: Int) {
            var k = a
            while k < min(b, n) { if out[k] != 10 && out[k] != 13 { out[k] = 32 }; k += 1 }
        }
        func newlines(_ a: Int, _ b: Int) {
            // Lines that start inside [a, b) are continuation lines.
            var k = a
            while k < min(b, n) { if src[k] == 10 { continuation.append(true) }; k += 1 }
        }
        while i < n {
            let c = src[i]
            switch c {
            case 10:
                continuation.append(depth > 0)
                i += 1
            case UInt8(ascii: "#"):
                let s = i
                while i < n, src[i] != 10 { i += 1 }
                blank(s, i)
            case UInt8(ascii: "\\") where at(i + 1) == 10 || (at(i + 1) == 13 && at(i + 2) == 10):
                i += at(i + 1) == 13 ? 2 : 1
                continuation.append(true)
                i += 1
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1; i += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1); i += 1
            case 34, 39:
                // A prefix (r, b, f, u and pairs) is just identifier letters before the quote: harmless.
                let q = c
                let s = i
                if at(i + 1) == q && at(i + 2) == q {
                    var j = i + 3
                    var closed = false
                    while j < n {
                        if src[j] == 92 { j += 2; continue }
                        if src[j] == q && at(j + 1) == q && at(j + 2) == q { closed = true; break }
                        j += 1
                    }
                    let end = closed ? j + 3 : n
                    blank(s + 3, closed ? j : n)
                    newlines(s, min(end, n))
                    i = end
                } else {
                    var j = i + 1
                    while j < n {
                        if src[j] == 92 { j += 2; continue }
                        if src[j] == q || src[j] == 10 { break }
                        j += 1
                    }
                    let closed = j < n && src[j] == q
                    blank(s + 1, min(j, n))
                    newlines(s, min(j, n)) // a backslash-newline continues the string
                    i = closed ? j + 1 : j
                }
            default:
                i += 1
            }
        }
        var text = SourceText(bytes: src, code: out, continuation: [])
        // Align the flags with the line table (a trailing newline adds no line).
        if continuation.count > text.lineCount { continuation.removeLast(continuation.count - text.lineCount) }
        while continuation.count < text.lineCount { continuation.append(false) }
        text = SourceText(bytes: src, code: out, continuation: continuation)
        return text
    }
}
