import Foundation

/// Extracts the first sentence of a doc comment, whatever its syntax
/// (`///`, `/** */`, `#`, docstrings), for the extractive summary.
enum DocCommentText {
    /// The comment without markers, up to the first blank line or tag section.
    static func leadParagraph(_ comment: String) -> String {
        var kept: [String] = []
        for raw in comment.components(separatedBy: "\n") {
            var line = raw.trimmingCharacters(in: .whitespaces)
            for prefix in ["///", "//!", "//", "/**", "/*!", "/*", "*/", "#", "--", "\"\"\"", "'''", "r\"\"\""] where line.hasPrefix(prefix) {
                line.removeFirst(prefix.count)
                break
            }
            if line.hasPrefix("*") && !line.hasPrefix("*/") { line.removeFirst() }
            for suffix in ["*/", "\"\"\"", "'''"] where line.hasSuffix(suffix) {
                line.removeLast(suffix.count)
            }
            line = line.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                if kept.isEmpty { continue } else { break }
            }
            if isTagLine(line) { break }
            kept.append(line)
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

    /// The first sentence, ending with a period; empty when there is none.
    static func firstSentence(_ comment: String) -> String {
        let paragraph = leadParagraph(comment)
        guard !paragraph.isEmpty else { return "" }
        var sentence = paragraph
        var index = paragraph.startIndex
        while index < paragraph.endIndex {
            let character = paragraph[index]
            let next = paragraph.index(after: index)
            if ".!?".contains(character), next == paragraph.endIndex || paragraph[next] == " " {
                // Not an abbreviation such as "e.g." or "i.e.".
                let word = paragraph[..<index].split(separator: " ").last.map(String.init) ?? ""
                if !["e.g", "i.e", "etc", "vs", "cf"].contains(word.lowercased()) {
                    sentence = String(paragraph[...index])
                    break
                }
            }
            index = next
        }
        sentence = sentence.trimmingCharacters(in: .whitespaces)
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
