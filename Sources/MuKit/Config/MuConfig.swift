import Foundation

/// mu's settings, typed: what `.murc.toml`, `~/.config/mu/config.toml`, the environment and flags resolve to.
///
/// The memberwise defaults are the documented defaults (docs/configuration.md, `.murc.toml.example`).
/// API keys are deliberately absent: they come only from the environment (see `ResolvedConfig.APIKeys`).
public struct MuConfig: Sendable, Equatable {
    public var llm: LLM
    public var index: Index
    public var cache: Cache
    public var security: Security
    /// `[prompt]`: few-shot examples from a file.
    public var prompt: Prompt
    /// `[quality]`: what an LLM summary must satisfy to be accepted and cached.
    public var quality: Quality
    /// `[models.NAME]` tables: models added to, or overriding fields of, the built-in model catalog.
    public var models: [String: ModelEntry]

    public init(
        llm: LLM = LLM(),
        index: Index = Index(),
        cache: Cache = Cache(),
        security: Security = Security(),
        prompt: Prompt = Prompt(),
        quality: Quality = Quality(),
        models: [String: ModelEntry] = [:]
    ) {
        self.prompt = prompt
        self.quality = quality
        self.llm = llm
        self.index = index
        self.cache = cache
        self.security = security
        self.models = models
    }

    /// The built-in defaults.
    public static let defaults = MuConfig()
}

extension MuConfig {
    /// Which backend writes summaries (`[llm] provider`).
    public enum Provider: String, Sendable, CaseIterable, Codable {
        case extractive
        case anthropic
        case openai
        case openrouter
        case ollama
        case openAICompatible = "openai-compatible"
    }

    /// How the prompt asks for a summary (`[llm] strategy`).
    public enum Strategy: String, Sendable, CaseIterable, Codable {
        case direct
        case fewShot = "few-shot"
        case instruction
        case chainOfThought = "chain-of-thought"
    }

    /// Where a provider's HTTP API lives (`[llm.PROVIDER] base_url`).
    public struct Endpoint: Sendable, Equatable {
        /// An http(s) URL without a trailing slash, or "" when not configured.
        public var baseURL: String

        public init(baseURL: String) {
            self.baseURL = baseURL
        }

        /// `baseURL` as a URL; nil when not configured.
        public var url: URL? {
            baseURL.isEmpty ? nil : URL(string: baseURL)
        }
    }

    /// The `[llm]` section.
    public struct LLM: Sendable, Equatable {
        public var provider: Provider = .extractive
        /// The model name; "" means the provider's default model.
        public var model: String = ""
        /// Per-request timeout.
        public var timeoutSeconds: Double = 30
        /// Retries after the first attempt, for retryable failures (429, 5xx, timeouts).
        public var maxRetries: Int = 2
        /// Requests in flight at once.
        public var concurrency: Int = 5
        /// 0 = unlimited.
        public var requestsPerMinute: Int = 0
        /// 0 = unlimited.
        public var tokensPerMinute: Int = 0
        /// Stop a run before spending more than this; 0 = no budget.
        public var maxCostUSD: Double = 0
        public var temperature: Double = 0.2
        public var maxTokens: Int = 300
        /// A prompt longer than this many tokens is cut to the declaration, doc comment and the head and
        /// tail of the body, with a marker line naming the lines left out (part of the cache key).
        public var maxInputTokens: Int = 8000
        public var strategy: Strategy = .direct
        /// A user override of the summary prompt; nil (`prompt_template = ""`) uses the built-in prompt.
        public var promptTemplate: String? = nil
        public var anthropic = Endpoint(baseURL: "https://api.anthropic.com")
        public var openai = Endpoint(baseURL: "https://api.openai.com/v1")
        public var openrouter = Endpoint(baseURL: "https://openrouter.ai/api/v1")
        public var ollama = Endpoint(baseURL: "http://localhost:11434")
        /// `[llm.openai-compatible]`: any server speaking OpenAI's chat completions API; no default.
        public var openAICompatible = Endpoint(baseURL: "")
        /// `[llm.openai-compatible] api_key_env`: the environment variable holding a keyed gateway's
        /// key (LiteLLM, vLLM `--api-key`, llama.cpp `--api-key`); empty = `OPENAI_API_KEY` when set.
        public var openAICompatibleAPIKeyEnv: String = ""

        public init() {}

        /// The endpoint of `provider`; nil for `extractive`, which makes no requests.
        public func endpoint(for provider: Provider) -> Endpoint? {
            switch provider {
            case .extractive: nil
            case .anthropic: anthropic
            case .openai: openai
            case .openrouter: openrouter
            case .ollama: ollama
            case .openAICompatible: openAICompatible
            }
        }
    }

    /// The `[index]` section: which files `mu summarize` / `mu functions` read.
    public struct Index: Sendable, Equatable {
        /// Globs relative to the repository root; empty means every file.
        public var include: [String] = []
        /// Globs relative to the repository root; matching files are skipped.
        public var exclude: [String] = []
        /// Larger files are skipped.
        public var maxFileBytes: Int = 1_048_576

        public init() {}
    }

    /// The `[cache]` section.
    public struct Cache: Sendable, Equatable {
        /// The SQLite file; relative paths are relative to the repository root, `~/` is the home directory.
        public var path: String = ".mu/mu.db"
        /// The shared PostgreSQL cache (`postgres://user@host:5432/db?sslmode=...`), "" for none. A password
        /// may come only from `MU_CACHE_URL` or `PGPASSWORD`, never from a file.
        public var url: String = ""

        public init() {}
    }

    /// The `[security]` section.
    public struct Security: Sendable, Equatable {
        /// Replace likely secrets in function bodies before they are sent to a provider.
        public var redactSecrets: Bool = true

        public init() {}
    }

    /// The `[prompt]` section.
    public struct Prompt: Sendable, Equatable {
        /// A JSON file of few-shot examples (`[{"language": …, "code": …, "summary": [bullets]}]`) used by
        /// the `few-shot` strategy instead of the built-in ones; "" = built-in. Relative to the repository root.
        public var examplesFile: String = ""

        public init() {}
    }

    /// The `[quality]` section: criteria an LLM summary must meet (failing ones get one re-ask, then
    /// count as failed and are not cached). Non-default values are part of the cache key.
    public struct Quality: Sendable, Equatable {
        public var minBullets: Int = 1
        public var maxBullets: Int = 5
        /// Words per bullet at most.
        public var maxWords: Int = 25
        /// Least share (0 to 1) of the code identifiers a summary names that must occur in the body.
        public var minGrounding: Double = 0

        public init() {}
    }

    /// A `[models.NAME]` table. Every field is optional: for a catalog model, the fields given override the
    /// catalog's; a model unknown to the catalog needs at least `provider`.
    public struct ModelEntry: Sendable, Equatable {
        public var provider: Provider?
        /// The model id sent to the API, when it differs from NAME.
        public var id: String?
        public var contextWindow: Int?
        /// USD per million input tokens.
        public var inputUSDPerMTok: Double?
        /// USD per million output tokens.
        public var outputUSDPerMTok: Double?

        public init(
            provider: Provider? = nil,
            id: String? = nil,
            contextWindow: Int? = nil,
            inputUSDPerMTok: Double? = nil,
            outputUSDPerMTok: Double? = nil
        ) {
            self.provider = provider
            self.id = id
            self.contextWindow = contextWindow
            self.inputUSDPerMTok = inputUSDPerMTok
            self.outputUSDPerMTok = outputUSDPerMTok
        }
    }
}
