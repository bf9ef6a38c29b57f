import ArgumentParser
import MuKit
import MuStore

struct CalleesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callees",
        abstract: "What NAME (a symbol as for `mu query`, or PATH:LINE) calls, each call resolved to an indexed function where possible.",
        discussion: "Calls are resolved by name: same file, then same type, then a unique name in the repository; others are ambiguous (several candidates) or not in the index (libraries, builtins)."
    )

    @OptionGroup var options: CallListOptions

    func run() async throws {
        let (graph, targets) = try await options.targets()
        var out = StdoutBuffer()
        for target in targets {
            let callees = try await graph.callees(of: target, limit: options.limit)
            if options.json {
                callees.forEach { out.line(CallsFormat.calleeJSON(target, $0)) }
                continue
            }
            out.line(CallListOptions.heading(target, "calls \(callees.count) name\(callees.count == 1 ? "" : "s")"))
            callees.forEach { out.line(CallsFormat.calleeLine($0)) }
        }
        out.flush()
    }
}
