import ArgumentParser
import MuKit
import MuStore

struct CalleesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callees",
        abstract: "What NAME (a symbol as for `mu query`, or PATH:LINE) calls, each call resolved to an indexed function where possible.",
        discussion: "Calls are resolved by name: same file, then same type, then a unique name in the repository; others are ambiguous (several candidates) or not in the index (libraries, builtins)."
    )

    @Argument(help: "A symbol or PATH:LINE.")
    var name: String

    @Option(name: .shortAndLong, help: "At most this many calls per function.")
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
            let callees = try await graph.callees(of: target, limit: limit)
            if json {
                callees.forEach { out.line(CallsFormat.calleeJSON(target, $0)) }
                continue
            }
            out.line(Terminal.bold(target.qualifiedName) + "  \(target.path):\(target.startLine)-\(target.endLine)  calls \(callees.count) name\(callees.count == 1 ? "" : "s")")
            callees.forEach { out.line(CallsFormat.calleeLine($0)) }
        }
        out.flush()
    }
}
