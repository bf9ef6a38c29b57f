/// ``SummaryParser/stripMarkdown(_:)`` and ``SummaryParser/sentences(_:)`` for
/// plain text (``PlainText``; `strip` allows "…" too), over bytes. Each step does what the regular
/// expression of the general version does, match for match.
package enum PlainMarkdown {
    package static func strip(_ text: String) -> String {
        PlainText.withBytes(text) { bytes in
            var range = PlainText.trimSpacesAndTabs(bytes, 0..<bytes.count)
            while range.lowerBound < range.upperBound, bytes[range.lowerBound] == UInt8(ascii: "#") {
                range = (range.lowerBound + 1)..<range.upperBound
            }
            // Each step rewrites the buffer in place: it only ever removes bytes, so what it reads
            // ahead has not been overwritten.
            var buffer = Array(bytes[range])
            let hasMarkup = buffer.contains {
                $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "[")
            }
            if hasMarkup {
                removeMarks(&buffer)
                removeLinks(&buffer)
                removeEmphasis(&buffer)
            }
            collapseSpaces(&buffer)
            return PlainText.string(buffer)
        }
    }

    /// `**` first, then `__` and backticks from what is left (the order matters: `_**_`).
    package static func removeMarks(_ text: inout [UInt8]) {
        var write = 0
        var read = 0
        while read < text.count {
            if text[read] == UInt8(ascii: "*"), read + 1 < text.count, text[read + 1] == UInt8(ascii: "*") {
                read += 2
                continue
            }
            text[write] = text[read]
            write += 1
            read += 1
        }
        text.removeLast(text.count - write)
        write = 0
        read = 0
        while read < text.count {
            if text[read] == UInt8(ascii: "_"), read + 1 < text.count, text[read + 1] == UInt8(ascii: "_") {
                read += 2
                continue
            }
            if text[read] != UInt8(ascii: "`") {
                text[write] = text[read]
                write += 1
            }
            read += 1
        }
        text.removeLast(text.count - write)
    }

    /// Runs of spaces and tabs become one space; none at either end.
    package static func collapseSpaces(_ text: inout [UInt8]) {
        var write = 0
        var pendingSpace = false
        for read in text.indices {
            let byte = text[read]
            if byte.isSpaceOrTab {
                pendingSpace = write > 0
            } else {
                if pendingSpace {
                    text[write] = 0x20
                    write += 1
                    pendingSpace = false
                }
                text[write] = byte
                write += 1
            }
        }
        text.removeLast(text.count - write)
    }

    /// `\[([^\]]+)\]\([^)]*\)` → `$1`.
    package static func removeLinks(_ text: inout [UInt8]) {
        guard text.contains(UInt8(ascii: "[")) else { return }
        var write = 0
        var read = 0
        while read < text.count {
            if text[read] == UInt8(ascii: "["),
               let close = text[(read + 1)...].firstIndex(of: UInt8(ascii: "]")), close > read + 1,
               close + 1 < text.count, text[close + 1] == UInt8(ascii: "("),
               let end = text[(close + 2)...].firstIndex(of: UInt8(ascii: ")")) {
                for index in (read + 1)..<close {
                    text[write] = text[index]
                    write += 1
                }
                read = end + 1
            } else {
                text[write] = text[read]
                write += 1
                read += 1
            }
        }
        text.removeLast(text.count - write)
    }

    /// `(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=$|[\s).,;:!?])` → `$1$2`.
    package static func removeEmphasis(_ text: inout [UInt8]) {
        guard text.contains(where: isMark) else { return }
        var write = 0
        var read = 0
        while read < text.count {
            // `^` is tried first, then one whitespace or `(` before the opening mark.
            var opener: Int?
            var close: Int?
            if read == 0, let found = emphasisClose(text, opener: 0) {
                opener = 0
                close = found
            } else if text[read].isASCIIWhitespace || text[read] == UInt8(ascii: "("),
                      let found = emphasisClose(text, opener: read + 1) {
                opener = read + 1
                close = found
            }
            if let opener, let close {
                // `$1` (the byte before the mark, if any), then `$2` (between the marks).
                for index in read..<opener where index != opener {
                    text[write] = text[index]
                    write += 1
                }
                for index in (opener + 1)..<close {
                    text[write] = text[index]
                    write += 1
                }
                read = close + 1
            } else {
                text[write] = text[read]
                write += 1
                read += 1
            }
        }
        text.removeLast(text.count - write)
    }

    package static func isMark(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") }

    /// The closing mark of an emphasis opened at `opener`, when the pattern matches there.
    package static func emphasisClose(_ text: [UInt8], opener: Int) -> Int? {
        guard opener + 1 < text.count, isMark(text[opener]) else { return nil }
        let first = text[opener + 1]
        guard !isMark(first), !first.isASCIIWhitespace else { return nil }
        // The lazy `[^*_]*?` cannot pass a mark: the closing mark is the next one.
        var close = opener + 2
        while close < text.count, !isMark(text[close]) { close += 1 }
        guard close < text.count else { return nil }
        let after = close + 1
        guard after == text.count || text[after].isASCIIWhitespace else {
            switch text[after] {
            case UInt8(ascii: ")"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"),
                 UInt8(ascii: "!"), UInt8(ascii: "?"):
                return close
            default:
                return nil
            }
        }
        return close
    }

    /// Splits at whitespace that follows `.`, `!` or `?` and precedes a capital
    /// (`(?<=[.!?])\s+(?=[A-Z])`) and at U+001F; pieces trimmed of spaces and tabs.
    package static func sentences(_ paragraph: String) -> [String] {
        PlainText.withBytes(paragraph) { bytes in
            var pieces: [String] = []
            func add(_ range: Range<Int>) {
                guard !range.isEmpty else { return }  // `split` drops empty pieces
                pieces.append(PlainText.string(bytes[PlainText.trimSpacesAndTabs(bytes, range)]))
            }
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x1F {
                    add(start..<index)
                    index += 1
                    start = index
                    continue
                }
                if byte.isASCIIWhitespace, index > 0,
                   bytes[index - 1] == UInt8(ascii: ".") || bytes[index - 1] == UInt8(ascii: "!") || bytes[index - 1] == UInt8(ascii: "?") {
                    var end = index
                    while end < bytes.count, bytes[end].isASCIIWhitespace { end += 1 }
                    if end < bytes.count, bytes[end].isASCIIUpper {
                        add(start..<index)
                        start = end
                    }
                    index = end
                    continue
                }
                index += 1
            }
            add(start..<bytes.count)
            return pieces
        }
    }
}
