import Foundation
import MuCore
import MuSummaryText

/// Extracts the lead sentences of a doc comment, whatever its syntax
/// (`///`, `/** */`, `#`, docstrings), for the extractive summary.
enum DocCommentText {
    /// The comment without markers, up to the first blank line or tag section.
    static func leadParagraph(_ comment: String) -> String {
        PlainText.isPlain(comment) ? leadParagraphPlain(comment) : leadParagraphGeneral(comment)
    }

    /// ``leadParagraph(_:)`` for any comment, character by character.
    static func leadParagraphGeneral(_ comment: String) -> String {
        var kept: [String] = []
        var rest = comment[...]
        while true {
            // Lines as `components(separatedBy: "\n")` gives them (a `"\r\n"` does not end a line).
            let newline = rest.firstIndex(of: "\n")
            let raw = newline.map { rest[..<$0] } ?? rest
            var line = String(PlainText.trimmingSpaces(raw))
            for prefix in ["///", "//!", "//", "/**", "/*!", "/*", "*/", "#", "--", "\"\"\"", "'''", "r\"\"\""] where line.hasPrefix(prefix) {
                line.removeFirst(prefix.count)
                break
            }
            if line.hasPrefix("*") && !line.hasPrefix("*/") { line.removeFirst() }
            for suffix in ["*/", "\"\"\"", "'''"] where line.hasSuffix(suffix) {
                line.removeLast(suffix.count)
            }
            line = PlainText.trimmingSpaces(line)
            if line.isEmpty {
                if !kept.isEmpty { break }
            } else {
                if isTagLine(line) { break }
                kept.append(line)
            }
            guard let newline else { break }
            rest = rest[rest.index(after: newline)...]
        }
        return kept.joined(separator: " ")
    }

    /// `@param`, `:param`, `- Parameter`, `Args:`, `Returns:`… start the reference part.
    static func isTagLine(_ line: String) -> Bool {
        if line.hasPrefix("@") || line.hasPrefix(":") { return true }
        let lower = line.lowercased()
        let sections = ["- parameter", "- parameters", "- returns", "- throws", "args:", "arguments:", "returns:",
                        "raises:", "parameters:", "params:", "example:", "examples:", "note:", "# "]
        return sections.contains { lower.hasPrefix($0) }
    }

    /// The sentences of the lead paragraph in order (at most `limit`), each
    /// trimmed, capitalized and ending with a period; sentences without letters are left out.
    static func sentences(_ comment: String, limit: Int) -> [String] {
        let paragraph = leadParagraph(comment)
        guard !paragraph.isEmpty else { return [] }
        return PlainText.isPlain(paragraph) ? sentencesPlain(paragraph, limit: limit) : sentencesGeneral(paragraph, limit: limit)
    }

    /// The sentences of a lead paragraph (any text), as ``sentences(_:limit:)`` shapes them.
    static func sentencesGeneral(_ paragraph: String, limit: Int) -> [String] {
        sentenceRanges(paragraph, limit: limit).map { purposeSentence(paragraph[$0]) }.filter { !$0.isEmpty }
    }

    /// Where the sentences of a paragraph end: at `.`, `!` or `?` followed by a
    /// space or the end, except after "e.g", "i.e", "etc", "vs", "cf". Text
    /// after the last end is a sentence too.
    static func sentenceRanges(_ paragraph: String, limit: Int) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var start = paragraph.startIndex
        var index = start
        while index < paragraph.endIndex, ranges.count < limit {
            let character = paragraph[index]
            let next = paragraph.index(after: index)
            if character == "." || character == "!" || character == "?", next == paragraph.endIndex || paragraph[next] == " " {
                // Not an abbreviation such as "e.g." or "i.e.".
                if !isAbbreviation(lastWordOf: paragraph[..<index]) {
                    ranges.append(start..<next)
                    start = next
                }
            }
            index = next
        }
        if ranges.count < limit, start < paragraph.endIndex { ranges.append(start..<paragraph.endIndex) }
        return ranges
    }

    /// Whether the last space-separated word of `text` is "e.g", "i.e", "etc", "vs" or "cf".
    private static func isAbbreviation(lastWordOf text: Substring) -> Bool {
        var end = text.endIndex
        while end > text.startIndex, text[text.index(before: end)] == " " { end = text.index(before: end) }
        var start = end
        while start > text.startIndex, text[text.index(before: start)] != " " { start = text.index(before: start) }
        return ["e.g", "i.e", "etc", "vs", "cf"].contains(text[start..<end].lowercased())
    }

    /// A sentence as the purpose bullet uses it: trimmed, capitalized, ending
    /// with a period; empty when it has no letters.
    private static func purposeSentence(_ text: Substring) -> String {
        var sentence = String(PlainText.trimmingSpaces(text))
        guard sentence.contains(where: \.isLetter) else { return "" }
        if let first = sentence.first, first.isLowercase {
            sentence = first.uppercased() + sentence.dropFirst()
        }
        if !".!?".contains(sentence.last ?? ".") { sentence += "." }
        return sentence
    }

    // MARK: Plain text (one byte, one character)

    static let markerPrefixes: [StaticString] = ["///", "//!", "//", "/**", "/*!", "/*", "*/", "#", "--", "\"\"\"", "'''", "r\"\"\""]
    static let markerSuffixes: [StaticString] = ["*/", "\"\"\"", "'''"]
    static let tagSections: [StaticString] = ["- parameter", "- parameters", "- returns", "- throws", "args:", "arguments:",
                                              "returns:", "raises:", "parameters:", "params:", "example:", "examples:",
                                              "note:", "# "]

    /// ``leadParagraph(_:)`` over the bytes of a plain comment.
    static func leadParagraphPlain(_ comment: String) -> String {
        PlainText.withBytes(comment) { bytes in
            var kept: [UInt8] = []
            var start = 0
            while start <= bytes.count {
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                defer { start = end + 1 }
                var line = PlainText.trimSpacesAndTabs(bytes, start..<end)
                var view: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[line]) }
                for prefix in markerPrefixes where PlainText.hasPrefix(view, prefix) {
                    line = (line.lowerBound + prefix.utf8CodeUnitCount)..<line.upperBound
                    break
                }
                if PlainText.hasPrefix(view, "*"), !PlainText.hasPrefix(view, "*/") {
                    line = (line.lowerBound + 1)..<line.upperBound
                }
                for suffix in markerSuffixes where PlainText.hasSuffix(view, suffix) {
                    line = line.lowerBound..<(line.upperBound - suffix.utf8CodeUnitCount)
                }
                line = PlainText.trimSpacesAndTabs(bytes, line)
                if line.isEmpty {
                    if kept.isEmpty { continue } else { break }
                }
                if isTagLinePlain(view) { break }
                if !kept.isEmpty { kept.append(0x20) }
                kept.append(contentsOf: bytes[line])
            }
            return PlainText.string(kept)
        }
    }

    /// ``isTagLine(_:)`` for a plain line.
    static func isTagLinePlain(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = line.first else { return false }
        if first == UInt8(ascii: "@") || first == UInt8(ascii: ":") { return true }
        return tagSections.contains { section in
            let count = section.utf8CodeUnitCount
            guard line.count >= count else { return false }
            for index in 0..<count where line[index].asciiLowercased != section.utf8Start[index] { return false }
            return true
        }
    }

    /// ``sentences(_:limit:)`` for a plain lead paragraph.
    static func sentencesPlain(_ paragraph: String, limit: Int) -> [String] {
        PlainText.withBytes(paragraph) { bytes in
            var ranges: [Range<Int>] = []
            var start = 0
            var index = 0
            while index < bytes.count, ranges.count < limit {
                let byte = bytes[index]
                if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?"),
                   index + 1 == bytes.count || bytes[index + 1] == 0x20, !isAbbreviationPlain(bytes, before: index) {
                    ranges.append(start..<(index + 1))
                    start = index + 1
                }
                index += 1
            }
            if ranges.count < limit, start < bytes.count { ranges.append(start..<bytes.count) }
            return ranges.compactMap { range in
                // Trimmed, with a letter, capitalized, ending with a period.
                let trimmed = PlainText.trimSpacesAndTabs(bytes, range)
                guard bytes[trimmed].contains(where: \.isASCIILetter) else { return nil }
                var sentence = Array(bytes[trimmed])
                if sentence[0].isASCIILower { sentence[0] -= 0x20 }
                if let last = sentence.last, last != UInt8(ascii: "."), last != UInt8(ascii: "!"), last != UInt8(ascii: "?") {
                    sentence.append(UInt8(ascii: "."))
                }
                return PlainText.string(sentence)
            }
        }
    }

    /// Whether the last space-separated word before `end` is "e.g", "i.e", "etc", "vs" or "cf".
    static func isAbbreviationPlain(_ bytes: UnsafeBufferPointer<UInt8>, before end: Int) -> Bool {
        var wordEnd = end
        while wordEnd > 0, bytes[wordEnd - 1] == 0x20 { wordEnd -= 1 }
        var wordStart = wordEnd
        while wordStart > 0, bytes[wordStart - 1] != 0x20 { wordStart -= 1 }
        let word = bytes[wordStart..<wordEnd].map(\.asciiLowercased)
        return word == Array("e.g".utf8) || word == Array("i.e".utf8) || word == Array("etc".utf8)
            || word == Array("vs".utf8) || word == Array("cf".utf8)
    }

    /// A Python docstring that opens the body, when the caller passed no doc comment.
    static func pythonDocstring(inBody body: String) -> String? {
        guard PlainText.isPlain(body) else { return pythonDocstringGeneral(inBody: body) }
        return PlainText.withBytes(body) { bytes -> String? in
            // `def `, then the `:` closing its header outside brackets.
            guard let def = PlainText.firstOffset(of: "def ".utf8, in: bytes) else { return nil }
            var depth = 0
            var index = def + 4
            var colon: Int?
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
                case UInt8(ascii: ":") where depth == 0: colon = index
                default: break
                }
                if colon != nil { break }
                index += 1
            }
            guard let colon else { return nil }
            var start = colon + 1
            while start < bytes.count, bytes[start].isASCIIWhitespace { start += 1 }
            for quote in ["\"\"\"", "'''", "r\"\"\""] where PlainText.hasPrefix(bytes, quote.utf8, at: start) {
                let afterOpen = start + quote.utf8.count
                let closing = quote.utf8.first == UInt8(ascii: "r") ? quote.utf8.dropFirst() : quote.utf8[...]
                guard let close = PlainText.firstOffset(of: closing, in: bytes, from: afterOpen) else { return nil }
                return PlainText.string(bytes[afterOpen..<close])
            }
            return nil
        }
    }

    /// ``pythonDocstring(inBody:)`` for any text.
    static func pythonDocstringGeneral(inBody body: String) -> String? {
        guard let colon = firstHeaderColon(body) else { return nil }
        let rest = body[body.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        for quote in ["\"\"\"", "'''", "r\"\"\""] where rest.hasPrefix(quote) {
            let afterOpen = rest.dropFirst(quote.count)
            let closing = quote.hasPrefix("r") ? String(quote.dropFirst()) : quote
            guard let close = afterOpen.range(of: closing) else { return nil }
            return String(afterOpen[..<close.lowerBound])
        }
        return nil
    }

    /// The `:` ending a Python `def` header (outside parentheses).
    private static func firstHeaderColon(_ body: String) -> String.Index? {
        guard let def = body.range(of: "def ") else { return nil }
        var depth = 0
        var index = def.upperBound
        while index < body.endIndex {
            switch body[index] {
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            case ":" where depth == 0: return index
            default: break
            }
            index = body.index(after: index)
        }
        return nil
    }
}
