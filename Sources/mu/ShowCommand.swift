import ArgumentParser
import Foundation
import MuKit
import MuStore
import MuCore

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
            let calls = try await index.calls(ofFunction: f.id)
            if json {
                out.line(FunctionFormat.json(f).field("calls", strings: calls.map(\.calleeName)).text)
            } else {
                FunctionFormat.human(f).forEach { out.line($0) }
                if !calls.isEmpty { out.line("    calls: " + FunctionFormat.distinctNames(calls.map(\.calleeName))) }
            }
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
