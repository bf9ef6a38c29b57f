import Foundation
@testable import MuKit
import MuStore
import MuTestSupport

/// A summarized repository to export: three files in two directories, one function whose summary
/// fails (exported with `summary: null`), an `origin` remote with credentials in its URL (never
/// contacted), roll-ups on.
struct ExportFixture {
    let repo: TempGitRepository
    let workspace: Workspace
    let database: MuDatabase
    let repository: ExportRepository
    let head: String

    static func make() async throws -> ExportFixture {
        let repo = try TempGitRepository()
        _ = try repo.write("src/app.py", threeFunctions)
        _ = try repo.write("src/util/text.py", "def shout(s):\n    return s.upper() + \"!\"\n")
        _ = try repo.write("lib/io.py", "def read_all(path):\n    with open(path) as f:\n        return f.read()\n")
        try repo.commitAll()
        _ = try repo.git(["remote", "add", "origin", "https://user:s3cret@example.invalid/org/repo.git"])
        let workspace = try testWorkspace(repo)
        var summarizer = try Summarizer(workspace: workspace, provider: RecordingProvider(invalidFor: ["beta"]))
        summarizer.rollups = true
        _ = try await summarizer.run()
        let database = try workspace.openDatabaseForReading()
        let repository = try ExportRepository(discovering: repo.root.path)
        let head = try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        return ExportFixture(repo: repo, workspace: workspace, database: database, repository: repository, head: head)
    }

    /// Exports to a file in the repository's temp dir and returns its text.
    func export(_ format: ExportFormat, paths: String? = nil) async throws -> (text: String, totals: ExportTotals) {
        let out = repo.root.appendingPathComponent(".mu-test-home/export-\(UUID().uuidString).\(format.rawValue)").path
        try FileManager.default.createDirectory(atPath: (out as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let sink = try ExportSink(path: out)
        let exporter = Exporter(database: database, repository: repository,
                                options: Exporter.Options(format: format, paths: paths, generator: "mu test", pageSize: 2))
        let totals = try await exporter.write(to: sink)
        try sink.commit()
        return (try String(contentsOfFile: out, encoding: .utf8), totals)
    }

    /// Every indexed function, through MuStore's own paging.
    func indexedFunctions() async throws -> [IndexedFunction] {
        let index = SymbolIndex(database: database)
        var all: [IndexedFunction] = []
        var after: Int64 = 0
        while true {
            let page = try await index.functions(afterID: after, limit: 100)
            guard let last = page.last else { return all }
            all += page
            after = last.id
        }
    }
}
