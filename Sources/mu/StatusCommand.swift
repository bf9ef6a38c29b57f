import ArgumentParser
import Foundation
import MuCLIFormat
import MuKit

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Index size, summaries, files changed since the last run, cache entries, last indexed commit."
    )

    @Argument(help: "A path inside the repository.", completion: .directory)
    var path: String = "."

    @Flag(help: "Print one JSON document.")
    var json = false

    func run() async throws {
        let status = try await IndexStatus.compute(Workspace.forReading(path: path, keys: Workspace.stalenessKeys))
        print(json ? StatusFormat.json(status) : StatusFormat.text(status))
        if let warning = UnreadableFiles.warning(status.unreadable) { Terminal.note("mu: \(warning)") }
    }
}
