/// Finds where a Python `def` ends: the last line indented deeper than the `def`, skipping
/// blank lines and treating lines that start inside a string or bracket as part of the body.
enum IndentScanner {
    /// 0-based index of the last line of the function whose `def` keyword is at byte `defOffset`.
    /// Returns nil if no `:` ends the signature (not a real definition).
    static func endLine(in text: SourceText, defOffset: Int) -> (end: Int, signatureEnd: Int)? {
        let code = text.code
        let defLine = text.lineIndex(of: defOffset)
        // 1. The `:` that ends the signature, at bracket depth 0.
        var depth = 0
        var k = defOffset
        var colon: Int? = nil
        while k < code.count {
            let b = code[k]
            if b == UInt8(ascii: "(") || b == UInt8(ascii: "[") || b == UInt8(ascii: "{") { depth += 1 }
            else if b == UInt8(ascii: ")") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}") { depth -= 1 }
            else if b == UInt8(ascii: ":") && depth == 0 {
                if k + 1 < code.count, code[k + 1] == UInt8(ascii: "=") { k += 2; continue } // walrus in a default
                colon = k; break
            }
            k += 1
        }
        guard let colon else { return nil }
        let colonLine = text.lineIndex(of: colon)
        // 2. A one-line body after the colon: `def f(): return 1`.
        let rest = text.lineRange(colonLine).upperBound
        if code[(colon + 1)..<rest].contains(where: { !$0.isSpaceByte }) {
            var end = colonLine
            while end + 1 < text.lineCount, text.continuation.indices.contains(end + 1), text.continuation[end + 1] { end += 1 }
            return (end, colonLine)
        }
        // 3. An indented block.
        let base = text.indentation(defLine)
        var end = colonLine
        var line = colonLine + 1
        while line < text.lineCount {
            let isContinuation = text.continuation.indices.contains(line) && text.continuation[line]
            if isContinuation {
                if !text.isBlank(line) { end = line }
            } else if text.isBlankCode(line) {
                // Blank, or only a comment: inside the body when more body follows, never its last line.
            } else if text.indentation(line) > base {
                end = line
            } else {
                break
            }
            line += 1
        }
        return (end, colonLine)
    }
}
