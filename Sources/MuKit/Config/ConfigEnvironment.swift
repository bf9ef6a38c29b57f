import Foundation

/// The environment layer: `MU_PROVIDER`, `MU_MODEL`, the providers' base-URL variables, and API keys.
/// Empty variables count as unset.
enum ConfigEnvironment {
    /// (variable, key) pairs read as settings, in key order.
    static let variables: [(variable: String, key: String)] = [
        ("MU_PROVIDER", "llm.provider"),
        ("MU_MODEL", "llm.model"),
        ("ANTHROPIC_BASE_URL", "llm.anthropic.base_url"),
        ("OPENAI_BASE_URL", "llm.openai.base_url"),
        ("OLLAMA_HOST", "llm.ollama.base_url"),
        ("MU_CACHE_URL", "cache.url"),
    ]

    static func value(_ variable: String, in environment: [String: String]) -> String? {
        guard let raw = environment[variable] else { return nil }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The variables' assignments; with `only`, just those keys (a bad value elsewhere is not checked).
    static func assignments(from environment: [String: String], only: Set<String>? = nil) throws(ConfigError) -> [ConfigAssignment] {
        var result: [ConfigAssignment] = []
        for (variable, key) in variables where only?.contains(key) ?? true {
            guard var value = value(variable, in: environment), let setting = ConfigSchema.setting(forKey: key)
            else { continue }
            if variable == "OLLAMA_HOST" { value = ollamaBaseURL(fromHost: value) }
            result.append(try .checked(.string(value), for: setting, at: ConfigLocation(.environment(variable: variable))))
        }
        return result
    }

    /// The keys in `environment`; the `openai-compatible` key from `openAICompatibleVariable`
    /// (`[llm.openai-compatible] api_key_env`), or `OPENAI_API_KEY` when that is empty.
    static func apiKeys(from environment: [String: String], openAICompatibleVariable: String = "") -> ResolvedConfig.APIKeys {
        let compatible = openAICompatibleVariable.trimmingCharacters(in: .whitespaces)
        return ResolvedConfig.APIKeys(
            anthropic: value("ANTHROPIC_API_KEY", in: environment),
            openai: value("OPENAI_API_KEY", in: environment),
            openrouter: value("OPENROUTER_API_KEY", in: environment),
            openaiCompatible: value(compatible.isEmpty ? "OPENAI_API_KEY" : compatible, in: environment))
    }

    /// `OLLAMA_HOST` as a base URL, read the way the `ollama` CLI reads it: no scheme means `http://`;
    /// no scheme and no port means port 11434 (`localhost` → `http://localhost:11434`); an explicit
    /// scheme keeps its own default port; an empty host means 127.0.0.1.
    static func ollamaBaseURL(fromHost host: String) -> String {
        var value = host.trimmingCharacters(in: .whitespaces)
        if value.range(of: "://") != nil {
            while value.hasSuffix("/") { value.removeLast() }
            return value
        }
        var hostPort = Substring(value)
        var path = ""
        if let slash = hostPort.firstIndex(of: "/") {
            path = String(hostPort[slash...])
            hostPort = hostPort[..<slash]
        }
        while path.hasSuffix("/") { path.removeLast() }
        var authority = String(hostPort)
        let colons = authority.filter { $0 == ":" }.count
        if authority.hasPrefix("[") {
            if !authority.contains("]:") { authority += ":11434" }
        } else if colons > 1 {
            authority = "[\(authority)]:11434"  // a bare IPv6 address
        } else if colons == 0 {
            authority += ":11434"
        }
        if authority.hasPrefix(":") { authority = "127.0.0.1" + authority }
        return "http://" + authority + path
    }
}
