import Foundation

/// A setting's value between parsing and applying it, whatever layer it came from.
enum ConfigValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case strings([String])
}

/// What a setting accepts; checks (and normalizes) a value from any layer.
enum ConfigValueKind: Sendable {
    case string
    case nonEmptyString
    /// A string where "" means "not set".
    case optionalText
    case integer(min: Int)
    /// A finite number in `min...max` (or above `min` when `minExclusive`); TOML integers are accepted.
    case number(min: Double, minExclusive: Bool, max: Double?)
    case bool
    case stringArray
    case choice([String])
    /// An http(s) URL with a host, stored without trailing slashes; "" allowed when `allowEmpty`.
    case url(allowEmpty: Bool)
    /// A `postgres://` or `postgresql://` URL, or "" for none; shown with its password masked.
    case databaseURL

    /// Why a value was refused; turned into a `ConfigError` by the caller, who knows where it was.
    enum Problem: Error, Equatable {
        case wrongType(expected: String, found: String)
        case invalidChoice(value: String, allowed: [String])
        case invalidValue(value: String, requirement: String)
    }

    /// The TOML type a file must use, as the user reads it.
    var expected: String {
        switch self {
        case .string, .nonEmptyString, .optionalText, .choice, .url, .databaseURL: "a string"
        case .integer: "an integer"
        case .number: "a number"
        case .bool: "true or false"
        case .stringArray: "an array of strings"
        }
    }

    /// Converts a parsed TOML node, then checks it.
    func value(from node: ConfigTOMLNode) -> Result<ConfigValue, Problem> {
        let raw: ConfigValue
        switch (self, node) {
        case (.string, .string(let s)), (.nonEmptyString, .string(let s)), (.optionalText, .string(let s)),
             (.choice, .string(let s)), (.url, .string(let s)), (.databaseURL, .string(let s)):
            raw = .string(s)
        case (.integer, .integer(let i)):
            raw = .int(i)
        case (.number, .integer(let i)):
            raw = .double(Double(i))
        case (.number, .double(let d)):
            raw = .double(d)
        case (.bool, .bool(let b)):
            raw = .bool(b)
        case (.stringArray, .array(let elements)):
            var strings: [String] = []
            for element in elements {
                guard case .string(let s) = element else {
                    return .failure(.wrongType(expected: expected, found: "an array containing \(element.typeDescription)"))
                }
                strings.append(s)
            }
            raw = .strings(strings)
        default:
            return .failure(.wrongType(expected: expected, found: node.typeDescription))
        }
        return check(raw)
    }

    /// Validates a value of the right type (from a file, the environment or a flag) and normalizes it.
    func check(_ value: ConfigValue) -> Result<ConfigValue, Problem> {
        switch (self, value) {
        case (.string, .string), (.optionalText, .string), (.bool, .bool), (.stringArray, .strings):
            return .success(value)
        case (.nonEmptyString, .string(let s)):
            return s.isEmpty ? .failure(.invalidValue(value: "\"\"", requirement: "a non-empty string")) : .success(value)
        case (.choice(let allowed), .string(let s)):
            return allowed.contains(s) ? .success(value) : .failure(.invalidChoice(value: s, allowed: allowed))
        case (.integer(let min), .int(let i)):
            guard i >= min else {
                return .failure(.invalidValue(value: String(i), requirement: min == 0 ? "0 or more" : "at least \(min)"))
            }
            return .success(value)
        case (.number, .int(let i)):
            return check(.double(Double(i)))
        case (.number(let min, let minExclusive, let max), .double(let d)):
            let requirement: String
            if let max {
                requirement = "between \(Self.format(min)) and \(Self.format(max))"
            } else {
                requirement = minExclusive ? "more than \(Self.format(min))" : "\(Self.format(min)) or more"
            }
            let aboveMin = minExclusive ? d > min : d >= min
            guard d.isFinite else {
                return .failure(.invalidValue(value: Self.format(d), requirement: "a finite number, \(requirement)"))
            }
            guard aboveMin, max.map({ d <= $0 }) ?? true else {
                return .failure(.invalidValue(value: Self.format(d), requirement: requirement))
            }
            return .success(value)
        case (.url(let allowEmpty), .string(let s)):
            if s.isEmpty, allowEmpty { return .success(value) }
            guard let normalized = Self.normalizedHTTPURL(s) else {
                return .failure(.invalidValue(value: "'\(s)'", requirement: "an http:// or https:// URL"))
            }
            return .success(.string(normalized))
        case (.databaseURL, .string(let s)):
            let lower = s.lowercased()
            guard s.isEmpty || lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") else {
                return .failure(.invalidValue(value: "'\(ConfigShow.maskingPassword(s))'",
                                              requirement: "a postgres:// URL (postgres://user@host:5432/database)"))
            }
            return .success(value)
        default:
            return .failure(.wrongType(expected: expected, found: value.typeDescription))
        }
    }

    /// `s` without trailing slashes, when it is an absolute http(s) URL with a host; nil otherwise.
    static func normalizedHTTPURL(_ s: String) -> String? {
        var trimmed = s
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let components = URLComponents(string: trimmed),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else { return nil }
        return trimmed
    }

    /// A number as TOML would write it: `30`, not `30.0`; `0.2`.
    static func format(_ d: Double) -> String {
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }
}

extension ConfigValue {
    var typeDescription: String {
        switch self {
        case .string: "a string"
        case .int: "an integer"
        case .double: "a number"
        case .bool: "a boolean"
        case .strings: "an array"
        }
    }
}
