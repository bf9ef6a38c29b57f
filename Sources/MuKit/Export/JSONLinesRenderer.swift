import Foundation

/// `--format jsonl`: one ``ExportFunctionRow`` per line, nothing else (roll-ups are in `json`).
struct JSONLinesRenderer: ExportRenderer {
    private let encoder = ExportJSON.makeEncoder()

    mutating func begin(_ context: ExportContext, to sink: ExportSink) throws {}

    mutating func file(_ file: ExportFile, to sink: ExportSink) throws {
        for row in file.functions {
            try sink.write(try encoder.encode(row))
            try sink.write("\n")
        }
    }

    mutating func finish(_ totals: ExportTotals, to sink: ExportSink) throws {}
}
