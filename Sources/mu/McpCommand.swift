import ArgumentParser
import Foundation
import MuKit
import MuCLIFormat

struct McpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the index to coding agents over MCP (stdio): find_symbol, search, file_outline, function_source, callers, callees, index_status, refresh.",
        discussion: """
        Started by an MCP client, not by hand: stdout carries only protocol messages (newline-delimited \
        JSON-RPC); logs go to stderr. `--print-config claude|cursor|vscode` prints the JSON that registers \
        this server with that client. See docs/mcp.md.
        """
    )

    @Argument(help: "A path inside the repository to serve.", completion: .directory)
    var path: String = "."

    @Option(name: .customLong("print-config"), help: ArgumentHelp("Print the client's JSON snippet and exit: claude | cursor | vscode.", valueName: "CLIENT"))
    var printConfig: String?

    func run() async throws {
        let workspace = try Workspace(path: path)
        if let printConfig {
            guard let client = ClientConfig(rawValue: printConfig.lowercased()) else {
                throw ValidationError("--print-config takes one of: \(ClientConfig.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            print(client.snippet(executable: try MuExecutable.current(), repository: workspace.root.path))
            Terminal.note("mu: put this in \(client.location)")
            return
        }
        if Terminal.stdoutIsTTY {
            Terminal.note("mu mcp: serving \(workspace.root.path) over stdio (an MCP client starts this; Ctrl-D ends it)")
        }
        try McpServerBinary.exec(repositoryRoot: workspace.root.path)
    }
}
