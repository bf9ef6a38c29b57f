/// What the offline summarizer says about one function: up to 3 bullets that pass the same
/// rules as model replies (``MuSummaryText/SummaryParser``), or none.
public struct ExtractiveSummary: Sendable, Hashable {
    public var bullets: [String]
    /// The code says nothing a reader could not see from the signature (no doc comment, no
    /// returned value, effect, failure or call worth naming): no bullets, shown as
    /// `offline: signature only` — never padding that restates the name.
    public var signatureOnly: Bool { bullets.isEmpty }

    public init(bullets: [String]) {
        self.bullets = bullets
    }
}
