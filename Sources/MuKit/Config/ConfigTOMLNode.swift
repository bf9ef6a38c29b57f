import TOMLKit

/// A parsed TOML document as a Sendable value tree. TOMLKit's types wrap C++ nodes and are not Sendable;
/// this is the only file that touches them.
indirect enum ConfigTOMLNode: Sendable, Equatable {
    /// Entries in TOMLKit's order (sorted by key); line numbers come from `ConfigKeyLocator`.
    case table([Entry])
    case array([ConfigTOMLNode])
    case string(String)
    case integer(Int)
    case double(Double)
    case bool(Bool)
    /// Dates and times, which no mu setting takes; the associated value names the type.
    case other(String)

    struct Entry: Sendable, Equatable {
        var key: String
        var value: ConfigTOMLNode
    }

    /// A TOML syntax error with its 1-based line.
    struct SyntaxError: Error, Equatable {
        var message: String
        var line: Int?
    }

    /// Parses a whole document into its root table's entries.
    static func parse(_ text: String) throws(SyntaxError) -> [Entry] {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let line = error.source.begin.line
            throw SyntaxError(message: error.description, line: line > 0 ? line : nil)
        } catch {
            throw SyntaxError(message: String(describing: error), line: nil)
        }
        return entries(of: table)
    }

    private static func entries(of table: TOMLTable) -> [Entry] {
        table.map { key, value in Entry(key: key, value: node(value)) }
    }

    private static func node(_ value: TOMLValueConvertible) -> ConfigTOMLNode {
        switch value.type {
        case .table: value.table.map { .table(entries(of: $0)) } ?? .other("table")
        case .array: value.array.map { .array($0.map(node)) } ?? .other("array")
        case .string: value.string.map(ConfigTOMLNode.string) ?? .other("string")
        case .int: value.int.map(ConfigTOMLNode.integer) ?? .other("integer")
        case .double: value.double.map(ConfigTOMLNode.double) ?? .other("floating-point number")
        case .bool: value.bool.map(ConfigTOMLNode.bool) ?? .other("boolean")
        case .date: .other("date")
        case .time: .other("time")
        case .dateTime: .other("date-time")
        }
    }

    /// The node's type with an article, for error messages ("an integer", "a table").
    var typeDescription: String {
        switch self {
        case .table: "a table"
        case .array: "an array"
        case .string: "a string"
        case .integer: "an integer"
        case .double: "a floating-point number"
        case .bool: "a boolean"
        case .other(let type): "a \(type)"
        }
    }
}
