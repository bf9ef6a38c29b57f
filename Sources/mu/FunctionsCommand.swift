import ArgumentParser
import Foundation
import MuCLIFormat
import MuKit
import MuSource

struct FunctionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "functions",
        abstract: "List every named function with its exact line span (no LLM, no index).",
        discussion: """
        PATH may be the repository, a directory or a file inside it. Lines are 1-based and inclusive; \
        a span starts at the first decorator or attribute line. --json prints one JSON object per \
        function: path, language, name, qualified_name, kind, start_line, end_line, hash.
        """
    )

    @Argument(help: "A repository, or a directory or file inside one.", completion: .file())
    var path: String = "."

    @Flag(help: "Print NDJSON, one function per line.")
    var json = false

    @Flag(name: .shortAndLong, help: "Also list skipped files by reason on stderr.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print nothing on stderr.")
    var quiet = false

    func run() async throws {
        let settings = try IndexSettings.load(path: path)
        let lister = FunctionLister(options: settings.walkerOptions)
        let listing = try await lister.list(path: path)
        var out = StdoutBuffer()
        if json {
            for file in listing.files {
                for unit in file.units { out.line(FunctionJSON.line(unit)) }
            }
        } else {
            for file in listing.files where !file.units.isEmpty {
                out.line(Terminal.bold(file.file.path) + Terminal.dim("  \(file.file.language.rawValue), \(file.units.count) function\(file.units.count == 1 ? "" : "s")"))
                let width = String(file.units.map(\.endLine).max() ?? 0).count
                for unit in file.units {
                    let span = pad(String(unit.startLine), width) + "-" + String(unit.endLine).padding(toLength: width, withPad: " ", startingAt: 0)
                    out.line("  \(span)  \(unit.kind.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \(unit.qualifiedName)")
                }
            }
        }
        out.flush()
        guard !quiet else { return }
        let unreadable = listing.walk.unreadable + listing.readFailures.filter { $0.reason == .unreadable }.map(\.path)
        if let warning = UnreadableFiles.warning(unreadable) { Terminal.note("mu: \(warning)") }
        let skipped = listing.walk.skippedCount + listing.readFailures.count
        Terminal.note("\(listing.functionCount) functions in \(listing.files.count) files\(skipped > 0 ? " (\(skipped) files skipped\(verbose ? "" : "; --verbose lists them"))" : "")")
        if verbose {
            for reason in SkipReason.allCases {
                guard let paths = listing.walk.skipped[reason], !paths.isEmpty else { continue }
                Terminal.note("skipped, \(reason.rawValue): \(paths.count)")
                for p in paths.prefix(50) { Terminal.note("  \(p)") }
                if paths.count > 50 { Terminal.note("  … and \(paths.count - 50) more") }
            }
            for failure in listing.readFailures { Terminal.note("skipped, \(failure.reason.rawValue): \(failure.path)") }
        }
    }

    func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
}
