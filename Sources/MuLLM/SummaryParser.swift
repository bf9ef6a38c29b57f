import Foundation

/// Turns a model's reply into clean bullets and decides whether they are a
/// usable summary. LLM replies and extractive summaries pass the same rules.
///
/// Cleaning strips what models add around the answer: `<thinking>` blocks
/// and everything before a `Summary:` line, preambles ("Here is…", "Sure!"),
/// sign-offs, code fences, headings, markdown emphasis and inline code
/// marks, bullet glyphs and numbering. A reply without bullet marks is split
/// into lines, or a single paragraph into sentences. At most `maxBullets`
/// bullets are kept.
///
/// Validation rejects an empty result, a bullet longer than
/// `maxWordsPerBullet` words, and a bullet that is code rather than prose
/// (code syntax, or a verbatim code line of the body).
public struct SummaryParser: Sendable {
    public static let defaultMaxBullets = 5
    public static let defaultMaxWordsPerBullet = 25

    public var maxBullets: Int
    public var maxWordsPerBullet: Int

    public init(maxBullets: Int = SummaryParser.defaultMaxBullets,
                maxWordsPerBullet: Int = SummaryParser.defaultMaxWordsPerBullet) {
        self.maxBullets = max(1, maxBullets)
        self.maxWordsPerBullet = max(1, maxWordsPerBullet)
    }

    /// Cleans and validates; throws ``LLMError/invalidSummary(reason:)``.
    public func parse(_ reply: String, body: String? = nil) throws(LLMError) -> [String] {
        let bullets = clean(reply)
        if let reason = problem(with: bullets, body: body) {
            throw .invalidSummary(reason: reason)
        }
        return bullets
    }

    /// Why these bullets are not a valid summary, or `nil` when they are.
    public func problem(with bullets: [String], body: String?) -> String? {
        guard !bullets.isEmpty else { return "the reply is empty" }
        let codeLines = body.map(SummaryParser.codeLines) ?? []
        for (index, bullet) in bullets.enumerated() {
            let words = SummaryParser.wordCount(bullet)
            if words > maxWordsPerBullet {
                return "bullet \(index + 1) has \(words) words (limit \(maxWordsPerBullet))"
            }
            if SummaryParser.looksLikeCode(bullet) {
                return "bullet \(index + 1) is code, not a description"
            }
            if words >= 3, codeLines.contains(SummaryParser.normalized(bullet)) {
                return "bullet \(index + 1) copies a line of the code"
            }
        }
        return nil
    }

    /// The cleaned bullets, possibly empty; no validation.
    public func clean(_ reply: String) -> [String] {
        var text = reply.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        text = SummaryParser.removeReasoning(text)
        var lines = text.components(separatedBy: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !SummaryParser.isFence($0) }
        lines = SummaryParser.dropFraming(lines)

        var bullets: [String] = []
        let marked = lines.contains { SummaryParser.markerEnd(in: $0) != nil }
        if marked {
            var current: String?
            var afterBlank = false
            for line in lines {
                if line.isEmpty {
                    afterBlank = true
                    continue
                }
                if let end = SummaryParser.markerEnd(in: line) {
                    if let current { bullets.append(current) }
                    current = String(line[end...])
                    afterBlank = false
                } else if let existing = current, !afterBlank {
                    current = existing + " " + line
                }
                // Unmarked text before the first bullet (an introduction) or
                // after a blank line (a remark) is dropped.
            }
            if let current { bullets.append(current) }
        } else {
            let paragraphs = lines.filter { !$0.isEmpty }
            if paragraphs.count == 1, let only = paragraphs.first {
                bullets = SummaryParser.sentences(only)
            } else {
                bullets = paragraphs
            }
        }
        let cleaned = bullets.map(SummaryParser.stripMarkdown).filter { !$0.isEmpty && $0.contains(where: \.isLetter) }
        return Array(cleaned.prefix(maxBullets))
    }

    // MARK: Cleaning steps

    /// Removes `<thinking>…</thinking>` and keeps only what follows the last `Summary:` line.
    static func removeReasoning(_ text: String) -> String {
        var result = text
        for tag in ["thinking", "think", "reasoning", "analysis"] {
            while let open = result.range(of: "<\(tag)>", options: .caseInsensitive) {
                if let close = result.range(of: "</\(tag)>", options: .caseInsensitive, range: open.upperBound..<result.endIndex) {
                    result.removeSubrange(open.lowerBound..<close.upperBound)
                } else {
                    result.removeSubrange(open.lowerBound..<result.endIndex)
                }
            }
        }
        let lines = result.components(separatedBy: "\n")
        if let markerIndex = lines.lastIndex(where: { summaryMarkerRemainder($0) != nil }),
           let remainder = summaryMarkerRemainder(lines[markerIndex]) {
            let after = lines[(markerIndex + 1)...]
            return ([remainder] + after).joined(separator: "\n")
        }
        return result
    }

    /// For a `Summary:` marker line (`**Summary:**`, `## Summary`, `Final summary:`), the text after it.
    static func summaryMarkerRemainder(_ line: String) -> String? {
        let plain = line.trimmingCharacters(in: .whitespaces)
            .trimmingCharacters(in: CharacterSet(charactersIn: "#*_ "))
        let lower = plain.lowercased()
        for marker in ["final summary", "summary"] where lower.hasPrefix(marker) {
            var rest = plain.dropFirst(marker.count)
            guard rest.isEmpty || rest.first == ":" || rest.first == "*" else { continue }
            rest = rest.drop { $0 == ":" || $0 == "*" || $0 == " " }
            return String(rest)
        }
        return nil
    }

    static func isFence(_ line: String) -> Bool {
        line.hasPrefix("```") || line.hasPrefix("~~~")
    }

    /// Drops introductions before the content and sign-offs after it.
    static func dropFraming(_ lines: [String]) -> [String] {
        var lines = lines
        while let first = lines.first(where: { !$0.isEmpty }), isPreamble(first) {
            lines.remove(at: lines.firstIndex(of: first)!)  // present: just found
        }
        while let last = lines.last(where: { !$0.isEmpty }), isSignOff(last) {
            lines.remove(at: lines.lastIndex(of: last)!)  // present: just found
        }
        return lines
    }

    static func isPreamble(_ line: String) -> Bool {
        let plain = stripMarkdown(line).lowercased()
        if plain.isEmpty { return true }
        if line.hasPrefix("#") { return true }  // a heading
        if markerEnd(in: line) != nil || looksLikeCode(line) { return false }
        let openers = ["here is", "here are", "here's", "sure", "certainly", "of course", "okay", "ok,", "ok.",
                       "absolutely", "below is", "below are", "the following", "i'll summarize", "let me summarize"]
        if openers.contains(where: { plain.hasPrefix($0) }) { return true }
        return plain.hasSuffix(":")
    }

    static func isSignOff(_ line: String) -> Bool {
        let plain = stripMarkdown(line).lowercased()
        if plain.isEmpty { return true }
        if markerEnd(in: line) != nil { return false }
        let closers = ["let me know", "i hope this", "hope this helps", "feel free", "if you have", "if you need",
                       "would you like"]
        return closers.contains { plain.hasPrefix($0) }
    }

    /// Where the text starts after a bullet glyph or a number (`- `, `* `, `• `, `1. `, `2) `, `(3) `, `a. `).
    static func markerEnd(in line: String) -> String.Index? {
        guard let first = line.first else { return nil }
        let glyphs: Set<Character> = ["-", "*", "•", "‣", "◦", "·", "–", "—", "+", "▪", "●", "○", "→"]
        if glyphs.contains(first) {
            let rest = line.dropFirst()
            // `**Bold**` opening a line is emphasis, not a bullet.
            if first == "*", rest.first == "*" { return nil }
            guard rest.first == " " || rest.first == "\t" else { return nil }
            return rest.firstIndex { $0 != " " && $0 != "\t" } ?? line.endIndex
        }
        var index = line.startIndex
        var sawParen = false
        if line[index] == "(" { sawParen = true; index = line.index(after: index) }
        let digitsStart = index
        while index < line.endIndex, line[index].isNumber { index = line.index(after: index) }
        if index == digitsStart {
            // A single letter enumerator: `a.` / `b)`.
            guard index < line.endIndex, line[index].isLetter, line[index].isLowercase else { return nil }
            index = line.index(after: index)
        } else if line.distance(from: digitsStart, to: index) > 2 {
            return nil
        }
        guard index < line.endIndex, line[index] == "." || line[index] == ")" || line[index] == ":" else { return nil }
        if sawParen, line[index] != ")" { return nil }
        index = line.index(after: index)
        guard index < line.endIndex, line[index] == " " || line[index] == "\t" else { return nil }
        return line[index...].firstIndex { $0 != " " && $0 != "\t" } ?? line.endIndex
    }

    /// Removes emphasis (`**`, `__`, `*x*`, `_x_`), inline code marks, heading hashes and link syntax; collapses spaces.
    static func stripMarkdown(_ text: String) -> String {
        var result = text.trimmingCharacters(in: .whitespaces)
        while result.hasPrefix("#") { result.removeFirst() }
        result = result.replacingOccurrences(of: "**", with: "")
            .replacingOccurrences(of: "__", with: "")
            .replacingOccurrences(of: "`", with: "")
        // `[text](url)` → `text`
        result = result.replacingOccurrences(of: #"\[([^\]]+)\]\([^)]*\)"#, with: "$1", options: .regularExpression)
        // `*word*` / `_word_` at word boundaries (leaves snake_case and a*b alone).
        result = result.replacingOccurrences(of: #"(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=$|[\s).,;:!?])"#, with: "$1$2",
                                             options: .regularExpression)
        result = result.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        return result.trimmingCharacters(in: .whitespaces)
    }

    /// Splits a paragraph at sentence ends followed by a capital letter.
    static func sentences(_ paragraph: String) -> [String] {
        let marked = paragraph.replacingOccurrences(of: #"(?<=[.!?])\s+(?=[A-Z])"#, with: "\u{1F}",
                                                    options: .regularExpression)
        return marked.split(separator: "\u{1F}").map { String($0).trimmingCharacters(in: .whitespaces) }
    }

    // MARK: Validation helpers

    static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: { $0.isWhitespace }).count
    }

    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").lowercased()
    }

    /// Code syntax rather than a sentence: ends like a statement or block, or
    /// starts like a declaration, or is dense with brackets and operators.
    static func looksLikeCode(_ bullet: String) -> Bool {
        let trimmed = bullet.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("{") || trimmed.hasSuffix(";") || trimmed == "}" { return true }
        if trimmed.hasSuffix("):") || trimmed.hasSuffix(") {") { return true }
        // Statements: prose bullets start with a capital or a verb form, not a bare keyword.
        if trimmed.range(of: #"^(return|raise|throw|yield|await|import|using|package|#include|#define)\s"#,
                         options: .regularExpression) != nil { return true }
        let declaration = #"^(def|async def|func|fn|pub fn|function|class|struct|impl|import|from|return|const|let|var|if|for|while|public|private|protected|static|#include|package)\s+[A-Za-z_][\w.]*\s*[(=:{<]"#
        if trimmed.range(of: declaration, options: .regularExpression) != nil { return true }
        let symbols = trimmed.filter { "{}();=<>[]".contains($0) }.count
        let visible = trimmed.filter { !$0.isWhitespace }.count
        return visible >= 12 && Double(symbols) / Double(visible) > 0.18
    }

    /// Normalized non-comment lines of the body; a bullet equal to one of them is copied code.
    static func codeLines(_ body: String) -> Set<String> {
        var lines = Set<String>()
        var inBlockComment = false
        var inDocString: String?
        for raw in body.components(separatedBy: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if let quote = inDocString {
                if line.contains(quote) { inDocString = nil }
                continue
            }
            if inBlockComment {
                if line.contains("*/") { inBlockComment = false }
                continue
            }
            if line.hasPrefix("/*") {
                if !line.contains("*/") { inBlockComment = true }
                continue
            }
            var isComment = false
            for quote in ["\"\"\"", "'''"] where line.hasPrefix(quote) || line.hasPrefix("r" + quote) {
                isComment = true
                let occurrences = line.components(separatedBy: quote).count - 1
                if occurrences % 2 == 1 { inDocString = quote }
            }
            let commentPrefixes = ["#", "//", "*", "--", ";", "%"]
            if isComment || commentPrefixes.contains(where: { line.hasPrefix($0) }) { continue }
            if !line.isEmpty { lines.insert(normalized(line)) }
        }
        return lines
    }
}
