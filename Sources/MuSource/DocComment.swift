import MuCore

/// The comment block written directly above a declaration (`///`, `/** */`, `//`, `#`), which the
/// summarizers read as the author's own description of the function.
enum DocComment {
    /// Comment lines immediately above 0-based `line` (no blank line between), or nil.
    static func above(line: Int, lines: (Int) -> Substring, lineCount: Int, language: Language) -> String? {
        var collected: [Substring] = []
        var l = line - 1
        var inBlock = false
        while l >= 0, collected.count < 40 {
            let text = lines(l)
            let trimmed = text.drop(while: { $0 == " " || $0 == "\t" })
            let t = trimmed.hasSuffix("\r") ? trimmed.dropLast() : trimmed
            if t.isEmpty { break }
            if inBlock {
                collected.append(t)
                if t.hasPrefix("/*") { inBlock = false }
            } else if t.hasSuffix("*/") {
                collected.append(t)
                inBlock = !t.hasPrefix("/*") || t == "*/"
            } else if t.hasPrefix("//") || (usesHash(language) && t.hasPrefix("#") && !t.hasPrefix("#[") && !t.hasPrefix("#!")) {
                collected.append(t)
            } else {
                break
            }
            l -= 1
        }
        guard !collected.isEmpty, !inBlock else { return nil }
        return collected.reversed().joined(separator: "\n")
    }

    static func usesHash(_ language: Language) -> Bool {
        language == .python || language == .ruby || language == .php
    }
}

extension SourceText {
    /// The doc comment above 0-based `line`.
    func docComment(above line: Int, language: Language) -> String? {
        DocComment.above(line: line, lines: { Substring(self.line($0)) }, lineCount: lineCount, language: language)
    }
}
