import MuSummaryText

/// A chat message in the provider-neutral form every wire format is built from.
public struct ChatMessage: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, Hashable, Codable {
        case user
        case assistant
    }

    public var role: Role
    public var content: String

    public init(role: Role, content: String) {
        self.role = role
        self.content = content
    }

    public static func user(_ content: String) -> ChatMessage { ChatMessage(role: .user, content: content) }
    public static func assistant(_ content: String) -> ChatMessage { ChatMessage(role: .assistant, content: content) }
}

/// What is sent to a provider: a system prompt and the conversation so far.
public struct Prompt: Sendable, Hashable {
    public var system: String
    public var messages: [ChatMessage]
    /// How many leading messages are the same for every function (few-shot examples): with the system
    /// text they form the stable prefix a provider may cache (Anthropic `cache_control`).
    public var stableMessageCount: Int

    public init(system: String, messages: [ChatMessage], stableMessageCount: Int = 0) {
        self.system = system
        self.messages = messages
        self.stableMessageCount = max(0, min(stableMessageCount, messages.count))
    }

    /// Characters of the stable prefix: the system text and the stable messages.
    public var stablePrefixCharacters: Int {
        messages.prefix(stableMessageCount).reduce(Prompt.characters(system)) { $0 + Prompt.characters($1.content) }
    }

    /// Characters of text sent, the basis of token estimates.
    public var characterCount: Int {
        messages.reduce(Prompt.characters(system)) { $0 + Prompt.characters($1.content) }
    }

    /// `text.count`; in plain text (``PlainText``) one byte is one character.
    static func characters(_ text: String) -> Int {
        PlainText.isPlain(text) ? text.utf8.count : text.count
    }
}

/// Sampling parameters for one call.
public struct CompletionParameters: Sendable, Hashable, Codable {
    /// Upper bound on output tokens.
    public var maxTokens: Int
    /// Sampling temperature; `nil` leaves it to the provider (required by some reasoning models).
    public var temperature: Double?

    public init(maxTokens: Int = 300, temperature: Double? = 0.2) {
        self.maxTokens = maxTokens
        self.temperature = temperature
    }
}

/// Tokens billed for one call.
///
/// `inputTokens` counts every input token, cached or not (OpenAI's `prompt_tokens`; Anthropic's
/// `input_tokens + cache_read_input_tokens + cache_creation_input_tokens`); `cacheReadTokens` and
/// `cacheWriteTokens` are the parts of it billed at the cached-prefix rates (``ModelInfo/cost(_:)``).
public struct TokenUsage: Sendable, Hashable, Codable {
    public var inputTokens: Int
    public var outputTokens: Int
    /// Input tokens read from the provider's prompt cache (Anthropic `cache_read_input_tokens`,
    /// OpenAI `usage.prompt_tokens_details.cached_tokens`).
    public var cacheReadTokens: Int
    /// Input tokens written to the prompt cache (Anthropic `cache_creation_input_tokens`; OpenAI has none).
    public var cacheWriteTokens: Int

    public init(inputTokens: Int, outputTokens: Int, cacheReadTokens: Int = 0, cacheWriteTokens: Int = 0) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cacheReadTokens = cacheReadTokens
        self.cacheWriteTokens = cacheWriteTokens
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        inputTokens = try container.decode(Int.self, forKey: .inputTokens)
        outputTokens = try container.decode(Int.self, forKey: .outputTokens)
        cacheReadTokens = try container.decodeIfPresent(Int.self, forKey: .cacheReadTokens) ?? 0
        cacheWriteTokens = try container.decodeIfPresent(Int.self, forKey: .cacheWriteTokens) ?? 0
    }

    public static let zero = TokenUsage(inputTokens: 0, outputTokens: 0)

    public static func + (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
        TokenUsage(inputTokens: lhs.inputTokens + rhs.inputTokens,
                   outputTokens: lhs.outputTokens + rhs.outputTokens,
                   cacheReadTokens: lhs.cacheReadTokens + rhs.cacheReadTokens,
                   cacheWriteTokens: lhs.cacheWriteTokens + rhs.cacheWriteTokens)
    }
}

/// A provider's successful reply.
public struct ProviderReply: Sendable, Hashable {
    /// The assistant's text, not yet cleaned.
    public var text: String
    /// Tokens billed; `nil` when the server did not report usage (the pool then estimates).
    public var usage: TokenUsage?
    /// Model id the server reports, when it does.
    public var model: String?
    /// Rate-limit state from the response headers, when present.
    public var rateLimit: RateLimitStatus?

    public init(text: String, usage: TokenUsage?, model: String? = nil, rateLimit: RateLimitStatus? = nil) {
        self.text = text
        self.usage = usage
        self.model = model
        self.rateLimit = rateLimit
    }
}

/// A backend that turns a prompt into text. Implementations throw only ``LLMError``.
///
/// Providers are stateless values apart from their shared HTTP session, so
/// the pool calls `complete` from many tasks at once.
public protocol LLMProvider: Sendable {
    /// Provider name as configured: `anthropic`, `openai`, `openrouter`, `ollama`, `openai-compatible`.
    var name: String { get }
    /// Model id sent to the API.
    var model: String { get }
    /// True when prompts leave the process over the network: bodies are then redacted first.
    var sendsSourceOffMachine: Bool { get }

    /// Sends one prompt and returns the raw reply. Throws ``LLMError``.
    func complete(_ prompt: Prompt, parameters: CompletionParameters) async throws -> ProviderReply
}

