import Foundation

/// What every export format sees: the run's metadata first, then one file at a time in path
/// order, then the totals. A renderer writes as it goes and keeps at most per-file state (the
/// HTML file tree keeps the paths), so an export's memory stays flat on a big index.
protocol ExportRenderer {
    mutating func begin(_ context: ExportContext, to sink: ExportSink) throws
    mutating func file(_ file: ExportFile, to sink: ExportSink) throws
    mutating func finish(_ totals: ExportTotals, to sink: ExportSink) throws
}

/// The export's metadata.
public struct ExportContext: Sendable {
    public var repository: ExportRepository
    /// The program that wrote it, e.g. `mu 0.1.0`.
    public var generator: String
    public var exportedAt: Date
    /// The `--paths` glob, when one narrowed the export.
    public var pathsGlob: String?
    /// Roll-ups of the exported files, their directories and the repository, in path order.
    public var rollups: [ExportRollupRow]

    /// The repository-wide roll-up (`.`), when there is one.
    var repositoryRollup: ExportRollupRow? { rollups.first { $0.kind == "repository" } }
    /// Directory roll-ups in path order.
    var directoryRollups: [ExportRollupRow] { rollups.filter { $0.kind == "directory" } }
    /// A short name for titles: the root's last component.
    var title: String { URL(fileURLWithPath: repository.root).lastPathComponent }
}

/// One file's functions (in line order) and its roll-up.
public struct ExportFile: Sendable {
    public var path: String
    public var language: String
    public var rollup: ExportRollupRow?
    public var functions: [ExportFunctionRow]
}

/// What an export contained.
public struct ExportTotals: Sendable, Hashable, Codable {
    public var files = 0
    public var functions = 0
    public var summarized = 0
    public var rollups = 0

    public init() {}
}

/// The JSON encoding all export output shares: keys sorted (stable, diffable), `/` unescaped.
enum ExportJSON {
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
