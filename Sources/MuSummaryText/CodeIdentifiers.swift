/// Code-looking identifiers named in a summary, and whether the function's body really contains
/// them ("identifier grounding"): a summary that names `parse_header` or `retryCount` when the body
/// has neither made them up.
///
/// A word counts as code-looking when it contains `_` between letters or digits (`max_retries`),
/// a lowercase letter directly followed by a capital (`retryCount`, `HashMap`), a `.` between two
/// identifier characters (`os.path`, `self.values`), or ends in `()` (`close()`). Plain English words,
/// acronyms (`JSON`) and numbers are not.
public enum CodeIdentifiers {
    /// The distinct code-looking identifiers of `text`, in order of first appearance, without a
    /// trailing `()` or sentence punctuation.
    public static func named(in text: String) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for raw in text.split(whereSeparator: { !isTokenCharacter($0) }) {
            var token = Substring(raw)
            var called = false
            while token.last == "." { token = token.dropLast() }
            if token.hasSuffix("()") { token = token.dropLast(2); called = true }
            while let first = token.first, !isIdentifierCharacter(first) { token = token.dropFirst() }
            while let last = token.last, !isIdentifierCharacter(last) { token = token.dropLast() }
            guard !token.isEmpty, token.contains(where: \.isLetter) else { continue }
            let word = String(token)
            guard called || looksLikeCode(word), seen.insert(word).inserted else { continue }
            result.append(word)
        }
        return result
    }

    /// Share of the identifiers named in `bullets` that occur in `body` as whole words (a dotted name
    /// counts when it occurs as written, or when each of its parts does); nil when no identifier is named.
    public static func grounding(of bullets: [String], body: String) -> Double? {
        let names = named(in: bullets.joined(separator: "\n"))
        guard !names.isEmpty else { return nil }
        let bodyWords = Set(body.split(whereSeparator: { !isIdentifierCharacter($0) }).map(String.init))
        let found = names.filter { name in
            if bodyWords.contains(name) { return true }
            guard name.contains(".") else { return false }
            if containsWhole(name, in: body) { return true }
            return name.split(separator: ".").allSatisfy { bodyWords.contains(String($0)) }
        }
        return Double(found.count) / Double(names.count)
    }

    /// True for `snake_case`, `camelCase`/`PascalCase` with an inner capital, and `dotted.names`.
    static func looksLikeCode(_ word: String) -> Bool {
        let characters = Array(word)
        for index in characters.indices.dropFirst() {
            let previous = characters[index - 1], current = characters[index]
            if previous.isLowercase && current.isUppercase { return true }
            if index + 1 < characters.count, current == "_" || current == ".",
               isIdentifierCharacter(previous), isIdentifierCharacter(characters[index + 1]) { return true }
        }
        return false
    }

    static func isIdentifierCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    static func isTokenCharacter(_ character: Character) -> Bool {
        isIdentifierCharacter(character) || character == "." || character == "(" || character == ")"
    }

    private static func containsWhole(_ name: String, in body: String) -> Bool {
        var searchStart = body.startIndex
        while let range = body.range(of: name, range: searchStart..<body.endIndex) {
            let before = range.lowerBound == body.startIndex ? nil : body[body.index(before: range.lowerBound)]
            let after = range.upperBound == body.endIndex ? nil : body[range.upperBound]
            if !(before.map(isIdentifierCharacter) ?? false), !(after.map(isIdentifierCharacter) ?? false) { return true }
            searchStart = range.upperBound
        }
        return false
    }
}
