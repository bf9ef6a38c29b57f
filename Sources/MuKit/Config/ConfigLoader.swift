import Foundation

/// Resolves mu's configuration from its layers, highest precedence first:
/// flag > environment > `<repo>/.murc.toml` > user file > defaults.
///
/// The user file is `~/.config/mu/config.toml` (`$XDG_CONFIG_HOME/mu/config.toml` when that is set). When
/// `MU_CONFIG` names a file, that file is read *instead of* the user file, at the same precedence: it is a
/// way to swap personal settings (for CI, a test, an experiment) while a repository's `.murc.toml` still wins.
/// A missing `MU_CONFIG` file is an error; a missing user or repository file is not.
///
/// The environment and home directory are parameters, so tests need not touch the real ones.
public struct ConfigLoader: Sendable {
    public var environment: [String: String]
    public var homeDirectory: URL
    /// Relative `MU_CONFIG` paths are taken from here.
    public var currentDirectory: URL

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        homeDirectory: URL = FileManager.default.homeDirectoryForCurrentUser,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    ) {
        self.environment = environment
        self.homeDirectory = homeDirectory
        self.currentDirectory = currentDirectory
    }

    /// The repository file's name.
    public static let repositoryFileName = ".murc.toml"

    /// `$XDG_CONFIG_HOME/mu/config.toml` when `XDG_CONFIG_HOME` is an absolute path, else
    /// `~/.config/mu/config.toml`.
    public var userFile: URL {
        if let xdg = ConfigEnvironment.value("XDG_CONFIG_HOME", in: environment), xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("mu/config.toml")
        }
        return homeDirectory.appendingPathComponent(".config/mu/config.toml")
    }

    /// The file `MU_CONFIG` names (`~/` expanded, relative to `currentDirectory`), if set.
    public var configEnvironmentFile: URL? {
        guard let value = ConfigEnvironment.value("MU_CONFIG", in: environment) else { return nil }
        if value == "~" { return homeDirectory }
        if value.hasPrefix("~/") { return homeDirectory.appendingPathComponent(String(value.dropFirst(2))) }
        if value.hasPrefix("/") { return URL(fileURLWithPath: value) }
        return currentDirectory.appendingPathComponent(value)
    }

    /// Reads every layer and resolves them. `repositoryRoot` nil skips the repository file.
    ///
    /// With `only` (dotted keys such as `"cache.path"`), just those keys are read from every layer and the
    /// rest keep their defaults; problems in other keys are not reported. The read commands use it so a
    /// bad `[llm]` value never stops `mu query`, and so they check no more than they use.
    public func load(repositoryRoot: URL?, flags: ConfigFlags = ConfigFlags(),
                     only: Set<String>? = nil) throws(ConfigError) -> ResolvedConfig {
        var layers: [[ConfigAssignment]] = []
        var files: [ConfigSource] = []

        if let file = configEnvironmentFile {
            let source = ConfigSource.configEnvironmentFile(path: file.path)
            guard let assignments = try ConfigFileReader.read(path: file.path, as: source, only: only) else {
                throw .missingConfigFile(path: file.path)
            }
            layers.append(assignments)
            files.append(source)
        } else {
            let source = ConfigSource.userFile(path: userFile.path)
            if let assignments = try ConfigFileReader.read(path: userFile.path, as: source, only: only) {
                layers.append(assignments)
                files.append(source)
            }
        }

        if let repositoryRoot {
            let path = repositoryRoot.appendingPathComponent(Self.repositoryFileName).path
            let source = ConfigSource.repositoryFile(path: path)
            if let assignments = try ConfigFileReader.read(path: path, as: source, only: only) {
                layers.append(assignments)
                files.append(source)
            }
        }

        if let only {
            let wanted = { (assignment: ConfigAssignment) in only.contains(assignment.key) }
            layers.append(try ConfigEnvironment.assignments(from: environment, only: only).filter(wanted))
            layers.append(try Self.assignments(from: flags).filter(wanted))
        } else {
            layers.append(try ConfigEnvironment.assignments(from: environment))
            layers.append(try Self.assignments(from: flags))
        }

        var config = MuConfig.defaults
        var sources: [String: ConfigSource] = [:]
        for setting in ConfigSchema.settings where !setting.isPattern {
            sources[setting.key()] = .defaultValue
        }
        for assignment in layers.joined() {
            assignment.setting.apply(&config, assignment.name, assignment.value)
            sources[assignment.key] = assignment.source
        }
        return ResolvedConfig(
            config: config, sources: sources, apiKeys: ConfigEnvironment.apiKeys(
                from: environment, openAICompatibleVariable: config.llm.openAICompatibleAPIKeyEnv),
            files: files, homeDirectory: homeDirectory)
    }

    private static func assignments(from flags: ConfigFlags) throws(ConfigError) -> [ConfigAssignment] {
        var result: [ConfigAssignment] = []
        for (flag, key, value) in flags.given {
            guard let setting = ConfigSchema.setting(forKey: key) else { continue }
            result.append(try .checked(value, for: setting, at: ConfigLocation(.flag(name: flag))))
        }
        return result
    }
}
