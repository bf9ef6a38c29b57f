import Foundation
import MuSummaryText

/// The measures of one summary against its function (docs/experiments.md defines each):
/// - `bullets`, `words`: counts (words as the parser counts them, summed over bullets);
/// - `grounding`: share of the code identifiers named in the summary that occur in the body
///   (``CodeIdentifiers``), nil when it names none;
/// - `coverage`: share of the function's items the summary mentions, nil when it has none. Items: each
///   parameter (named as a word, case-insensitive, `_` read as a space too), the returned value when
///   there is one (a word starting with return, yield, result, produc or give), and raised errors when
///   there are any (one item: an error's name, or a word starting with raise, throw, error, fail or exception);
/// - `redundancy`: share of the summary's content words (stop words left out) that are words of the
///   function's own name — "Gets the user" for `get_user` is 1, a summary saying something new is near 0.
public struct SummaryMetrics: Sendable, Hashable, Codable {
    public var bullets: Int
    public var words: Int
    public var grounding: Double?
    public var coverage: Double?
    public var redundancy: Double

    public init(bullets: Int, words: Int, grounding: Double?, coverage: Double?, redundancy: Double) {
        self.bullets = bullets
        self.words = words
        self.grounding = grounding
        self.coverage = coverage
        self.redundancy = redundancy
    }

    public init(bullets: [String], body: String, facts: FunctionFacts) {
        let text = bullets.joined(separator: "\n")
        let words = Self.words(text)
        self.init(bullets: bullets.count,
                  words: bullets.reduce(0) { $0 + SummaryParser.wordCount($1) },
                  grounding: CodeIdentifiers.grounding(of: bullets, body: body),
                  coverage: Self.coverage(words: words, text: text.lowercased(), facts: facts),
                  redundancy: Self.redundancy(words: words, facts: facts))
    }

    static func coverage(words: [String], text: String, facts: FunctionFacts) -> Double? {
        var items = 0
        var mentioned = 0
        let wordSet = Set(words)
        for parameter in facts.parameters {
            items += 1
            let lower = parameter.lowercased()
            if wordSet.contains(lower) || (lower.contains("_") && text.contains(lower.replacingOccurrences(of: "_", with: " "))) {
                mentioned += 1
            }
        }
        if facts.returnsValue {
            items += 1
            if words.contains(where: { word in ["return", "yield", "result", "produc", "give"].contains { word.hasPrefix($0) } }) {
                mentioned += 1
            }
        }
        if !facts.raises.isEmpty {
            items += 1
            let named = facts.raises.contains { name in
                let last = name.split(separator: ".").last.map(String.init) ?? name
                return wordSet.contains(last.lowercased())
            }
            if named || words.contains(where: { word in ["raise", "throw", "error", "fail", "exception"].contains { word.hasPrefix($0) } }) {
                mentioned += 1
            }
        }
        return items == 0 ? nil : Double(mentioned) / Double(items)
    }

    static func redundancy(words: [String], facts: FunctionFacts) -> Double {
        let content = words.filter { !stopWords.contains($0) }
        guard !content.isEmpty else { return 0 }
        let name = Set(facts.nameWords)
        return Double(content.filter { name.contains($0) }.count) / Double(content.count)
    }

    /// Lowercased words (letters, digits, `_`), in order.
    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init)
    }

    static let stopWords: Set<String> = [
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "from", "by", "at", "as", "is",
        "are", "be", "it", "its", "this", "that", "if", "when", "into", "not", "no", "all", "any", "each",
    ]
}
