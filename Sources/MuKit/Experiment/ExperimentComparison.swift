/// `--baseline CELL`: every other cell against the baseline on the same functions, measure by measure:
/// the mean paired difference (cell − baseline), its bootstrap 95 % interval (``PairedBootstrap``) and
/// the winner — the cell or the baseline when the interval excludes 0 and the measure has a direction,
/// `tie` when it includes 0, none for measures without a direction (bullets, words) or without pairs.
public struct ExperimentComparison: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public var measure: ExperimentMeasure
        public var interval: PairedBootstrap.Interval?
        /// `cell`, `baseline`, `tie`, or nil.
        public var winner: String?
    }

    public var cell: String
    public var baseline: String
    public var entries: [Entry]

    /// Pairs rows by function (path, qualified name, start line).
    public init(cell: String, rows: [ExperimentRow], baseline: String, baselineRows: [ExperimentRow],
                resamples: Int = PairedBootstrap.defaultResamples, seed: UInt64 = PairedBootstrap.defaultSeed) {
        func identity(_ row: ExperimentRow) -> String { "\(row.path)\u{1F}\(row.qualifiedName)\u{1F}\(row.startLine)" }
        let base = Dictionary(baselineRows.map { (identity($0), $0) }, uniquingKeysWith: { a, _ in a })
        let pairs = rows.compactMap { row in base[identity(row)].map { (row, $0) } }
        self.cell = cell
        self.baseline = baseline
        entries = ExperimentMeasure.allCases.compactMap { measure in
            let differences = pairs.compactMap { pair -> Double? in
                guard let a = measure.value(of: pair.0), let b = measure.value(of: pair.1) else { return nil }
                return a - b
            }
            if differences.isEmpty, [.accuracy, .completeness, .concision, .latency].contains(measure) { return nil }
            let interval = PairedBootstrap.interval(differences, resamples: resamples, seed: seed)
            return Entry(measure: measure, interval: interval, winner: Self.winner(interval, direction: measure.direction))
        }
    }

    static func winner(_ interval: PairedBootstrap.Interval?, direction: Int) -> String? {
        guard let interval, direction != 0 else { return nil }
        if interval.low > 0 { return direction > 0 ? "cell" : "baseline" }
        if interval.high < 0 { return direction > 0 ? "baseline" : "cell" }
        return "tie"
    }
}
