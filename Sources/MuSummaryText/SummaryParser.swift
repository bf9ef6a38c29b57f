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

    /// Cleans and validates; throws ``InvalidSummary`` with the first problem found.
    public func parse(_ reply: String, body: String? = nil) throws(InvalidSummary) -> [String] {
        let bullets = clean(reply)
        if let reason = problem(with: bullets, body: body) {
            throw InvalidSummary(reason: reason)
        }
        return bullets
    }

    /// Why these bullets are not a valid summary, or `nil` when they are.
    public func problem(with bullets: [String], body: String?) -> String? {
        guard !bullets.isEmpty else { return "the reply is empty" }
        // The first bullet that is too long or is code; a copied code line only counts before it.
        var firstFailure: (index: Int, reason: String)?
        var wordCounts: [Int] = []
        wordCounts.reserveCapacity(bullets.count)
        for (index, bullet) in bullets.enumerated() {
            let words = SummaryParser.wordCount(bullet)
            wordCounts.append(words)
            if words > maxWordsPerBullet {
                firstFailure = (index, "bullet \(index + 1) has \(words) words (limit \(maxWordsPerBullet))")
                break
            }
            if SummaryParser.looksLikeCode(bullet) {
                firstFailure = (index, "bullet \(index + 1) is code, not a description")
                break
            }
        }
        if let body {
            let checked = (0..<(firstFailure?.index ?? bullets.count)).filter { wordCounts[$0] >= 3 }
            if !checked.isEmpty {
                let copies = CodeLineMatcher.copies(of: checked.map { SummaryParser.normalized(bullets[$0]) }, in: body)
                if let first = zip(checked, copies).first(where: { $0.1 })?.0 {
                    return "bullet \(first + 1) copies a line of the code"
                }
            }
        }
        return firstFailure?.reason
    }

    /// The cleaned bullets, possibly empty; no validation.
    public func clean(_ reply: String) -> [String] {
        var text = reply
        if PlainText.contains(0x0D, in: text) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        text = SummaryParser.removeReasoning(text)
        var lines = SummaryParser.trimmedLines(text).filter { !SummaryParser.isFence($0) }
        lines = SummaryParser.dropFraming(lines)

        var bullets: [String] = []
        let marked = lines.contains { SummaryParser.textAfterMarker($0) != nil }
        if marked {
            var current: String?
            var afterBlank = false
            for line in lines {
                if line.isEmpty {
                    afterBlank = true
                    continue
                }
                if let text = SummaryParser.textAfterMarker(line) {
                    if let current { bullets.append(current) }
                    current = text
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
        let cleaned = bullets.map(SummaryParser.stripMarkdown).filter { !$0.isEmpty && PlainText.containsLetter($0) }
        return Array(cleaned.prefix(maxBullets))
    }

    // MARK: Cleaning steps

    /// Removes `<thinking>…</thinking>` and keeps only what follows the last `Summary:` line.
    package static func removeReasoning(_ text: String) -> String {
        var result = text
        // Tags need a `<`; the searches below are costly, the check is not.
        if PlainText.contains(UInt8(ascii: "<"), in: result) {
            result = removeReasoningTags(result)
        }
        guard mayHaveSummaryMarker(result) else { return result }
        let lines = result.components(separatedBy: "\n")
        if let markerIndex = lines.lastIndex(where: { summaryMarkerRemainder($0) != nil }),
           let remainder = summaryMarkerRemainder(lines[markerIndex]) {
            let after = lines[(markerIndex + 1)...]
            return ([remainder] + after).joined(separator: "\n")
        }
        return result
    }

    /// Removes `<thinking>…</thinking>` blocks (and an unclosed one to the end).
    package static func removeReasoningTags(_ text: String) -> String {
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
        return result
    }

    /// False when no line of `text` can be a `Summary:` marker line: after the
    /// characters ``summaryMarkerRemainder(_:)`` trims, none starts with `s` or `f`.
    package static func mayHaveSummaryMarker(_ text: String) -> Bool {
        PlainText.withBytes(text) { bytes in
            var index = 0
            while index < bytes.count {
                // Start of a line: skip what the two trims remove, as they do (whitespace, then `#*_ `).
                while index < bytes.count, bytes[index].isSpaceOrTab { index += 1 }
                if index < bytes.count, bytes[index] >= 0x80 { return true }  // maybe Unicode whitespace: let the real check decide
                while index < bytes.count, bytes[index] == UInt8(ascii: "#") || bytes[index] == UInt8(ascii: "*")
                    || bytes[index] == UInt8(ascii: "_") || bytes[index] == UInt8(ascii: " ") { index += 1 }
                if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "s") || bytes[index] | 0x20 == UInt8(ascii: "f") {
                    return true
                }
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
                index += 1
            }
            return false
        }
    }

    /// The text after a line's bullet glyph or number (``markerEnd(in:)``), or `nil` for an unmarked line.
    package static func textAfterMarker(_ line: String) -> String? {
        guard PlainText.isPlain(line) else { return markerEnd(in: line).map { String(line[$0...]) } }
        return PlainText.withBytes(line) { bytes in markerEndPlain(bytes).map { PlainText.string(bytes[$0...]) } }
    }

    /// The lines of `text` (which has no carriage returns), each trimmed of spaces and tabs.
    package static func trimmedLines(_ text: String) -> [String] {
        if PlainText.isPlain(text) {
            return PlainText.withBytes(text) { bytes in
                var lines: [String] = []
                var start = 0
                while true {
                    let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                    lines.append(PlainText.string(bytes[PlainText.trimSpacesAndTabs(bytes, start..<end)]))
                    if end == bytes.count { return lines }
                    start = end + 1
                }
            }
        }
        return trimmedLinesGeneral(text)
    }

    /// ``trimmedLines(_:)`` for any text without carriage returns.
    package static func trimmedLinesGeneral(_ text: String) -> [String] {
        var lines: [String] = []
        var rest = text[...]
        while let newline = rest.utf8.firstIndex(of: 0x0A) {
            lines.append(trimmedLine(rest[..<newline]))
            rest = rest[rest.utf8.index(after: newline)...]
        }
        lines.append(trimmedLine(rest))
        return lines
    }

    /// `line.trimmingCharacters(in: .whitespaces)`.
    package static func trimmedLine(_ line: Substring) -> String {
        guard PlainText.isPlain(line) else { return String(PlainText.trimmingSpaces(line)) }
        return PlainText.withBytes(line) { PlainText.string($0[PlainText.trimSpacesAndTabs($0, 0..<$0.count)]) }
    }

    /// For a `Summary:` marker line (`**Summary:**`, `## Summary`, `Final summary:`), the text after it.
    package static func summaryMarkerRemainder(_ line: String) -> String? {
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

    package static func isFence(_ line: String) -> Bool {
        line.hasPrefix("```") || line.hasPrefix("~~~")
    }

    /// Drops introductions before the content and sign-offs after it.
    package static func dropFraming(_ lines: [String]) -> [String] {
        var lines = lines
        while let first = lines.first(where: { !$0.isEmpty }), isPreamble(first) {
            lines.remove(at: lines.firstIndex(of: first)!)  // present: just found
        }
        while let last = lines.last(where: { !$0.isEmpty }), isSignOff(last) {
            lines.remove(at: lines.lastIndex(of: last)!)  // present: just found
        }
        return lines
    }

    package static func isPreamble(_ line: String) -> Bool {
        // A bullet line keeps its glyph or number through `stripMarkdown`: never empty, never a preamble.
        if markerEnd(in: line) != nil { return false }
        let plain = stripMarkdown(line).lowercased()
        if plain.isEmpty { return true }
        if line.hasPrefix("#") { return true }  // a heading
        if looksLikeCode(line) { return false }
        let openers = ["here is", "here are", "here's", "sure", "certainly", "of course", "okay", "ok,", "ok.",
                       "absolutely", "below is", "below are", "the following", "i'll summarize", "let me summarize"]
        if openers.contains(where: { plain.hasPrefix($0) }) { return true }
        return plain.hasSuffix(":")
    }

    package static func isSignOff(_ line: String) -> Bool {
        // A bullet line keeps its glyph or number through `stripMarkdown`: never empty, never a sign-off.
        if markerEnd(in: line) != nil { return false }
        let plain = stripMarkdown(line).lowercased()
        if plain.isEmpty { return true }
        let closers = ["let me know", "i hope this", "hope this helps", "feel free", "if you have", "if you need",
                       "would you like"]
        return closers.contains { plain.hasPrefix($0) }
    }

    package static let bulletGlyphs: Set<Character> = ["-", "*", "•", "‣", "◦", "·", "–", "—", "+", "▪", "●", "○", "→"]

    /// Where the text starts after a bullet glyph or a number (`- `, `* `, `• `, `1. `, `2) `, `(3) `, `a. `).
    package static func markerEnd(in line: String) -> String.Index? {
        if PlainText.isPlain(line) {
            return PlainText.withBytes(line) { markerEndPlain($0) }.map { line.utf8.index(line.utf8.startIndex, offsetBy: $0) }
        }
        return markerEndGeneral(in: line)
    }

    /// ``markerEnd(in:)`` for any line, character by character.
    package static func markerEndGeneral(in line: String) -> String.Index? {
        guard let first = line.first else { return nil }
        if bulletGlyphs.contains(first) {
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

    /// ``markerEnd(in:)`` over the bytes of plain text (a byte offset).
    package static func markerEndPlain(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = line.first else { return nil }
        func textStart(from index: Int) -> Int {
            var start = index
            while start < line.count, line[start].isSpaceOrTab { start += 1 }
            return start
        }
        // The ASCII bullet glyphs: `-`, `*`, `+`.
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") {
            guard line.count > 1 else { return nil }
            // `**Bold**` opening a line is emphasis, not a bullet.
            if first == UInt8(ascii: "*"), line[1] == UInt8(ascii: "*") { return nil }
            guard line[1].isSpaceOrTab else { return nil }
            return textStart(from: 1)
        }
        var index = 0
        let sawParen = first == UInt8(ascii: "(")
        if sawParen { index = 1 }
        let digitsStart = index
        while index < line.count, line[index].isASCIIDigit { index += 1 }
        if index == digitsStart {
            // A single letter enumerator: `a.` / `b)`.
            guard index < line.count, line[index].isASCIILower else { return nil }
            index += 1
        } else if index - digitsStart > 2 {
            return nil
        }
        guard index < line.count, line[index] == UInt8(ascii: ".") || line[index] == UInt8(ascii: ")")
                || line[index] == UInt8(ascii: ":") else { return nil }
        if sawParen, line[index] != UInt8(ascii: ")") { return nil }
        index += 1
        guard index < line.count, line[index].isSpaceOrTab else { return nil }
        return textStart(from: index)
    }

    /// Removes emphasis (`**`, `__`, `*x*`, `_x_`), inline code marks, heading hashes and link syntax; collapses spaces.
    package static func stripMarkdown(_ text: String) -> String {
        PlainText.ellipses(in: text) != nil ? PlainMarkdown.strip(text) : stripMarkdownGeneral(text)
    }

    /// ``stripMarkdown(_:)`` for any text; the regular expressions define the plain-text fast path.
    package static func stripMarkdownGeneral(_ text: String) -> String {
        var result = PlainText.trimmingSpaces(text)
        while result.hasPrefix("#") { result.removeFirst() }
        // Each replacement needs its mark in the text; checking the bytes first is cheap.
        let marks = { (byte: UInt8) in PlainText.contains(byte, in: result) }
        if marks(UInt8(ascii: "*")) { result = result.replacingOccurrences(of: "**", with: "") }
        if marks(UInt8(ascii: "_")) { result = result.replacingOccurrences(of: "__", with: "") }
        if marks(UInt8(ascii: "`")) { result = result.replacingOccurrences(of: "`", with: "") }
        // `[text](url)` → `text`
        result = linkMarkup?.replacingMatches(in: result, with: "$1") ?? result
        // `*word*` / `_word_` at word boundaries (leaves snake_case and a*b alone).
        if marks(UInt8(ascii: "*")) || marks(UInt8(ascii: "_")) {
            result = emphasisMarkup?.replacingMatches(in: result, with: "$1$2") ?? result
        }
        result = result.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        return result.trimmingCharacters(in: .whitespaces)
    }

    package static let linkMarkup = CompiledRegex(#"\[([^\]]+)\]\([^)]*\)"#)
    package static let emphasisMarkup = CompiledRegex(#"(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=$|[\s).,;:!?])"#)
    package static let sentenceBreak = CompiledRegex(#"(?<=[.!?])\s+(?=[A-Z])"#)

    /// Splits a paragraph at sentence ends followed by a capital letter.
    package static func sentences(_ paragraph: String) -> [String] {
        PlainText.isPlain(paragraph) ? PlainMarkdown.sentences(paragraph) : sentencesGeneral(paragraph)
    }

    /// ``sentences(_:)`` for any text; the regular expression defines the plain-text fast path.
    package static func sentencesGeneral(_ paragraph: String) -> [String] {
        let marked = sentenceBreak?.replacingMatches(in: paragraph, with: "\u{1F}") ?? paragraph
        return marked.split(separator: "\u{1F}").map { String($0).trimmingCharacters(in: .whitespaces) }
    }

    // MARK: Validation helpers

    package static func wordCount(_ text: String) -> Int {
        guard PlainText.ellipses(in: text) != nil else { return wordCountGeneral(text) }
        return PlainText.withBytes(text) { bytes in
            var count = 0
            var inWord = false
            for byte in bytes {
                if byte.isASCIIWhitespace {
                    inWord = false
                } else if !inWord {
                    inWord = true
                    count += 1
                }
            }
            return count
        }
    }

    /// ``wordCount(_:)`` for any text.
    package static func wordCountGeneral(_ text: String) -> Int {
        text.split(whereSeparator: { $0.isWhitespace }).count
    }

    package static func normalized(_ text: String) -> String {
        guard PlainText.ellipses(in: text) != nil else { return normalizedGeneral(text) }
        return PlainText.withBytes(text) { PlainText.string(normalizedPlain($0[...])) }
    }

    /// ``normalized(_:)`` for any text.
    package static func normalizedGeneral(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").lowercased()
    }

    /// Plain-text ``normalized(_:)``: whitespace runs become one space, ends trimmed, ASCII lower case.
    package static func normalizedPlain(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        var pendingSpace = false
        for byte in bytes {
            if byte.isASCIIWhitespace {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(0x20); pendingSpace = false }
                output.append(byte.asciiLowercased)
            }
        }
    }

    package static func normalizedPlain(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        normalizedPlain(bytes, into: &output)
        return output
    }

    /// Code syntax rather than a sentence: ends like a statement or block, or
    /// starts like a declaration, or is dense with brackets and operators.
    package static func looksLikeCode(_ bullet: String) -> Bool {
        guard let ellipses = PlainText.ellipses(in: bullet) else { return looksLikeCodeGeneral(bullet) }
        return PlainCodeShape.looksLikeCode(bullet, ellipses: ellipses)
    }

    /// ``looksLikeCode(_:)`` for any text; the regular expressions define the plain-text fast path.
    package static func looksLikeCodeGeneral(_ bullet: String) -> Bool {
        let trimmed = PlainText.trimmingSpaces(bullet)
        if trimmed.hasSuffix("{") || trimmed.hasSuffix(";") || trimmed == "}" { return true }
        if trimmed.hasSuffix("):") || trimmed.hasSuffix(") {") { return true }
        // Statements: prose bullets start with a capital or a verb form, not a bare keyword.
        // (Both patterns are anchored: the first byte must open one of their keywords.)
        if let first = trimmed.utf8.first, keywordInitials.contains(first) {
            if statementStart?.matches(trimmed) ?? false { return true }
            if declarationStart?.matches(trimmed) ?? false { return true }
        }
        let symbols = trimmed.filter { "{}();=<>[]".contains($0) }.count
        let visible = trimmed.filter { !$0.isWhitespace }.count
        return visible >= 12 && Double(symbols) / Double(visible) > 0.18
    }

    /// Keywords that open a statement (followed by whitespace).
    package static let statementKeywords = ["return", "raise", "throw", "yield", "await", "import", "using", "package",
                                    "#include", "#define"]
    /// Keywords that open a declaration (followed by a name and `(`, `=`, `:`, `{` or `<`).
    package static let declarationKeywords = ["def", "async def", "func", "fn", "pub fn", "function", "class", "struct", "impl",
                                      "import", "from", "return", "const", "let", "var", "if", "for", "while", "public",
                                      "private", "protected", "static", "#include", "package"]
    package static let keywordInitials = Set((statementKeywords + declarationKeywords).compactMap(\.utf8.first))
    package static let statementStart = CompiledRegex(
        "^(" + statementKeywords.joined(separator: "|") + #")\s"#)
    package static let declarationStart = CompiledRegex(
        "^(" + declarationKeywords.joined(separator: "|") + #")\s+[A-Za-z_][\w.]*\s*[(=:{<]"#)

    /// Normalized non-comment lines of the body; a bullet equal to one of them is copied code.
    package static func codeLines(_ body: String) -> Set<String> {
        var lines = Set<String>()
        var classifier = CodeLineMatcher.LineClassifier()
        for raw in body.components(separatedBy: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if classifier.isCode(StringLine(text: line)) { lines.insert(normalized(line)) }
        }
        return lines
    }
}
