import Foundation
import MuSource
import MuStore

/// `mu export`: the index with provenance, streamed a page of functions at a time in path order
/// (memory stays flat however big the index is) to one of the ``ExportFormat`` renderers.
public struct Exporter: Sendable {
    public struct Options: Sendable {
        public var format: ExportFormat
        /// Only files this glob matches (gitignore-style, as `[index] include`).
        public var paths: String?
        /// Written into the metadata, e.g. `mu 0.1.0`.
        public var generator: String
        /// Functions read per query.
        public var pageSize: Int

        public init(format: ExportFormat = .jsonl, paths: String? = nil, generator: String = "mu", pageSize: Int = 2000) {
            self.format = format
            self.paths = paths
            self.generator = generator
            self.pageSize = pageSize
        }
    }

    public let database: MuDatabase
    public let repository: ExportRepository
    public let options: Options

    public init(database: MuDatabase, repository: ExportRepository, options: Options) {
        self.database = database
        self.repository = repository
        self.options = options
    }

    /// Writes the export to `sink` (the caller commits it). Returns what it contained.
    /// - Throws: ``ExportError`` for a bad glob or a failed write, `StoreError` for the index.
    @discardableResult
    public func write(to sink: ExportSink, now: Date = Date()) async throws -> ExportTotals {
        var renderer: any ExportRenderer = switch options.format {
        case .jsonl: JSONLinesRenderer()
        case .json: JSONDocumentRenderer()
        case .markdown: MarkdownRenderer()
        case .html: HTMLRenderer()
        }
        let glob = try options.paths.map { pattern -> Glob in
            guard !pattern.trimmingCharacters(in: .whitespaces).isEmpty else { throw ExportError.emptyGlob }
            return Glob(pattern)
        }
        let index = SymbolIndex(database: database)
        let rollups = try await exportedRollups(index: index, glob: glob)
        let fileRollups = Dictionary(rollups.filter { $0.kind == "file" }.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let context = ExportContext(repository: repository, generator: options.generator, exportedAt: now,
                                    pathsGlob: options.paths, rollups: rollups)
        var totals = ExportTotals()
        totals.rollups = rollups.count
        try renderer.begin(context, to: sink)

        var current: ExportFile?
        func add(_ functions: [IndexedFunction]) throws {
            for function in functions {
                if current?.path != function.path {
                    if let done = current { try emit(done, renderer: &renderer, sink: sink, totals: &totals) }
                    current = ExportFile(path: function.path, language: function.language,
                                         rollup: fileRollups[function.path], functions: [])
                }
                current?.functions.append(ExportFunctionRow(function, repository: repository))
            }
        }
        if let glob {
            // Only the matching files are read: the glob runs over the distinct paths, not every row.
            for path in try await index.indexedPaths() where glob.matches(path) {
                try Task.checkCancellation()
                try add(try await index.functions(inPath: path).sorted { ($0.startLine, $0.id) < ($1.startLine, $1.id) })
            }
        } else {
            var cursor: PathOrderCursor?
            while true {
                try Task.checkCancellation()
                let page = try await index.functionsInPathOrder(after: cursor, limit: options.pageSize)
                guard let last = page.last else { break }
                cursor = PathOrderCursor(after: last)
                try add(page)
            }
        }
        if let done = current { try emit(done, renderer: &renderer, sink: sink, totals: &totals) }
        try renderer.finish(totals, to: sink)
        return totals
    }

    private func emit(_ file: ExportFile, renderer: inout any ExportRenderer, sink: ExportSink,
                      totals: inout ExportTotals) throws {
        totals.files += 1
        totals.functions += file.functions.count
        totals.summarized += file.functions.count { $0.summary != nil }
        try renderer.file(file, to: sink)
    }

    /// The roll-ups of exported files, of their directories and (without a glob) of the repository,
    /// in path order.
    private func exportedRollups(index: SymbolIndex, glob: Glob?) async throws -> [ExportRollupRow] {
        let all = try await RollupIndex(database: database).all()
        var keep: Set<String>?
        if let glob {
            var paths: Set<String> = []
            for path in try await index.indexedPaths() where glob.matches(path) {
                paths.insert(path)
                var directory = (path as NSString).deletingLastPathComponent
                while !directory.isEmpty, paths.insert(directory).inserted {
                    directory = (directory as NSString).deletingLastPathComponent
                }
            }
            keep = paths
        }
        return all.values
            .filter { keep?.contains($0.path) ?? true }
            .sorted { ($0.path == "." ? "" : $0.path) < ($1.path == "." ? "" : $1.path) }
            .map(ExportRollupRow.init)
    }
}
