import Foundation

/// Turns user text into an FTS5 query that matches it literally.
///
/// Every whitespace-separated token is wrapped in double quotes (inner quotes doubled),
/// so `"`, `*`, `-`, `:`, parentheses and the words `AND`, `OR`, `NOT`, `NEAR` are plain
/// text and can never cause an FTS5 syntax error. Tokens without a letter or digit are
/// dropped: the tokenizer would reduce them to nothing.
struct FTSQuery: Sendable, Hashable {
    /// The quoted tokens, in input order, without duplicates.
    let phrases: [String]

    init(_ text: String) {
        var seen = Set<String>()
        var phrases: [String] = []
        for token in text.split(whereSeparator: { $0.isWhitespace }) {
            guard token.contains(where: { $0.isLetter || $0.isNumber }) else { continue }
            let phrase = "\"" + String(token).replacingOccurrences(of: "\"", with: "\"\"") + "\""
            if seen.insert(phrase.lowercased()).inserted { phrases.append(phrase) }
        }
        self.phrases = phrases
    }

    var isEmpty: Bool { phrases.isEmpty }

    /// Every token must occur (FTS5 implicit AND).
    var allTerms: String { phrases.joined(separator: " ") }

    /// Any token may occur; BM25 ranks rows matching more of them higher.
    var anyTerm: String { phrases.joined(separator: " OR ") }
}
