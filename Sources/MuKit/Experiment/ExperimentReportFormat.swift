import Foundation

/// Renders an ``ExperimentReport`` as an aligned table, Markdown, or JSON.
public enum ExperimentReportFormat: String, Sendable, CaseIterable {
    case table, markdown, json

    public func render(_ report: ExperimentReport) -> String {
        switch self {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            return String(decoding: (try? encoder.encode(report)) ?? Data(), as: UTF8.self)
        case .table, .markdown:
            var text = grid(header: Self.cellHeader(report), leftAligned: 2, rows: report.cells.enumerated().map { Self.cellColumns($0.offset + 1, $0.element, judged: Self.judged(report)) })
            for comparison in report.comparisons {
                text += "\n\n" + (self == .markdown ? "### " : "") + "\(comparison.cell) vs baseline \(comparison.baseline)\n"
                if self == .markdown { text += "\n" }
                text += grid(header: ["measure", "difference", "95% CI", "pairs", "winner"], leftAligned: 1,
                             rows: comparison.entries.map(Self.comparisonColumns))
            }
            return text
        }
    }

    /// Columns aligned (the first `leftAligned` to the left, numbers to the right), or a Markdown table.
    private func grid(header: [String], leftAligned: Int, rows: [[String]]) -> String {
        if self == .markdown {
            let escape = { (s: String) in s.replacingOccurrences(of: "|", with: "\\|") }
            return ([header, header.map { _ in "---" }] + rows).map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
                .joined(separator: "\n")
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { columns in
            columns.enumerated().map { index, text in
                index < leftAligned ? text.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[index] - text.count) + text
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }

    static func judged(_ report: ExperimentReport) -> Bool { report.cells.contains { $0.accuracy != nil } }

    static func cellHeader(_ report: ExperimentReport) -> [String] {
        ["#", "cell", "n", "valid", "bullets", "words", "grounding", "coverage", "redundancy", "latency", "p95",
         "in tok", "out tok", "$/1k fn"] + (judged(report) ? ["accuracy", "completeness", "concision"] : [])
    }

    static func cellColumns(_ number: Int, _ cell: CellSummary, judged: Bool) -> [String] {
        [String(number), cell.cell, String(cell.functions), percent(cell.validityRate), number2(cell.meanBullets),
         number1(cell.meanWords), percent(cell.grounding), percent(cell.coverage), percent(cell.redundancy),
         seconds(cell.meanLatencyS), seconds(cell.p95LatencyS), number1(cell.meanInputTokens),
         number1(cell.meanOutputTokens), String(format: "%.4f", cell.costPer1000USD)]
            + (judged ? [number2(cell.accuracy), number2(cell.completeness), number2(cell.concision)] : [])
    }

    static func comparisonColumns(_ entry: ExperimentComparison.Entry) -> [String] {
        guard let interval = entry.interval else { return [entry.measure.rawValue, "–", "–", "0", "–"] }
        let f = { (v: Double) in entry.measure == .cost ? String(format: "%+.6f", v) : String(format: "%+.3f", v) }
        return [entry.measure.rawValue, f(interval.mean), "[\(f(interval.low)), \(f(interval.high))]", String(interval.pairs),
                entry.winner ?? "–"]
    }

    static func percent(_ value: Double?) -> String { value.map { String(format: "%.0f%%", $0 * 100) } ?? "–" }
    static func number1(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "–" }
    static func number2(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "–" }
    static func seconds(_ value: Double?) -> String { value.map { String(format: "%.0fms", $0 * 1000) } ?? "–" }
}
