/// A source file's text as UTF-8 bytes with its line table, plus a "code mask": a copy of
/// the bytes in which the insides of strings and comments are blanked to spaces. Line breaks
/// inside them are blanked too (except in Python, whose scanner uses continuation flags), so a
/// scanner never takes a break inside a template literal for the end of a statement; the line
/// table always comes from the original bytes.
///
/// Boundary scanners look only at the mask, so a brace in a string or an `end` in a comment
/// can never end a function early.
public struct SourceText: Sendable {
    /// The text, decoded lossily (invalid UTF-8 becomes U+FFFD) with CRLF kept as is.
    public let bytes: [UInt8]
    /// Same length as `bytes`; string and comment contents replaced by spaces.
    public let code: [UInt8]
    /// Byte offset where each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]
    /// For each line: true if it begins inside a string, an open bracket or after a `\` continuation
    /// (only computed for indentation languages; empty otherwise).
    public let continuation: [Bool]

    public init(bytes: [UInt8], code: [UInt8], continuation: [Bool] = []) {
        self.bytes = bytes
        self.code = code
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        if starts.count > 1, starts.last == bytes.count { starts.removeLast() }
        self.lineStarts = starts
        self.continuation = continuation
    }

    public var lineCount: Int { lineStarts.count }

    /// 0-based line index containing byte offset `offset`.
    public func lineIndex(of offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Byte range of a 0-based line, without its line terminator.
    public func lineRange(_ index: Int) -> Range<Int> {
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<end
    }

    /// The original text of a 0-based line.
    public func line(_ index: Int) -> String {
        String(decoding: bytes[lineRange(index)], as: UTF8.self)
    }

    /// The masked text of a 0-based line.
    public func codeLine(_ index: Int) -> ArraySlice<UInt8> {
        code[lineRange(index)]
    }

    /// True if the line has nothing but whitespace in the mask (blank, or only comment/string content).
    public func isBlankCode(_ index: Int) -> Bool {
        codeLine(index).allSatisfy { $0 == 32 || $0 == 9 || $0 == 12 }
    }

    /// True if the line is blank in the original text.
    public func isBlank(_ index: Int) -> Bool {
        bytes[lineRange(index)].allSatisfy { $0 == 32 || $0 == 9 || $0 == 12 }
    }

    /// Width of the leading whitespace of a line (tabs count as 8 columns, as Python does).
    public func indentation(_ index: Int) -> Int {
        var width = 0
        for b in bytes[lineRange(index)] {
            if b == 32 { width += 1 } else if b == 9 { width = (width / 8 + 1) * 8 } else if b == 12 { width = 0 } else { break }
        }
        return width
    }

    /// Original text between two byte offsets.
    public func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}

extension UInt8 {
    @inline(__always) var isIdentifierByte: Bool {
        (self >= 97 && self <= 122) || (self >= 65 && self <= 90) || (self >= 48 && self <= 57) || self == 95 || self == 36 || self >= 128
    }
    @inline(__always) var isSpaceByte: Bool { self == 32 || self == 9 || self == 10 || self == 13 || self == 12 || self == 11 }
    @inline(__always) var isDigitByte: Bool { self >= 48 && self <= 57 }
}
