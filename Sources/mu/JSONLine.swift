import Foundation

/// Builds one JSON object with keys in the order given, so NDJSON output is stable and diffable
/// (JSONEncoder does not promise an order).
struct JSONLine {
    private(set) var text = "{"
    private var first = true

    func field(_ key: String, _ value: String?) -> JSONLine {
        appending(key, value.map(Self.quote) ?? "null")
    }
    func field(_ key: String, _ value: Int) -> JSONLine { appending(key, String(value)) }
    func field(_ key: String, _ value: Double) -> JSONLine {
        appending(key, value.isFinite ? String(format: "%.6g", value) : "null")
    }
    func field(_ key: String, _ value: Bool) -> JSONLine { appending(key, value ? "true" : "false") }
    func field(_ key: String, strings: [String]) -> JSONLine {
        appending(key, "[" + strings.map(Self.quote).joined(separator: ",") + "]")
    }
    /// A value that is already JSON.
    func field(_ key: String, raw: String) -> JSONLine { appending(key, raw) }

    private func appending(_ key: String, _ json: String) -> JSONLine {
        var copy = self
        if copy.text.hasSuffix("}") { copy.text.removeLast() }
        copy.text += (first ? "" : ",") + Self.quote(key) + ":" + json + "}"
        copy.first = false
        return copy
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
