/// One configuration key: its TOML path, what it accepts, and how it reads and writes `MuConfig`.
/// A path component `*` matches any name (`models.*.provider`).
struct ConfigSetting: Sendable {
    let path: [String]
    let kind: ConfigValueKind
    /// Writes a checked value; `name` is the `*` component, if any.
    let apply: @Sendable (inout MuConfig, _ name: String, ConfigValue) -> Void
    /// Reads the current value; nil when unset (only model fields can be unset).
    let read: @Sendable (MuConfig, _ name: String) -> ConfigValue?

    var isPattern: Bool { path.contains(ConfigSchema.wildcard) }

    /// The dotted key for display, with the `*` component replaced by `name`.
    func key(name: String = "") -> String {
        ConfigSchema.displayKey(path.map { $0 == ConfigSchema.wildcard ? name : $0 })
    }
}

/// Every key mu knows, in documentation order: the single list that file parsing, `config show` and the
/// tests walk.
enum ConfigSchema {
    static let wildcard = "*"

    static let settings: [ConfigSetting] = [
        choice("llm.provider", \.llm.provider),
        string("llm.model", \.llm.model),
        number("llm.timeout_seconds", \.llm.timeoutSeconds, min: 0, minExclusive: true),
        integer("llm.max_retries", \.llm.maxRetries, min: 0),
        integer("llm.concurrency", \.llm.concurrency, min: 1),
        integer("llm.requests_per_minute", \.llm.requestsPerMinute, min: 0),
        integer("llm.tokens_per_minute", \.llm.tokensPerMinute, min: 0),
        number("llm.max_cost_usd", \.llm.maxCostUSD, min: 0),
        number("llm.temperature", \.llm.temperature, min: 0, max: 2),
        integer("llm.max_tokens", \.llm.maxTokens, min: 1),
        integer("llm.max_input_tokens", \.llm.maxInputTokens, min: 256),
        choice("llm.strategy", \.llm.strategy),
        optionalText("llm.prompt_template", \.llm.promptTemplate),
        url("llm.anthropic.base_url", \.llm.anthropic.baseURL),
        url("llm.openai.base_url", \.llm.openai.baseURL),
        url("llm.openrouter.base_url", \.llm.openrouter.baseURL),
        url("llm.ollama.base_url", \.llm.ollama.baseURL),
        url("llm.openai-compatible.base_url", \.llm.openAICompatible.baseURL, allowEmpty: true),
        string("llm.openai-compatible.api_key_env", \.llm.openAICompatibleAPIKeyEnv),
        strings("index.include", \.index.include),
        strings("index.exclude", \.index.exclude),
        integer("index.max_file_bytes", \.index.maxFileBytes, min: 1),
        string("cache.path", \.cache.path, nonEmpty: true),
        ConfigSetting(path: ["cache", "url"], kind: .databaseURL,
                      apply: { config, _, value in if case .string(let s) = value { config.cache.url = s } },
                      read: { config, _ in .string(config.cache.url) }),
        bool("security.redact_secrets", \.security.redactSecrets),
        string("prompt.examples_file", \.prompt.examplesFile),
        integer("quality.min_bullets", \.quality.minBullets, min: 1),
        integer("quality.max_bullets", \.quality.maxBullets, min: 1),
        integer("quality.max_words", \.quality.maxWords, min: 1),
        number("quality.min_grounding", \.quality.minGrounding, min: 0, max: 1),
        model("provider", .choice(MuConfig.Provider.allCases.map(\.rawValue)),
              set: { entry, value in
                  if case .string(let s) = value { entry.provider = MuConfig.Provider(rawValue: s) }
              },
              get: { $0.provider.map { .string($0.rawValue) } }),
        model("id", .nonEmptyString,
              set: { entry, value in if case .string(let s) = value { entry.id = s } },
              get: { $0.id.map { .string($0) } }),
        model("context_window", .integer(min: 1),
              set: { entry, value in if case .int(let i) = value { entry.contextWindow = i } },
              get: { $0.contextWindow.map { .int($0) } }),
        model("input_usd_per_mtok", .number(min: 0, minExclusive: false, max: nil),
              set: { entry, value in if case .double(let d) = value { entry.inputUSDPerMTok = d } },
              get: { $0.inputUSDPerMTok.map { .double($0) } }),
        model("output_usd_per_mtok", .number(min: 0, minExclusive: false, max: nil),
              set: { entry, value in if case .double(let d) = value { entry.outputUSDPerMTok = d } },
              get: { $0.outputUSDPerMTok.map { .double($0) } }),
    ]

    /// The setting at exactly `path`, and the name its `*` matched ("" when none).
    static func setting(at path: [String]) -> (ConfigSetting, name: String)? {
        for setting in settings where setting.path.count == path.count {
            var name = ""
            var matches = true
            for (pattern, component) in zip(setting.path, path) {
                if pattern == wildcard { name = component } else if pattern != component { matches = false; break }
            }
            if matches { return (setting, name) }
        }
        return nil
    }

    /// The setting with this dotted key (fixed keys only), e.g. "llm.provider".
    static func setting(forKey key: String) -> ConfigSetting? {
        settings.first { !$0.isPattern && $0.key() == key }
    }

    /// Whether `path` names a table that holds settings (`llm`, `llm.ollama`, `models`, `models.NAME`).
    static func isSection(_ path: [String]) -> Bool {
        settings.contains { setting in
            setting.path.count > path.count
                && zip(setting.path, path).allSatisfy { $0 == wildcard || $0 == $1 }
        }
    }

    /// The names allowed directly inside the table at `path`.
    static func children(of path: [String]) -> [String] {
        var names: [String] = []
        for setting in settings where setting.path.count > path.count
            && zip(setting.path, path).allSatisfy({ $0 == wildcard || $0 == $1 }) {
            let name = setting.path[path.count]
            if name != wildcard, !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// Dotted key with TOML quoting for components that are not bare keys: `models."gpt-4.1".provider`.
    static func displayKey(_ path: [String]) -> String {
        path.map { component in
            let bare = !component.isEmpty && component.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
            }
            return bare ? component : "\"" + component.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }.joined(separator: ".")
    }

    // MARK: Builders

    private static func split(_ key: String) -> [String] {
        key.split(separator: ".").map(String.init)
    }

    private static func string(
        _ key: String, _ keyPath: WritableKeyPath<MuConfig, String> & Sendable, nonEmpty: Bool = false
    ) -> ConfigSetting {
        ConfigSetting(
            path: split(key), kind: nonEmpty ? .nonEmptyString : .string,
            apply: { config, _, value in if case .string(let s) = value { config[keyPath: keyPath] = s } },
            read: { config, _ in .string(config[keyPath: keyPath]) })
    }

    private static func optionalText(
        _ key: String, _ keyPath: WritableKeyPath<MuConfig, String?> & Sendable
    ) -> ConfigSetting {
        ConfigSetting(
            path: split(key), kind: .optionalText,
            apply: { config, _, value in
                if case .string(let s) = value { config[keyPath: keyPath] = s.isEmpty ? nil : s }
            },
            read: { config, _ in .string(config[keyPath: keyPath] ?? "") })
    }

    private static func url(
        _ key: String, _ keyPath: WritableKeyPath<MuConfig, String> & Sendable, allowEmpty: Bool = false
    ) -> ConfigSetting {
        ConfigSetting(
            path: split(key), kind: .url(allowEmpty: allowEmpty),
            apply: { config, _, value in if case .string(let s) = value { config[keyPath: keyPath] = s } },
            read: { config, _ in .string(config[keyPath: keyPath]) })
    }

    private static func integer(
        _ key: String, _ keyPath: WritableKeyPath<MuConfig, Int> & Sendable, min: Int
    ) -> ConfigSetting {
        ConfigSetting(
            path: split(key), kind: .integer(min: min),
            apply: { config, _, value in if case .int(let i) = value { config[keyPath: keyPath] = i } },
            read: { config, _ in .int(config[keyPath: keyPath]) })
    }

    private static func number(
        _ key: String, _ keyPath: WritableKeyPath<MuConfig, Double> & Sendable,
        min: Double, minExclusive: Bool = false, max: Double? = nil
    ) -> ConfigSetting {
        ConfigSetting(
            path: split(key), kind: .number(min: min, minExclusive: minExclusive, max: max),
            apply: { config, _, value in
                switch value {
                case .double(let d): config[keyPath: keyPath] = d
                case .int(let i): config[keyPath: keyPath] = Double(i)
                default: break
                }
            },
            read: { config, _ in .double(config[keyPath: keyPath]) })
    }

    private static func bool(
        _ key: String, _ keyPath: WritableKeyPath<MuConfig, Bool> & Sendable
    ) -> ConfigSetting {
        ConfigSetting(
            path: split(key), kind: .bool,
            apply: { config, _, value in if case .bool(let b) = value { config[keyPath: keyPath] = b } },
            read: { config, _ in .bool(config[keyPath: keyPath]) })
    }

    private static func strings(
        _ key: String, _ keyPath: WritableKeyPath<MuConfig, [String]> & Sendable
    ) -> ConfigSetting {
        ConfigSetting(
            path: split(key), kind: .stringArray,
            apply: { config, _, value in if case .strings(let s) = value { config[keyPath: keyPath] = s } },
            read: { config, _ in .strings(config[keyPath: keyPath]) })
    }

    private static func choice<E: RawRepresentable<String> & CaseIterable & Sendable>(
        _ key: String, _ keyPath: WritableKeyPath<MuConfig, E> & Sendable
    ) -> ConfigSetting {
        ConfigSetting(
            path: split(key), kind: .choice(E.allCases.map(\.rawValue)),
            apply: { config, _, value in
                if case .string(let s) = value, let e = E(rawValue: s) { config[keyPath: keyPath] = e }
            },
            read: { config, _ in .string(config[keyPath: keyPath].rawValue) })
    }

    private static func model(
        _ field: String, _ kind: ConfigValueKind,
        set: @escaping @Sendable (inout MuConfig.ModelEntry, ConfigValue) -> Void,
        get: @escaping @Sendable (MuConfig.ModelEntry) -> ConfigValue?
    ) -> ConfigSetting {
        ConfigSetting(
            path: ["models", wildcard, field], kind: kind,
            apply: { config, name, value in set(&config.models[name, default: MuConfig.ModelEntry()], value) },
            read: { config, name in config.models[name].flatMap(get) })
    }
}
