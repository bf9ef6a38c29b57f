import ArgumentParser
import Foundation
import MuKit

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the index with provenance: JSONL rows, one JSON document, Markdown or one self-contained HTML page.",
        discussion: """
        Every function is exported, with `summary: null` when it has none yet. Rows follow the versioned \
        schema mu.export/1 (docs/export.md): repository root and origin URL, commit, path, span, language, \
        names, kind, body hash, bullets, provider, model, strategy, parameters, prompt version, template hash, \
        tokens, cost, latency, created_at. Reads the index only; run `mu summarize` first.
        """
    )

    @Argument(help: "The repository, or a directory inside it.", completion: .directory)
    var path: String = "."

    @Option(help: "jsonl (one row per function), json (one document with roll-ups), markdown or html.")
    var format: ExportFormat = .jsonl

    @Option(help: "Write to FILE instead of standard output (`-`).", completion: .file())
    var out: String = "-"

    @Option(help: "Only files matching this glob (gitignore-style: 'src/**', '*.py').")
    var paths: String?

    func run() async throws {
        let workspace = try Workspace.forReading(path: path)
        let database = try workspace.openDatabaseForReading()
        let repository = try ExportRepository(discovering: workspace.root.path)
        let sink = try ExportSink(path: out)
        let exporter = Exporter(database: database, repository: repository,
                                options: Exporter.Options(format: format, paths: paths, generator: "mu \(MuVersion.string)"))
        try await exporter.write(to: sink)
        try sink.commit()
    }
}

extension ExportFormat: ExpressibleByArgument {}
