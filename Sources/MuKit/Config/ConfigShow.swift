import Foundation

/// `mu config show`: the resolved configuration as text (`key = value  # source`) or as one JSON document.
/// API keys appear only masked; a password inside a base URL is masked too.
public enum ConfigShow {
    /// One line per key, in documentation order, then the API keys; a header names the files read.
    public static func text(_ resolved: ResolvedConfig) -> String {
        var lines: [String] = []
        if resolved.files.isEmpty {
            lines.append("# no config file found; defaults, environment and flags only")
        } else {
            lines.append("# config files read, lowest precedence first:")
            lines.append(contentsOf: resolved.files.map { "#   \($0)" })
        }
        let rows: [(left: String, source: String)] =
            entries(resolved).map { ("\($0.key) = \(render($0.value, short: true))", $0.source.description) }
            + apiKeyRows(resolved).map { ("api_keys.\($0.name) = \($0.masked)", "env \($0.variable)") }
        let width = min(rows.map(\.left.count).max() ?? 0, 64)
        for row in rows {
            let padding = String(repeating: " ", count: max(0, width - row.left.count))
            lines.append("\(row.left)\(padding)  # \(row.source)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One JSON document: `config` (the values, nested as in TOML), `sources` (dotted key → source),
    /// `api_keys` (masked, with their variables) and `files` (the config files read).
    public static func json(_ resolved: ResolvedConfig) -> String {
        var config = JSONValue.object([:])
        var sources: [String: JSONValue] = [:]
        for entry in entries(resolved) {
            config.insert(json(entry.value), at: entry.path)
            sources[entry.key] = .string(entry.source.description)
        }
        var apiKeys: [String: JSONValue] = [:]
        for row in apiKeyRows(resolved) {
            apiKeys[row.name] = .object([
                "set": .bool(row.isSet), "masked": .string(row.masked), "variable": .string(row.variable),
            ])
        }
        let files: [JSONValue] = resolved.files.map { file in
            let kind = switch file {
            case .userFile: "user"
            case .configEnvironmentFile: "MU_CONFIG"
            case .repositoryFile: "repo"
            default: "other"
            }
            return .object(["kind": .string(kind), "path": .string(file.filePath ?? "")])
        }
        let document = JSONValue.object([
            "config": config, "sources": .object(sources), "api_keys": .object(apiKeys), "files": .array(files),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a tree of strings, numbers and booleans cannot fail.
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: Entries

    private struct Entry {
        var path: [String]
        var key: String
        var value: ConfigValue
        var source: ConfigSource
    }

    /// Every fixed key, then every set field of every model (by name), with masked URL passwords.
    private static func entries(_ resolved: ResolvedConfig) -> [Entry] {
        var result: [Entry] = []
        for setting in ConfigSchema.settings where !setting.isPattern {
            guard var value = setting.read(resolved.config, "") else { continue }
            if case .string(let url) = value {
                switch setting.kind {
                case .url, .databaseURL: value = .string(maskingPassword(url))
                default: break
                }
            }
            result.append(Entry(path: setting.path, key: setting.key(), value: value,
                                source: resolved.source(of: setting.key())))
        }
        for name in resolved.config.models.keys.sorted() {
            for setting in ConfigSchema.settings where setting.isPattern {
                guard let value = setting.read(resolved.config, name) else { continue }
                let key = setting.key(name: name)
                result.append(Entry(path: setting.path.map { $0 == ConfigSchema.wildcard ? name : $0 },
                                    key: key, value: value, source: resolved.source(of: key)))
            }
        }
        return result
    }

    private static func apiKeyRows(
        _ resolved: ResolvedConfig
    ) -> [(name: String, masked: String, isSet: Bool, variable: String)] {
        ResolvedConfig.APIKeys.variables.map { provider, variable in
            let key = resolved.apiKeys.key(for: provider)
            return (provider.rawValue, ResolvedConfig.APIKeys.mask(key), key != nil, variable)
        }
    }

    /// `https://user:***@host` for a URL with a password; other strings unchanged.
    static func maskingPassword(_ url: String) -> String {
        guard var components = URLComponents(string: url), let password = components.password, !password.isEmpty
        else { return url }
        components.password = "***"
        return components.string ?? url
    }

    // MARK: Rendering

    /// A value as TOML writes it; `short` shortens long strings to one readable line.
    private static func render(_ value: ConfigValue, short: Bool) -> String {
        switch value {
        case .string(let s):
            var text = s
            if short, text.count > 60 { text = String(text.prefix(57)) + "…" }
            return quoted(text) + (short && s.count > 60 ? " (\(s.count) characters)" : "")
        case .int(let i): return String(i)
        case .double(let d): return ConfigValueKind.format(d)
        case .bool(let b): return String(b)
        case .strings(let list): return "[" + list.map(quoted).joined(separator: ", ") + "]"
        }
    }

    private static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func json(_ value: ConfigValue) -> JSONValue {
        switch value {
        case .string(let s): .string(s)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .bool(let b): .bool(b)
        case .strings(let list): .array(list.map(JSONValue.string))
        }
    }

    /// A JSON tree for `JSONEncoder`.
    private indirect enum JSONValue: Encodable {
        case object([String: JSONValue])
        case array([JSONValue])
        case string(String)
        case int(Int)
        case double(Double)
        case bool(Bool)

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .object(let members): try container.encode(members)
            case .array(let elements): try container.encode(elements)
            case .string(let s): try container.encode(s)
            case .int(let i): try container.encode(i)
            case .double(let d): try container.encode(d)
            case .bool(let b): try container.encode(b)
            }
        }

        /// Sets `value` at `path`, creating objects on the way.
        mutating func insert(_ value: JSONValue, at path: [String]) {
            guard let first = path.first else { self = value; return }
            guard case .object(var members) = self else { return }
            var child = members[first] ?? .object([:])
            child.insert(value, at: Array(path.dropFirst()))
            members[first] = child
            self = .object(members)
        }
    }
}
