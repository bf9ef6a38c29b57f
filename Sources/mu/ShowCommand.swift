import ArgumentParser
import Foundation
import MuCLIFormat
import MuCore
import MuKit
import MuStore

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "A file's summary and functions (with their calls), the function containing a line (PATH:LINE), or a directory's summary and its children's (DIR, `.` for the repository)."
    )

    @Argument(help: "A file, optionally with :LINE, or a directory.", completion: .file())
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
        let database = try Workspace.forReading(path: pathPart).openDatabaseForReading()
        let index = SymbolIndex(database: database)
        let rollups = RollupIndex(database: database)
        var out = StdoutBuffer()
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: pathPart, isDirectory: &isDirectory)
        if line == nil, isDirectory.boolValue || located.relative == nil {
            // A directory (or the repository): its roll-up and its children's.
            let directory = located.relative ?? "."
            let own = try await rollups.rollup(for: directory)
            let children = try await rollups.children(of: directory)
            if own == nil && children.isEmpty {
                Terminal.note("no roll-up summaries for \(directory) yet (mu summarize makes them unless --no-rollup)")
            }
            if json {
                for rollup in (own.map { [$0] } ?? []) + children { out.line(Self.json(rollup).text) }
            } else {
                if let own { Self.human(own, indent: "").forEach { out.line($0) } }
                for child in children { Self.human(child, indent: "  ").forEach { out.line($0) } }
            }
            out.flush()
            return
        }
        guard let relative = located.relative else { throw ValidationError("\(pathPart) is the repository root; name a file") }
        let functions: [IndexedFunction]
        if let line {
            guard let f = try await index.function(at: relative, line: line) else {
                throw ShowError.noFunction(relative, line)
            }
            functions = [f]
        } else {
            functions = try await index.functions(inPath: relative)
            if functions.isEmpty { Terminal.note("no functions indexed in \(relative) (run mu summarize if it is new)") }
            if let own = try await rollups.rollup(for: relative) {
                if json { out.line(Self.json(own).text) } else { Self.human(own, indent: "").forEach { out.line($0) } }
            }
        }
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

extension ShowCommand {
    /// A roll-up: `path/ (kind)` then its bullets.
    static func human(_ rollup: Rollup, indent: String) -> [String] {
        let name = rollup.path == "." ? "repository" : rollup.path + (rollup.kind == .directory ? "/" : "")
        let bullets = rollup.summary?.bullets.map { indent + "    - " + $0 } ?? [indent + "    " + Terminal.dim("(summary no longer cached: run mu summarize)")]
        return [indent + Terminal.bold(name) + "  " + rollup.kind.rawValue] + bullets
    }

    static func json(_ rollup: Rollup) -> JSONLine {
        JSONLine().field("path", rollup.path).field("kind", rollup.kind.rawValue)
            .field("summary", strings: rollup.summary?.bullets ?? []).field("model", rollup.summary?.model)
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
