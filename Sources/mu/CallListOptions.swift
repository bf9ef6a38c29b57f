import ArgumentParser
import MuKit
import MuStore

/// What `mu callers` and `mu callees` share: the arguments, the index opened read-only, the
/// functions NAME names, and each function's heading line.
struct CallListOptions: ParsableArguments {
    @Argument(help: "A symbol or PATH:LINE.")
    var name: String

    @Option(name: .shortAndLong, help: "At most this many calls listed per function.")
    var limit = 50

    @Flag(help: "Print NDJSON, one call per line.")
    var json = false

    @Option(name: .customLong("path"), help: "A path inside the repository (default: the current directory).")
    var repositoryPath = "."

    /// The call graph of the index and the functions NAME stands for.
    func targets() async throws -> (graph: CallGraph, functions: [IndexedFunction]) {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        let database = try Workspace.forReading(path: repositoryPath).openDatabaseForReading()
        let functions = try await CallTargets.find(name, index: SymbolIndex(database: database),
                                                   relativePath: CallsFormat.relativePath)
        return (CallGraph(database: database), functions)
    }

    /// `Session.request  src/session.py:10-42  <what>`.
    static func heading(_ target: IndexedFunction, _ what: String) -> String {
        Terminal.bold(target.qualifiedName) + "  \(target.path):\(target.startLine)-\(target.endLine)  \(what)"
    }
}
