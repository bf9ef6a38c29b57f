import Foundation

/// The configuration mu runs with: every value, where each came from, and the API keys found in the
/// environment.
public struct ResolvedConfig: Sendable, Equatable {
    public var config: MuConfig
    /// Dotted key (`llm.provider`, `models."gpt-4.1".id`) → the layer that set it. Holds every fixed key and
    /// every model field that is set.
    public var sources: [String: ConfigSource]
    public var apiKeys: APIKeys
    /// The config files that were read, lowest precedence first.
    public var files: [ConfigSource]
    /// The home directory `~` stands for in paths such as `[cache] path`.
    public var homeDirectory: URL

    public init(
        config: MuConfig = .defaults,
        sources: [String: ConfigSource] = [:],
        apiKeys: APIKeys = APIKeys(),
        files: [ConfigSource] = [],
        homeDirectory: URL
    ) {
        self.config = config
        self.sources = sources
        self.apiKeys = apiKeys
        self.files = files
        self.homeDirectory = homeDirectory
    }

    /// Where `key` came from; `.defaultValue` for keys no layer set.
    public func source(of key: String) -> ConfigSource {
        sources[key] ?? .defaultValue
    }

    /// The SQLite file `[cache] path` names: `~/` expanded, relative paths taken from `repositoryRoot`.
    public func cacheURL(repositoryRoot: URL) -> URL {
        let path = config.cache.path
        if path == "~" { return homeDirectory }
        if path.hasPrefix("~/") { return homeDirectory.appendingPathComponent(String(path.dropFirst(2))) }
        if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
        return repositoryRoot.appendingPathComponent(path)
    }

    /// The API keys, read only from the environment. `description` and `dump` mask them, so printing a
    /// `ResolvedConfig` by accident does not leak a key.
    public struct APIKeys: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
        CustomReflectable
    {
        /// `ANTHROPIC_API_KEY`
        public var anthropic: String?
        /// `OPENAI_API_KEY`
        public var openai: String?
        /// `OPENROUTER_API_KEY`
        public var openrouter: String?
        /// `[llm.openai-compatible] api_key_env`, else `OPENAI_API_KEY`: sent as a bearer token when set.
        public var openaiCompatible: String?

        public init(anthropic: String? = nil, openai: String? = nil, openrouter: String? = nil,
                    openaiCompatible: String? = nil) {
            self.anthropic = anthropic
            self.openai = openai
            self.openrouter = openrouter
            self.openaiCompatible = openaiCompatible
        }

        /// The providers that take a key, and the variable each is read from.
        public static let variables: [(provider: MuConfig.Provider, variable: String)] = [
            (.anthropic, "ANTHROPIC_API_KEY"),
            (.openai, "OPENAI_API_KEY"),
            (.openrouter, "OPENROUTER_API_KEY"),
        ]

        /// The environment variable holding `provider`'s key; nil for providers mu sends no key to
        /// (extractive, ollama) or whose key is optional and configurable (openai-compatible).
        public static func variable(for provider: MuConfig.Provider) -> String? {
            variables.first { $0.provider == provider }?.variable
        }

        /// `provider`'s key, if set.
        public func key(for provider: MuConfig.Provider) -> String? {
            switch provider {
            case .anthropic: anthropic
            case .openai: openai
            case .openrouter: openrouter
            case .openAICompatible: openaiCompatible
            case .extractive, .ollama: nil
            }
        }

        /// A key shown safely: `sk-a…f3` (first four and last two characters) for keys of 12 characters or
        /// more, `(set)` for shorter ones, which that would reveal too much of, `(not set)` for none.
        public static func mask(_ key: String?) -> String {
            guard let key, !key.isEmpty else { return "(not set)" }
            guard key.count >= 12 else { return "(set)" }
            return "\(key.prefix(4))…\(key.suffix(2))"
        }

        public var description: String {
            "APIKeys(anthropic: \(Self.mask(anthropic)), openai: \(Self.mask(openai)), "
                + "openrouter: \(Self.mask(openrouter)), openai-compatible: \(Self.mask(openaiCompatible)))"
        }

        public var debugDescription: String { description }

        public var customMirror: Mirror {
            Mirror(self, children: [
                "anthropic": Self.mask(anthropic),
                "openai": Self.mask(openai),
                "openrouter": Self.mask(openrouter),
                "openaiCompatible": Self.mask(openaiCompatible),
            ])
        }
    }
}
