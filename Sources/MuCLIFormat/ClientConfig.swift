import Foundation

/// The JSON snippet that registers `mu mcp` with an MCP client (`mu mcp --print-config CLIENT`).
public enum ClientConfig: String, CaseIterable, Sendable {
    case claude, cursor, vscode

    /// Where the snippet goes, for the note printed on stderr.
    public var location: String {
        switch self {
        case .claude: ".mcp.json at the repository root (Claude Code), or claude_desktop_config.json (Claude Desktop)"
        case .cursor: ".cursor/mcp.json at the repository root, or ~/.cursor/mcp.json"
        case .vscode: ".vscode/mcp.json at the repository root"
        }
    }

    /// The snippet, pretty-printed with sorted keys so it is stable.
    public func snippet(executable: String, repository: String) -> String {
        let server: [String: Any] = ["command": executable, "args": ["mcp", repository]]
        let document: [String: Any] = switch self {
        case .claude, .cursor: ["mcpServers": ["mu": server]]
        case .vscode: ["servers": ["mu": server.merging(["type": "stdio"]) { a, _ in a }]]
        }
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
