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

    @Option(name: .shortAndLong, help: "At most this many results.")
    var limit = 20

    @Flag(help: "Print NDJSON, one function per line.")
    var json = false

    @Option(name: .customLong("path"), help: "A path inside the repository (default: the current directory).")
    var repositoryPath = "."

    func run() async throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
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

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search over function names, paths and summaries, best match first (BM25).",
        discussion: "Words are matched as plain text (quotes, *, -, NEAR are not operators); all words must match, else any."
    )

    @Argument(help: "Words to look for.")
    var text: [String]

    @Option(name: .shortAndLong, help: "At most this many results.")
    var limit = 20

    @Flag(help: "Print NDJSON, one function per line.")
    var json = false

    @Option(name: .customLong("path"), help: "A path inside the repository (default: the current directory).")
    var repositoryPath = "."

    func run() async throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
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

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "The functions of a file with their summaries, or the one that contains a line (PATH:LINE)."
    )

    @Argument(help: "A file, optionally with :LINE.", completion: .file())
    var target: String

    @Flag(help: "Print NDJSON, one function per line.")
    var json = false

    func run() async throws {
        var pathPart = target
        var line: Int? = nil
        if let colon = target.lastIndex(of: ":"), let n = Int(target[target.index(after: colon)...]) {
            pathPart = String(target[..<colon])
            line = n
        }
        let located = try FunctionLister.locate(pathPart)
        guard let relative = located.relative else { throw ValidationError("\(pathPart) is the repository root; name a file") }
        let database = try Workspace(path: pathPart).openDatabase(create: false)
        let index = SymbolIndex(database: database)
        let functions: [IndexedFunction]
        if let line {
            guard let f = try await index.function(at: relative, line: line) else {
                throw ShowError.noFunction(relative, line)
            }
            functions = [f]
        } else {
            functions = try await index.functions(inPath: relative)
            if functions.isEmpty { Terminal.note("no functions indexed in \(relative) (run mu summarize if it is new)") }
        }
        var out = StdoutBuffer()
        for f in functions {
            if json { out.line(FunctionFormat.json(f).text) } else { FunctionFormat.human(f).forEach { out.line($0) } }
        }
        out.flush()
    }
}

enum ShowError: MuFailure {
    case noFunction(String, Int)
    var description: String {
        switch self {
        case .noFunction(let path, let line): "no indexed function contains \(path):\(line)"
        }
    }
}
