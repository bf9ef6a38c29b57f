import MuCore
import MuSummaryText

/// Blanks comments and the contents of string literals so the extractive
/// heuristics match code, not prose. Quotes stay (`open("")`), newlines stay.
enum SourceScrubber {
    static func codeOnly(_ text: String, family: LanguageFamily) -> String {
        PlainText.isPlain(text) ? codeOnlyPlain(text, family: family) : codeOnlyGeneral(text, family: family)
    }

    /// ``codeOnlyGeneral(_:family:)`` over the bytes of plain text (one byte, one character).
    static func codeOnlyPlain(_ text: String, family: LanguageFamily) -> String {
        PlainText.withBytes(text) { characters in
            let newline = UInt8(ascii: "\n")
            var output: [UInt8] = []
            output.reserveCapacity(characters.count)
            var index = 0
            let lineComments = family.lineComments.map { Array($0.utf8) }
            let pythonOrSwift = family == .python || family == .swift

            func starts(_ first: UInt8, _ second: UInt8, at position: Int) -> Bool {
                position + 1 < characters.count && characters[position] == first && characters[position + 1] == second
            }
            func startsTriple(_ quote: UInt8, at position: Int) -> Bool {
                position + 2 < characters.count && characters[position] == quote
                    && characters[position + 1] == quote && characters[position + 2] == quote
            }

            while index < characters.count {
                let character = characters[index]
                // Only these bytes can open a comment or a literal.
                switch character {
                case UInt8(ascii: "#"), UInt8(ascii: "/"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"):
                    break
                default:
                    output.append(character)
                    index += 1
                    continue
                }
                if let comment = lineComments.first(where: { comment in
                    index + comment.count <= characters.count
                        && (comment.count == 1 ? characters[index] == comment[0] : starts(comment[0], comment[1], at: index))
                }), !(comment == [UInt8(ascii: "#")] && family == .other && index + 1 < characters.count
                      && characters[index + 1] == UInt8(ascii: "[")) {
                    while index < characters.count, characters[index] != newline { index += 1 }
                    continue
                }
                if family.hasBlockComments, starts(UInt8(ascii: "/"), UInt8(ascii: "*"), at: index) {
                    index += 2
                    while index < characters.count, !starts(UInt8(ascii: "*"), UInt8(ascii: "/"), at: index) {
                        if characters[index] == newline { output.append(newline) }
                        index += 1
                    }
                    index = min(characters.count, index + 2)
                    continue
                }
                if pythonOrSwift, startsTriple(UInt8(ascii: "\""), at: index) || startsTriple(UInt8(ascii: "'"), at: index) {
                    output.append(UInt8(ascii: "\""))
                    output.append(UInt8(ascii: "\""))
                    index += 3
                    while index < characters.count, !startsTriple(character, at: index) {
                        if characters[index] == newline { output.append(newline) }
                        index += 1
                    }
                    index = min(characters.count, index + 3)
                    continue
                }
                let isQuote = character == UInt8(ascii: "\"") || (character == UInt8(ascii: "'") && family.singleQuoteStrings)
                    || (character == UInt8(ascii: "`") && family.backtickStrings)
                if isQuote {
                    output.append(character)
                    index += 1
                    while index < characters.count, characters[index] != character {
                        if characters[index] == UInt8(ascii: "\\") && character != UInt8(ascii: "`") { index += 1 }
                        if index < characters.count, characters[index] == newline {
                            if character != UInt8(ascii: "`") { break }  // unterminated literal: stop at the line end
                            output.append(newline)
                        }
                        index += 1
                    }
                    output.append(character)
                    index += 1
                    continue
                }
                output.append(character)
                index += 1
            }
            return PlainText.string(output)
        }
    }

    /// Scrubs any text, character by character.
    static func codeOnlyGeneral(_ text: String, family: LanguageFamily) -> String {
        let characters = Array(text)
        var output = ""
        output.reserveCapacity(characters.count)
        var index = 0
        let lineComments = family.lineComments.map(Array.init)

        func starts(_ pattern: [Character], at position: Int) -> Bool {
            guard position + pattern.count <= characters.count else { return false }
            for offset in 0..<pattern.count where characters[position + offset] != pattern[offset] { return false }
            return true
        }

        while index < characters.count {
            let character = characters[index]
            // Line comments (but not Rust/Swift attributes or C preprocessor-like `#[`/`#if` in `.other`).
            if let comment = lineComments.first(where: { starts($0, at: index) }),
               !(comment == ["#"] && family == .other && index + 1 < characters.count && characters[index + 1] == "[") {
                while index < characters.count, characters[index] != "\n" { index += 1 }
                continue
            }
            if family.hasBlockComments, starts(["/", "*"], at: index) {
                index += 2
                while index < characters.count, !starts(["*", "/"], at: index) {
                    if characters[index] == "\n" { output.append("\n") }
                    index += 1
                }
                index = min(characters.count, index + 2)
                continue
            }
            // Triple-quoted strings (Python, Swift multi-line).
            if (family == .python || family == .swift), starts(["\"", "\"", "\""], at: index) || starts(["'", "'", "'"], at: index) {
                let quote = Array(repeating: character, count: 3)
                output += "\"\""
                index += 3
                while index < characters.count, !starts(quote, at: index) {
                    if characters[index] == "\n" { output.append("\n") }
                    index += 1
                }
                index = min(characters.count, index + 3)
                continue
            }
            let isQuote = character == "\"" || (character == "'" && family.singleQuoteStrings)
                || (character == "`" && family.backtickStrings)
            if isQuote {
                output.append(character)
                index += 1
                while index < characters.count, characters[index] != character {
                    if characters[index] == "\\" && character != "`" { index += 1 }
                    if index < characters.count, characters[index] == "\n" {
                        if character != "`" { break }  // unterminated literal: stop at the line end
                        output.append("\n")
                    }
                    index += 1
                }
                output.append(character)
                index += 1
                continue
            }
            output.append(character)
            index += 1
        }
        return output
    }
}
