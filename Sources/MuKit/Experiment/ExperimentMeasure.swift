/// A measure the comparison table reports per cell and compares against the baseline, with the
/// direction that counts as better.
public enum ExperimentMeasure: String, Sendable, Hashable, Codable, CaseIterable {
    case validity, bullets, words, grounding, coverage, redundancy, latency
    case inputTokens = "input_tokens", outputTokens = "output_tokens", cost
    case accuracy, completeness, concision

    /// +1 when higher is better, −1 when lower is better, 0 when neither (bullets, words).
    public var direction: Int {
        switch self {
        case .validity, .grounding, .coverage, .accuracy, .completeness, .concision: 1
        case .redundancy, .latency, .inputTokens, .outputTokens, .cost: -1
        case .bullets, .words: 0
        }
    }

    /// The row's value for this measure; nil when it has none (an invalid summary's words, a cache
    /// hit's latency, no judge).
    public func value(of row: ExperimentRow) -> Double? {
        switch self {
        case .validity: row.valid ? 1 : 0
        case .bullets: row.valid ? Double(row.bulletCount) : nil
        case .words: row.valid ? Double(row.wordCount) : nil
        case .grounding: row.valid ? row.grounding : nil
        case .coverage: row.valid ? row.coverage : nil
        case .redundancy: row.valid ? row.redundancy : nil
        case .latency: row.latencyS
        case .inputTokens: Double(row.inputTokens)
        case .outputTokens: Double(row.outputTokens)
        case .cost: row.costUSD
        case .accuracy: row.judge.map { Double($0.accuracy) }
        case .completeness: row.judge.map { Double($0.completeness) }
        case .concision: row.judge.map { Double($0.concision) }
        }
    }
}
