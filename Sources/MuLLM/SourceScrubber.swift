/// Blanks comments and the contents of string literals so the extractive
/// heuristics match code, not prose. Quotes stay (`open("")`), newlines stay.
enum SourceScrubber {
    static func codeOnly(_ text: String, family: LanguageFamily) -> String {
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
