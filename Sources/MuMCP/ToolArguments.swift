import MCP

/// The arguments of one tool call, read with typed accessors that reject wrong types and out-of-range
/// values as `ToolError.badArgument` (a model sometimes sends `"10"` for 10: numeric strings are
/// accepted; anything else is refused with the expected type in the message).
struct ToolArguments: Sendable {
    let values: [String: Value]

    init(_ values: [String: Value]?) { self.values = values ?? [:] }

    /// A non-empty string, or `missingArgument`.
    func requiredString(_ name: String) throws(ToolError) -> String {
        guard let text = try string(name) else { throw .missingArgument(name) }
        return text
    }

    /// A string when present; empty or whitespace-only counts as absent.
    func string(_ name: String) throws(ToolError) -> String? {
        guard let value = values[name], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw .badArgument(name: name, why: "must be a string") }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// An integer in `range`, `fallback` when absent.
    func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws(ToolError) -> Int {
        guard let value = values[name], !value.isNull else { return fallback }
        let number: Int? = switch value {
        case .int(let n): n
        case .double(let d) where d == d.rounded() && abs(d) < 1e15: Int(d)
        case .string(let s): Int(s.trimmingCharacters(in: .whitespaces))
        default: nil
        }
        guard let number else { throw .badArgument(name: name, why: "must be an integer") }
        guard range.contains(number) else {
            throw .badArgument(name: name, why: "must be between \(range.lowerBound) and \(range.upperBound) (got \(number))")
        }
        return number
    }
}

import Foundation
