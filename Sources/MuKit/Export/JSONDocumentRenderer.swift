import Foundation

/// `--format json`: one document, written as it streams:
/// `{"schema", "generator", "exported_at", "paths", "repository", "rollups": [...], "functions": [...], "totals"}`
/// with one array element per line.
struct JSONDocumentRenderer: ExportRenderer {
    private let encoder = ExportJSON.makeEncoder()
    private var first = true

    mutating func begin(_ context: ExportContext, to sink: ExportSink) throws {
        try sink.write("{\"schema\":")
        try sink.write(try encoder.encode(ExportFunctionRow.schemaName))
        try sink.write(",\n\"generator\":")
        try sink.write(try encoder.encode(context.generator))
        try sink.write(",\n\"exported_at\":")
        try sink.write(try encoder.encode(ExportSummary.timestamp(context.exportedAt)))
        try sink.write(",\n\"paths\":")
        try sink.write(try encoder.encode(context.pathsGlob))
        try sink.write(",\n\"repository\":")
        try sink.write(try encoder.encode(context.repository))
        try sink.write(",\n\"rollups\":[")
        for (index, rollup) in context.rollups.enumerated() {
            try sink.write(index == 0 ? "\n" : ",\n")
            try sink.write(try encoder.encode(rollup))
        }
        try sink.write("],\n\"functions\":[")
    }

    mutating func file(_ file: ExportFile, to sink: ExportSink) throws {
        for row in file.functions {
            try sink.write(first ? "\n" : ",\n")
            first = false
            try sink.write(try encoder.encode(row))
        }
    }

    mutating func finish(_ totals: ExportTotals, to sink: ExportSink) throws {
        try sink.write("],\n\"totals\":")
        try sink.write(try encoder.encode(totals))
        try sink.write("}\n")
    }
}
