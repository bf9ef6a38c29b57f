import Foundation

/// A regular expression compiled once and shared.
///
/// Before running ICU it checks the literals every match must contain
/// (``RequiredLiterals``): most of the extractive heuristics' patterns name
/// an API (`subprocess.`, `fopen`), and most bodies mention none of them, so
/// most calls end in a byte search instead of a regex run.
package final class CompiledRegex: @unchecked Sendable {
    // Immutable. NSRegularExpression is immutable after creation and documented
    // as safe to use from several threads at once; it is merely not marked Sendable.
    // A class: the tables hold many, and passing references costs less than copying fields.
    package let regex: NSRegularExpression
    /// Every match contains one literal of each of these sets (none known: always run the regex).
    package let literals: RequiredLiterals

    /// `nil` for an invalid pattern (patterns are constants covered by tests).
    package init?(_ pattern: String, options: NSRegularExpression.Options = []) {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: options) else { return nil }
        self.regex = regex
        // Case folding and free-spacing change what the pattern's characters mean: no literals then.
        let reread: NSRegularExpression.Options = [.caseInsensitive, .ignoreMetacharacters, .allowCommentsAndWhitespace]
        self.literals = !options.isDisjoint(with: reread)
            ? RequiredLiterals.none
            : RequiredLiterals(pattern: pattern)
    }

    /// False when no match is possible because required literals are absent.
    @inline(__always)
    package func mayMatch(_ text: String) -> Bool {
        literals.mayOccur(in: text)
    }

    /// ``matches(_:)`` for a text searched by many patterns.
    package func matches(_ text: ScanText) -> Bool {
        guard literals.mayOccur(in: text) else { return false }
        return regex.firstMatch(in: text.text, range: NSRange(text.text.startIndex..., in: text.text)) != nil
    }

    package func matches(_ text: String) -> Bool {
        guard mayMatch(text) else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    package func allMatches(_ text: String) -> [NSTextCheckingResult] {
        guard mayMatch(text) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text))
    }

    /// `text.range(of: pattern, options: .regularExpression)`.
    package func firstRange(in text: String) -> Range<String.Index>? {
        guard mayMatch(text) else { return nil }
        let found = regex.rangeOfFirstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        guard found.location != NSNotFound else { return nil }
        return Range(found, in: text)
    }

    /// `text.replacingOccurrences(of: pattern, with: template, options: .regularExpression)`.
    package func replacingMatches(in text: String, with template: String) -> String {
        guard mayMatch(text) else { return text }
        return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text),
                                              withTemplate: template)
    }
}
