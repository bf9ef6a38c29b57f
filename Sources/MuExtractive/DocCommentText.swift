import Foundation
import MuCore
import MuSummaryText

/// Extracts the lead sentences of a doc comment, whatever its syntax
/// (`///`, `/** */`, `#`, docstrings), for the extractive summary.
enum DocCommentText {
    /// The comment without markers, up to the first blank line or tag section.
    static func leadParagraph(_ comment: String) -> String {
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
        return sentenceRanges(paragraph, limit: limit).map { purposeSentence(paragraph[$0]) }.filter { !$0.isEmpty }
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

    /// A Python docstring that opens the body, when the caller passed no doc comment.
    static func pythonDocstring(inBody body: String) -> String? {
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
