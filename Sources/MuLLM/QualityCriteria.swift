import MuSummaryText

/// What a summary must satisfy to be accepted (`[quality]`), on top of the parser's own rules
/// (not empty, no code, no copied code line). A reply that fails gets the one re-ask; still failing,
/// the function is recorded as failed and nothing is cached. Non-default criteria are part of the
/// cache key (``fingerprint``): they change which replies are accepted.
public struct QualityCriteria: Sendable, Hashable, Codable {
    /// Fewest bullets accepted.
    public var minBullets: Int
    /// Most bullets accepted (the parser keeps at most `max(maxBullets, 5)`; more than `maxBullets` fails).
    public var maxBullets: Int
    /// Most words in one bullet.
    public var maxWords: Int
    /// Least share of the code identifiers named in the summary that must occur in the body, 0 to 1
    /// (see ``CodeIdentifiers/grounding(of:body:)``); a summary naming no identifier passes.
    public var minGrounding: Double

    public init(minBullets: Int = 1, maxBullets: Int = SummaryParser.defaultMaxBullets,
                maxWords: Int = SummaryParser.defaultMaxWordsPerBullet, minGrounding: Double = 0) {
        self.minBullets = max(1, minBullets)
        self.maxBullets = max(self.minBullets, maxBullets)
        self.maxWords = max(1, maxWords)
        self.minGrounding = min(1, max(0, minGrounding))
    }

    /// mu's defaults: what the parser alone accepts.
    public static let standard = QualityCriteria()

    /// The parser that cleans replies under these criteria.
    public var parser: SummaryParser {
        SummaryParser(maxBullets: max(maxBullets, SummaryParser.defaultMaxBullets), maxWordsPerBullet: maxWords)
    }

    /// Why parsed `bullets` fail a criterion, or nil when they pass.
    public func problem(with bullets: [String], body: String) -> String? {
        if bullets.count < minBullets { return "it has \(bullets.count) bullet\(bullets.count == 1 ? "" : "s") (at least \(minBullets) required)" }
        if bullets.count > maxBullets { return "it has \(bullets.count) bullets (at most \(maxBullets) allowed)" }
        if minGrounding > 0, let grounding = CodeIdentifiers.grounding(of: bullets, body: body), grounding < minGrounding {
            let names = CodeIdentifiers.named(in: bullets.joined(separator: "\n"))
            return "it names identifiers the code does not contain (\(Int((grounding * 100).rounded())) % of \(names.count) found, \(Int((minGrounding * 100).rounded())) % required)"
        }
        return nil
    }

    /// Cleans and validates a reply: the parser's rules, then these criteria.
    public func parse(_ reply: String, body: String) throws(InvalidSummary) -> [String] {
        let bullets = try parser.parse(reply, body: body)
        if let reason = problem(with: bullets, body: body) { throw InvalidSummary(reason: reason) }
        return bullets
    }

    /// The cache-key component, nil for ``standard`` (so existing keys stay valid):
    /// `bullets=1-3,words=20,grounding=0.8`.
    public var fingerprint: String? {
        guard self != .standard else { return nil }
        return "bullets=\(minBullets)-\(maxBullets),words=\(maxWords),grounding=\(ParamsFingerprint.format(minGrounding))"
    }
}
