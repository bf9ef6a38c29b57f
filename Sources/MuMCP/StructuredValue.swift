import Foundation
import MCP

/// Turns a tool's `Encodable` output into the MCP `Value` sent as structured content.
///
/// Not the SDK's `Value(_:)`: that one encodes to JSON and decodes it back through `Value`'s own
/// decoder, which checks every string for a data URL with a regular expression it builds anew on
/// each call (swift-sdk 0.12.1, `Data.isDataURL`). A `search` answer has a few hundred strings, and
/// compiling those expressions took most of a call's time (profiled with `perf`, bench/mcp.sh).
/// This decodes the same JSON into plain values: no string is ever taken for binary data.
enum StructuredValue {
    static func make<T: Encodable>(_ output: T) throws -> Value {
        let data = try JSONEncoder().encode(output)
        return try JSONDecoder().decode(Plain.self, from: data).value
    }

    /// One JSON value, decoded without interpretation (also the arguments of a fast `tools/call`).
    struct Plain: Decodable {
        let value: Value

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            // Commonest first: every failed attempt throws (and allocates) an error, and tool output
            // is mostly strings. JSON's types are disjoint, so the order changes no result, except
            // that Int must come before Double (an integral number is `.int`, as in the SDK's `Value`).
            if container.decodeNil() {
                value = .null
            } else if let string = try? container.decode(String.self) {
                value = .string(string)
            } else if let int = try? container.decode(Int.self) {
                value = .int(int)
            } else if let object = try? container.decode([String: Plain].self) {
                value = .object(object.mapValues(\.value))
            } else if let array = try? container.decode([Plain].self) {
                value = .array(array.map(\.value))
            } else if let bool = try? container.decode(Bool.self) {
                value = .bool(bool)
            } else {
                value = .double(try container.decode(Double.self))
            }
        }
    }
}
