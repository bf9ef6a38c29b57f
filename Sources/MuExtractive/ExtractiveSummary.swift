/// What the offline summarizer says about one function: 1–3 bullets that pass the same
/// rules as model replies (``MuSummaryText/SummaryParser``).
public struct ExtractiveSummary: Sendable, Hashable {
    public var bullets: [String]

    public init(bullets: [String]) {
        self.bullets = bullets
    }
}
