import Foundation
import MuCore
import MuKit

/// `mu-mcp`, the MCP server binary installed beside `mu` (see Sources/mu-mcp/main.swift for why it
/// is separate), and the exec that hands this process over to it.
enum McpServerBinary {
    static let name = "mu-mcp"

    struct Missing: MuFailure {
        var path: String
        var reason: String
        var description: String {
            "cannot start the MCP server \(path): \(reason); it is built and installed beside mu (make release builds both)"
        }
    }

    /// Beside the real binary first (a `/usr/local/bin/mu` symlink keeps finding its own `mu-mcp`),
    /// then beside the path mu was started by.
    static func locate() -> String {
        let fm = FileManager.default
        var directories: [String] = []
        if let real = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            directories.append((real as NSString).deletingLastPathComponent)
        }
        if let started = try? MuExecutable.current() { directories.append((started as NSString).deletingLastPathComponent) }
        let candidates = directories.map { $0 + "/" + name }
        return candidates.first { fm.isExecutableFile(atPath: $0) } ?? candidates.first ?? name
    }

    /// Replaces this process with `mu-mcp ROOT` (same stdin, stdout and stderr); returns only by throwing.
    static func exec(repositoryRoot: String) throws -> Never {
        let path = locate()
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup(path), strdup(repositoryRoot), nil]
        execv(path, arguments)
        let reason = String(cString: strerror(errno))
        arguments.forEach { free($0) }
        throw Missing(path: path, reason: reason)
    }
}
