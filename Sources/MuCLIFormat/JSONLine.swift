import Foundation

/// Builds one JSON object with keys in the order given, so NDJSON output is stable and diffable
/// (JSONEncoder does not promise an order). Works on UTF-8 bytes: `mu functions --json` writes
/// one of these per function.
public struct JSONLine: Sendable {
    public init() {}

    private var bytes: [UInt8] = [UInt8(ascii: "{")]

    public var text: String { String(decoding: bytes + [UInt8(ascii: "}")], as: UTF8.self) }

    public func field(_ key: String, _ value: String?) -> JSONLine {
        var copy = begin(key)
        if let value { Self.quote(value, into: &copy.bytes) } else { copy.bytes += Array("null".utf8) }
        return copy
    }
    public func field(_ key: String, _ value: Int) -> JSONLine { raw(key, String(value)) }
    public func field(_ key: String, _ value: Double) -> JSONLine {
        raw(key, value.isFinite ? Self.number(value) : "null")
    }
    public func field(_ key: String, _ value: Bool) -> JSONLine { raw(key, value ? "true" : "false") }
    public func field(_ key: String, strings: [String]) -> JSONLine {
        var copy = begin(key)
        copy.bytes.append(UInt8(ascii: "["))
        for (i, s) in strings.enumerated() {
            if i > 0 { copy.bytes.append(UInt8(ascii: ",")) }
            Self.quote(s, into: &copy.bytes)
        }
        copy.bytes.append(UInt8(ascii: "]"))
        return copy
    }
    /// A value that is already JSON.
    public func field(_ key: String, raw json: String) -> JSONLine { raw(key, json) }

    private func raw(_ key: String, _ json: String) -> JSONLine {
        var copy = begin(key)
        copy.bytes += Array(json.utf8)
        return copy
    }

    private func begin(_ key: String) -> JSONLine {
        var copy = self
        if copy.bytes.count > 1 { copy.bytes.append(UInt8(ascii: ",")) }
        Self.quote(key, into: &copy.bytes)
        copy.bytes.append(UInt8(ascii: ":"))
        return copy
    }

    /// Shortest text that reads back as the same Double (6 significant digits at most for money).
    public static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        return String(format: "%.6g", v)
    }

    public static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(34)
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        for b in s.utf8 {
            switch b {
            case 34: out += [92, 34]
            case 92: out += [92, 92]
            case 10: out += [92, UInt8(ascii: "n")]
            case 13: out += [92, UInt8(ascii: "r")]
            case 9: out += [92, UInt8(ascii: "t")]
            case 0..<0x20: out += Array("\\u00".utf8) + [hex[Int(b >> 4)], hex[Int(b & 0xf)]]
            default: out.append(b)
            }
        }
        out.append(34)
    }
}
