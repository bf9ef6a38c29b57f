import MCP

/// One tool of the `mu mcp` server: its advertised definition and how it answers a call.
protocol MuTool: Sendable {
    /// Name, one-paragraph description written for a model, and JSON schema of the arguments.
    var definition: Tool { get }
    func call(_ arguments: ToolArguments, session: IndexSession) async throws(ToolError) -> ToolOutput
}

/// JSON-schema fragments shared by the tool definitions.
enum Schema {
    static func object(_ properties: [String: Value], required: [String] = []) -> Value {
        .object([
            "type": "object",
            "properties": .object(properties),
            "required": .array(required.map { .string($0) }),
            "additionalProperties": false,
        ])
    }
    static func string(_ description: String) -> Value {
        .object(["type": "string", "description": .string(description)])
    }
    static func integer(_ description: String, minimum: Int, maximum: Int, default value: Int) -> Value {
        .object(["type": "integer", "description": .string(description), "minimum": .int(minimum),
                 "maximum": .int(maximum), "default": .int(value)])
    }
    static let limitMaximum = 200
    static let limit = integer("At most this many results.", minimum: 1, maximum: limitMaximum, default: 20)
    static let pathGlob = string("Only functions whose file path matches this gitignore-style glob, e.g. `Lib/asyncio/**` or `*.py`.")
}

/// Read-only tools say so, so clients may call them without asking the user.
extension Tool.Annotations {
    static let readOnly = Tool.Annotations(readOnlyHint: true, openWorldHint: false)
}
