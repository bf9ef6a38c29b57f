import Foundation

/// The comparison a results file supports: one ``CellSummary`` per cell (in first-seen order) and,
/// with a baseline, one ``ExperimentComparison`` per other cell. `mu experiment` prints it after a run;
/// `mu experiment report FILE` recomputes it from the JSONL without calling anything.
public struct ExperimentReport: Sendable, Hashable, Codable {
    public var cells: [CellSummary]
    public var baseline: String?
    public var comparisons: [ExperimentComparison]

    /// - Parameter baseline: a cell id, or its 1-based number in the table.
    public init(rows: [ExperimentRow], baseline: String? = nil) throws(ExperimentError) {
        var order: [String] = []
        var grouped: [String: [ExperimentRow]] = [:]
        for row in rows {
            if grouped[row.cell] == nil { order.append(row.cell) }
            grouped[row.cell, default: []].append(row)
        }
        cells = order.map { CellSummary(cell: $0, rows: grouped[$0] ?? []) }
        guard let baseline else {
            self.baseline = nil
            comparisons = []
            return
        }
        let resolved: String
        if order.contains(baseline) {
            resolved = baseline
        } else if let number = Int(baseline), order.indices.contains(number - 1) {
            resolved = order[number - 1]
        } else {
            throw .usage("--baseline \(baseline): no such cell (cells: \(order.enumerated().map { "\($0.offset + 1) \($0.element)" }.joined(separator: ", ")))")
        }
        self.baseline = resolved
        comparisons = order.filter { $0 != resolved }.map {
            ExperimentComparison(cell: $0, rows: grouped[$0] ?? [], baseline: resolved, baselineRows: grouped[resolved] ?? [])
        }
    }
}
