/// A reply or a set of bullets that is not a usable summary, and why (one line, e.g.
/// `bullet 2 has 31 words (limit 25)`).
public struct InvalidSummary: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
