/// One line of the comparison table: a cell's rows aggregated (docs/experiments.md defines each).
/// Means of bullets, words, grounding, coverage and redundancy are over valid summaries where the
/// measure is defined; latency over rows that called the provider (cache hits have none); tokens and
/// cost over all rows (failed calls were paid for too); p95 is the nearest-rank 95th percentile.
public struct CellSummary: Sendable, Hashable, Codable {
    public var cell: String
    public var functions: Int
    public var valid: Int
    public var validityRate: Double
    public var meanBullets: Double?
    public var meanWords: Double?
    public var grounding: Double?
    public var coverage: Double?
    public var redundancy: Double?
    public var meanLatencyS: Double?
    public var p95LatencyS: Double?
    public var meanInputTokens: Double
    public var meanOutputTokens: Double
    public var costPer1000USD: Double
    public var accuracy: Double?
    public var completeness: Double?
    public var concision: Double?

    enum CodingKeys: String, CodingKey {
        case cell, functions, valid, grounding, coverage, redundancy, accuracy, completeness, concision
        case validityRate = "validity_rate", meanBullets = "mean_bullets", meanWords = "mean_words"
        case meanLatencyS = "mean_latency_s", p95LatencyS = "p95_latency_s", meanInputTokens = "mean_input_tokens"
        case meanOutputTokens = "mean_output_tokens", costPer1000USD = "cost_per_1000_usd"
    }

    public init(cell: String, rows: [ExperimentRow]) {
        func mean(_ measure: ExperimentMeasure) -> Double? { Self.mean(rows.compactMap(measure.value(of:))) }
        self.cell = cell
        functions = rows.count
        valid = rows.filter(\.valid).count
        validityRate = rows.isEmpty ? 0 : Double(valid) / Double(rows.count)
        meanBullets = mean(.bullets)
        meanWords = mean(.words)
        grounding = mean(.grounding)
        coverage = mean(.coverage)
        redundancy = mean(.redundancy)
        let latencies = rows.compactMap(\.latencyS)
        meanLatencyS = Self.mean(latencies)
        p95LatencyS = Self.percentile95(latencies)
        meanInputTokens = Self.mean(rows.map { Double($0.inputTokens) }) ?? 0
        meanOutputTokens = Self.mean(rows.map { Double($0.outputTokens) }) ?? 0
        costPer1000USD = rows.isEmpty ? 0 : rows.reduce(0) { $0 + $1.costUSD } / Double(rows.count) * 1000
        accuracy = mean(.accuracy)
        completeness = mean(.completeness)
        concision = mean(.concision)
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// Nearest rank: the value at position ⌈0.95·n⌉ of the sorted values (1-based).
    static func percentile95(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((0.95 * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count, rank) - 1)]
    }
}
