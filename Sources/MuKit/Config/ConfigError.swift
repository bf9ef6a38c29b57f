import Foundation
import MuCore

/// Everything that can go wrong loading, writing or showing configuration. Each `description` is one line for
/// the user: where, what, and what to do.
public enum ConfigError: MuFailure, Sendable, Equatable {
    /// The file is not valid TOML.
    case syntax(ConfigLocation, message: String)
    /// A key mu does not know; `suggestion` is the nearest known key.
    case unknownKey(ConfigLocation, key: String, suggestion: String?)
    /// A value of the wrong TOML type.
    case wrongType(ConfigLocation, key: String, expected: String, found: String)
    /// A value outside an enumeration.
    case invalidChoice(ConfigLocation, key: String, value: String, allowed: [String])
    /// A number outside its range, or a malformed URL; `requirement` says what is accepted.
    case invalidValue(ConfigLocation, key: String, value: String, requirement: String)
    /// An API key (or something named like one) in a config file: keys come only from the environment.
    case secretInFile(ConfigLocation, key: String, variables: [String])
    /// A config file exists but cannot be read or is not UTF-8.
    case unreadableFile(path: String, reason: String)
    /// `MU_CONFIG` names a file that does not exist.
    case missingConfigFile(path: String)
    /// `mu config init` found a file it must not overwrite.
    case fileExists(path: String)
    /// `mu config init` could not write its file.
    case writeFailed(path: String, reason: String)
    /// A repository path that does not exist or is not a directory.
    case notADirectory(path: String)

    public var description: String {
        switch self {
        case .syntax(let location, let message):
            // toml++ says "Error while parsing table header: …"; keep its detail, on one line.
            let detail = message.replacingOccurrences(of: "\n", with: " ")
            if detail.hasPrefix("Error while ") {
                return "\(location): TOML syntax error while \(detail.dropFirst("Error while ".count))"
            }
            return "\(location): TOML syntax error: \(detail)"
        case .unknownKey(let location, let key, let suggestion):
            let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? " (see docs/configuration.md for the known keys)"
            return "\(location): unknown key '\(key)'\(hint)"
        case .wrongType(let location, let key, let expected, let found):
            return "\(location): '\(key)' must be \(expected), found \(found)"
        case .invalidChoice(let location, let key, let value, let allowed):
            return "\(location): '\(key)' cannot be '\(value)'; allowed: \(allowed.joined(separator: ", "))"
        case .invalidValue(let location, let key, let value, let requirement):
            return "\(location): '\(key)' must be \(requirement), found \(value)"
        case .secretInFile(let location, let key, let variables):
            let names = variables.joined(separator: ", ")
            return "\(location): '\(key)' looks like an API key; mu reads keys only from the environment, "
                + "remove it from the file and set \(names) instead"
        case .unreadableFile(let path, let reason):
            return "cannot read config file \(path): \(reason)"
        case .missingConfigFile(let path):
            return "MU_CONFIG names \(path), which does not exist; create it or unset MU_CONFIG"
        case .fileExists(let path):
            return "\(path) already exists; mu config init never overwrites it (edit it, or delete it first)"
        case .writeFailed(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .notADirectory(let path):
            return "\(path) does not exist or is not a directory"
        }
    }
}
