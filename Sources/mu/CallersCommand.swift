import ArgumentParser
import MuKit
import MuStore

struct CallersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callers",
        abstract: "Functions that call NAME (a symbol as for `mu query`, or PATH:LINE), from the recorded calls.",
        discussion: "Calls are resolved by name: same file, then same type, then a unique name in the repository; calls that could mean several functions are listed last as ambiguous."
    )

    @Argument(help: "A symbol or PATH:LINE.")
    var name: String

    @Option(name: .shortAndLong, help: "At most this many callers per function.")
    var limit = 50

    @Flag(help: "Print NDJSON, one call per line.")
    var json = false

    @Option(name: .customLong("path"), help: "A path inside the repository (default: the current directory).")
    var repositoryPath = "."

    func run() async throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        let database = try Workspace(path: repositoryPath).openDatabase(create: false)
        let targets = try await CallTargets.find(name, index: SymbolIndex(database: database), relativePath: CallsFormat.relativePath)
        let graph = CallGraph(database: database)
        var out = StdoutBuffer()
        for target in targets {
            let callers = try await graph.callers(of: target, limit: limit)
            if json {
                callers.forEach { out.line(CallsFormat.callerJSON(target, $0)) }
                continue
            }
            out.line(Terminal.bold(target.qualifiedName) + "  \(target.path):\(target.startLine)-\(target.endLine)  called from \(callers.count) place\(callers.count == 1 ? "" : "s")")
            callers.forEach { out.line(CallsFormat.callerLine($0)) }
        }
        out.flush()
    }
}
