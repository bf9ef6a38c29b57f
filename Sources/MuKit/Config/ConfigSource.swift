/// Where a resolved setting came from. Layers, lowest precedence first:
/// default < user file (or the `MU_CONFIG` file) < repository file < environment < flag.
public enum ConfigSource: Sendable, Hashable, CustomStringConvertible {
    case defaultValue
    /// `~/.config/mu/config.toml` (or `$XDG_CONFIG_HOME/mu/config.toml`).
    case userFile(path: String)
    /// The file named by `MU_CONFIG`, read instead of the user file.
    case configEnvironmentFile(path: String)
    /// `<repo>/.murc.toml`.
    case repositoryFile(path: String)
    /// An environment variable, e.g. `MU_PROVIDER`.
    case environment(variable: String)
    /// A command-line flag, e.g. `--provider`.
    case flag(name: String)

    public var description: String {
        switch self {
        case .defaultValue: "default"
        case .userFile(let path): "user file \(path)"
        case .configEnvironmentFile(let path): "MU_CONFIG file \(path)"
        case .repositoryFile(let path): "repo file \(path)"
        case .environment(let variable): "env \(variable)"
        case .flag(let name): "flag \(name)"
        }
    }

    /// The file path for file sources.
    public var filePath: String? {
        switch self {
        case .userFile(let path), .configEnvironmentFile(let path), .repositoryFile(let path): path
        default: nil
        }
    }
}

/// Where a problem was found: a file and line, an environment variable or a flag.
public struct ConfigLocation: Sendable, Hashable, CustomStringConvertible {
    public var source: ConfigSource
    /// 1-based line in a file, when known.
    public var line: Int?

    public init(_ source: ConfigSource, line: Int? = nil) {
        self.source = source
        self.line = line
    }

    /// `path:line` for files (the form editors and terminals jump to), `env VAR` / `flag --x` otherwise.
    public var description: String {
        if let path = source.filePath {
            return line.map { "\(path):\($0)" } ?? path
        }
        return source.description
    }
}
