import Foundation

/// Finds a declaration's parameter list, so that the body scan starts after the header (a
/// parameter's default value is not a call the function makes).
enum SignatureAnalyzer {
    /// What follows the parameter list (``parameterList(in:name:)``) in `text`, or `nil` without one.
    static func textAfterParameterList(in text: String, name: String) -> String? {
        parameterList(in: text, name: name).map { String(text[text.index(after: $0.1)...]) }
    }

    /// The parentheses of the parameter list: the first `(` after `name` (skipping generics), else
    /// the first parenthesis of the text.
    static func parameterList(in text: String, name: String) -> (String.Index, String.Index)? {
        var searchStart = text.startIndex
        while !name.isEmpty, let found = text.range(of: name, range: searchStart..<text.endIndex) {
            searchStart = found.upperBound
            // Must be a whole identifier.
            if found.lowerBound > text.startIndex {
                let before = text[text.index(before: found.lowerBound)]
                if before.isLetter || before.isNumber || before == "_" { continue }
            }
            var index = found.upperBound
            if index < text.endIndex, text[index].isLetter || text[index].isNumber || text[index] == "_" { continue }
            index = skipSpaces(text, from: index)
            if index < text.endIndex, text[index] == "<" || text[index] == "[" {
                guard let closeGeneric = matching(text, from: index) else { continue }
                index = skipSpaces(text, from: text.index(after: closeGeneric))
            }
            // JS `name = async (…) =>` / `name: function (…)`.
            if index < text.endIndex, text[index] == "=" || text[index] == ":" {
                if let paren = text[index...].firstIndex(of: "("), let close = matching(text, from: paren) {
                    let between = text[text.index(after: index)..<paren]
                    if between.allSatisfy({ $0.isLetter || $0 == " " }) { return (paren, close) }
                }
                continue
            }
            guard index < text.endIndex, text[index] == "(", let close = matching(text, from: index) else { continue }
            return (index, close)
        }
        // No name match (anonymous or mangled): fall back to the first parenthesis.
        if let open = text.firstIndex(of: "("), let close = matching(text, from: open) { return (open, close) }
        return nil
    }

    /// Index of the bracket closing the one at `open`, counting nesting.
    static func matching(_ text: String, from open: String.Index) -> String.Index? {
        let opener = text[open]
        let closer: Character
        switch opener {
        case "(": closer = ")"
        case "<": closer = ">"
        case "[": closer = "]"
        case "{": closer = "}"
        default: return nil
        }
        var depth = 0
        var index = open
        while index < text.endIndex {
            let character = text[index]
            if character == opener {
                depth += 1
            } else if character == closer {
                // `->` inside generics is not a closing angle bracket.
                let isArrow = closer == ">" && index > text.startIndex && text[text.index(before: index)] == "-"
                if !isArrow {
                    depth -= 1
                    if depth == 0 { return index }
                }
            }
            index = text.index(after: index)
        }
        return nil
    }

    static func skipSpaces(_ text: String, from start: String.Index) -> String.Index {
        var index = start
        while index < text.endIndex, text[index] == " " || text[index] == "\t" { index = text.index(after: index) }
        return index
    }
}
