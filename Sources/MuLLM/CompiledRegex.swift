import Foundation

/// A regular expression compiled once and shared.
struct CompiledRegex: @unchecked Sendable {
    // NSRegularExpression is immutable after creation and documented as safe
    // to use from several threads at once; it is merely not marked Sendable.
    let regex: NSRegularExpression

    /// `nil` for an invalid pattern (patterns are constants covered by tests).
    init?(_ pattern: String, options: NSRegularExpression.Options = []) {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: options) else { return nil }
        self.regex = regex
    }

    func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    func allMatches(_ text: String) -> [NSTextCheckingResult] {
        regex.matches(in: text, range: NSRange(text.startIndex..., in: text))
    }
}
