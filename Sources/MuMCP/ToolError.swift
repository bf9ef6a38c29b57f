/// Why a tool call could not be answered. Each becomes a tool result with `isError: true` and
/// this one-line message, never a JSON-RPC failure or a broken stream: the model reads it and can
/// correct its arguments.
public enum ToolError: Error, Equatable, CustomStringConvertible, Sendable {
    case unknownTool(String)
    case missingArgument(String)
    case badArgument(name: String, why: String)
    case outsideRepository(String)
    case noIndex(String)
    case notFound(String)
    case failed(String)

    public var description: String {
        switch self {
        case .unknownTool(let name): "unknown tool \"\(name)\"; call tools/list for the available tools"
        case .missingArgument(let name): "missing required argument \"\(name)\""
        case .badArgument(let name, let why): "argument \"\(name)\" \(why)"
        case .outsideRepository(let path): "\(path) is outside the repository; give a path relative to its root"
        case .noIndex(let why): why
        case .notFound(let what): what
        case .failed(let why): why
        }
    }
}
