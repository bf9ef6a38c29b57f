import ArgumentParser
import Foundation
import MuKit
import MuStore
import MuCore

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search over function names, paths and summaries, best match first (BM25).",
        discussion: "Words are matched as plain text (quotes, *, -, NEAR are not operators); all words must match, else any."
    )

    @Argument(help: "Words to look for.")
    var text: [String]

    @OptionGroup var options: IndexQueryOptions
    var limit: Int { options.limit }
    var json: Bool { options.json }
    var repositoryPath: String { options.repositoryPath }

    func run() async throws {
        let query = text.joined(separator: " ")
        let database = try Workspace(path: repositoryPath).openDatabase(create: false)
        let marks = json ? ("", "") : (Terminal.colors ? ("\u{1B}[1;33m", "\u{1B}[0m") : ("[", "]"))
        let hits = try await SymbolIndex(database: database).search(query, limit: limit, highlight: marks)
        var out = StdoutBuffer()
        for hit in hits {
            if json {
                out.line(FunctionFormat.json(hit.function).field("snippet", hit.snippet).field("score", hit.score).text)
            } else {
                FunctionFormat.human(hit.function, snippet: hit.snippet).forEach { out.line($0) }
            }
        }
        out.flush()
        if hits.isEmpty && !json { Terminal.note("nothing matches \"\(query)\"") }
    }
}
