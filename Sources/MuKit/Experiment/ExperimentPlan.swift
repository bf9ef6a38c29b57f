import MuLLM

/// What an experiment would send before anything is sent: the grid's size, cache hits (free) and
/// misses per cell, and the estimated cost including the judge's.
public struct ExperimentPlan: Sendable {
    public struct Cell: Sendable {
        public var id: String
        public var provider: String
        public var model: String
        public var hits: Int
        public var misses: Int
        public var estimate: CostEstimate
    }

    public var cells: [Cell]
    public var functions: Int
    /// Judgements not in the cache, and their estimate (the judge's own cost).
    public var judgeRequests: Int
    public var judgeEstimate: CostEstimate

    public var misses: Int { cells.reduce(0) { $0 + $1.misses } }
    public var hits: Int { cells.reduce(0) { $0 + $1.hits } }
    public var estimate: CostEstimate { cells.reduce(CostEstimate()) { $0 + $1.estimate } + judgeEstimate }
    public var requests: Int { misses + judgeRequests }

    /// One line: `12 cells × 40 functions = 480 summaries: 400 cached, 80 to send (~$0.0123); judge: 80 calls (~$0.0040)`.
    public var text: String {
        var line = "\(cells.count) cell\(cells.count == 1 ? "" : "s") × \(functions) function\(functions == 1 ? "" : "s") = \(cells.count * functions) summaries: "
            + "\(hits) cached, \(misses) to send"
        line += price(cells.reduce(CostEstimate()) { $0 + $1.estimate })
        if judgeRequests > 0 { line += "; judge: \(judgeRequests) call\(judgeRequests == 1 ? "" : "s")" + price(judgeEstimate) }
        return line
    }

    private func price(_ estimate: CostEstimate) -> String {
        guard estimate.requests > 0 else { return "" }
        return estimate.isPriced ? " (~$\(Money.format(estimate.costUSD)))" : " (price unknown)"
    }
}
