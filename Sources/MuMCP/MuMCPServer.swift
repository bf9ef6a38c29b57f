import Foundation
import Logging
import MCP
import MuKit

/// The `mu mcp` server: the MCP SDK's `Server` with mu's tools, answering from one repository's index.
public struct MuMCPServer: Sendable {
    public let session: IndexSession
    let tools: [any MuTool]

    public init(workspace: Workspace) {
        self.session = IndexSession(workspace: workspace)
        self.tools = MuMCPServer.allTools
    }

    static var allTools: [any MuTool] {
        [FindSymbolTool(), SearchTool(), FileOutlineTool(), FunctionSourceTool(), CallersTool(), CalleesTool(),
         OverviewTool(), IndexStatusTool(), RefreshTool()]
    }

    /// The advertised tool definitions, in a stable order.
    public var definitions: [Tool] { tools.map(\.definition) }

    /// Answers one `tools/call`: a result for every input, errors included (`isError: true`).
    public func call(_ name: String, arguments: [String: Value]?) async -> CallTool.Result {
        guard let tool = tools.first(where: { $0.definition.name == name }) else {
            return ToolOutput.failure(.unknownTool(name))
        }
        do {
            return try await tool.call(ToolArguments(arguments), session: session).result()
        } catch {
            return ToolOutput.failure(error)
        }
    }

    /// Serves over `transport` until the client closes it.
    ///
    /// - Parameter shortcut: answer `tools/call` in front of the SDK (``ToolCallShortcut``, the
    ///   default); `false` leaves every message to the SDK's handlers (tests compare the two).
    public func run(transport: any Transport, shortcut: Bool = true) async throws {
        let server = Server(
            name: "mu", version: MuMCPServer.version,
            title: "mu code index",
            instructions: """
            mu indexes this repository's functions with short summaries. Prefer search (what code does) and \
            find_symbol (what it is called) over reading files; overview explains the repository or a directory; \
            file_outline and function_source show one file or function; index_status says whether the index is stale and refresh updates it.
            """,
            capabilities: .init(tools: .init(listChanged: false)))
        let definitions = definitions
        await server.withMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: definitions)
        }
        await server.withMethodHandler(CallTool.self) { [self] parameters in
            await call(parameters.name, arguments: parameters.arguments)
        }
        let connection: any Transport = shortcut
            ? ToolCallShortcut(wrapping: transport) { [self] name, arguments in await call(name, arguments: arguments) }
            : transport
        try await server.start(transport: connection)
        await server.waitUntilCompleted()
        await server.stop()
    }

    /// Reported as `serverInfo.version`.
    public static let version = "0.1.0"
}
