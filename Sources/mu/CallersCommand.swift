import ArgumentParser
import MuKit
import MuStore

struct CallersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callers",
        abstract: "Functions that call NAME (a symbol as for `mu query`, or PATH:LINE), from the recorded calls.",
        discussion: "Calls are resolved by name: same file, then same type, then a unique name in the repository; calls that could mean several functions are listed last as ambiguous."
    )

    @OptionGroup var options: CallListOptions

    func run() async throws {
        let (graph, targets) = try await options.targets()
        var out = StdoutBuffer()
        for target in targets {
            let callers = try await graph.callers(of: target, limit: options.limit)
            if options.json {
                callers.forEach { out.line(CallsFormat.callerJSON(target, $0)) }
                continue
            }
            out.line(CallListOptions.heading(target, "called from \(callers.count) place\(callers.count == 1 ? "" : "s")"))
            callers.forEach { out.line(CallsFormat.callerLine($0)) }
        }
        out.flush()
    }
}
