import Foundation
import MuCore
import MuKit
import MuMCP

// The MCP server behind `mu mcp`, as a binary of its own: the MCP SDK links FoundationNetworking
// (libcurl and some twenty more shared libraries), which every other `mu` command would otherwise
// load at start. `mu mcp PATH` checks its arguments and execs this with the repository root; it is
// not meant to be run by hand (it takes one argument, the repository, and serves it on stdio).

// MU_MCP_SHORTCUT=0 leaves tools/call to the SDK's handlers too (the reference in bench/mcp.sh).
let path = CommandLine.arguments.dropFirst().first ?? "."
let shortcut = ProcessInfo.processInfo.environment["MU_MCP_SHORTCUT"] != "0"
do {
    try await MuMCPServer(workspace: Workspace(path: path)).run(transport: LineTransport(), shortcut: shortcut)
} catch {
    // The same one line and exit code as `mu`'s own error mapping (Sources/mu/ExitStatus.swift).
    let failure = error as? any MuFailure
    FileHandle.standardError.write(Data("mu: \(failure?.userMessage ?? "\(error)")\n".utf8))
    exit(failure?.exitCode.rawValue ?? MuExitCode.error.rawValue)
}
