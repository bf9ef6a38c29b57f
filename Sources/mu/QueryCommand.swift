import ArgumentParser
import Foundation
import MuKit
import MuStore
import MuCore

struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Find functions by name: exact, qualified (Type.method), suffix or glob (test_*).",
        discussion: "Matches rank exact name > qualified name > suffix (`request` finds `Session.request`) > glob; a case-insensitive match is tried only when nothing else matches."
    )

    @Argument(help: "A name, qualified name, suffix or glob.")
    var symbol: String

    @OptionGroup var options: IndexQueryOptions
    var limit: Int { options.limit }
    var json: Bool { options.json }
    var repositoryPath: String { options.repositoryPath }

    func run() async throws {
        let database = try Workspace(path: repositoryPath).openDatabase(create: false)
        let matches = try await SymbolIndex(database: database).query(symbol, limit: limit)
        var out = StdoutBuffer()
        for match in matches {
            if json {
                out.line(FunctionFormat.json(match.function).field("match", match.kind.description).text)
            } else {
                FunctionFormat.human(match.function, tag: match.kind.description).forEach { out.line($0) }
            }
        }
        out.flush()
        if matches.isEmpty && !json { Terminal.note("no function matches \"\(symbol)\"") }
    }
}

/// The options `query` and `search` share: how many results, NDJSON, which repository.
struct IndexQueryOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "At most this many results.")
    var limit = 20

    @Flag(help: "Print NDJSON, one function per line.")
    var json = false

    @Option(name: .customLong("path"), help: "A path inside the repository (default: the current directory).")
    var repositoryPath = "."

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }
}
