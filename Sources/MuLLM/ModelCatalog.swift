import MuCore

/// The models mu knows, with context windows and prices (USD per 1M tokens),
/// extendable and overridable by `[models.NAME]` entries from config.
///
/// Lookups accept dated snapshots of a known id (`claude-haiku-4-5-20251001`,
/// `gpt-4o-mini-2024-07-18`). Models of free providers (Ollama, extractive)
/// resolve even when not listed.
public struct ModelCatalog: Sendable, Hashable {
    public private(set) var entries: [ModelInfo]
    private var defaults: [ProviderKind: String]

    public init(entries: [ModelInfo], defaults: [ProviderKind: String] = ModelCatalog.builtInDefaults) {
        self.entries = entries
        self.defaults = defaults
    }

    /// Default model per provider when `[llm] model` is empty.
    public static let builtInDefaults: [ProviderKind: String] = [
        .extractive: ModelCatalog.offlineModel,
        .anthropic: "claude-haiku-4-5",
        .openAI: "gpt-4.1-mini",
        .openRouter: "anthropic/claude-haiku-4.5",
        .ollama: "llama3.2",
    ]

    /// Published list prices as of early 2026; check the providers' pricing pages before relying on them.
    /// The offline summarizer's "model": its rules version (`ExtractiveSummarizer.version` in
    /// MuExtractive, which MuLLM does not import; a MuKit test keeps the two equal).
    public static let offlineModel = "extractive-v1"

    public static let builtIn = ModelCatalog(entries: [
        ModelInfo(provider: .extractive, id: ModelCatalog.offlineModel, contextWindow: 1 << 30,
                  inputUSDPerMTok: 0, outputUSDPerMTok: 0),

        ModelInfo(provider: .anthropic, id: "claude-opus-4-6", contextWindow: 200_000, inputUSDPerMTok: 5, outputUSDPerMTok: 25),
        ModelInfo(provider: .anthropic, id: "claude-opus-4-5", contextWindow: 200_000, inputUSDPerMTok: 5, outputUSDPerMTok: 25),
        ModelInfo(provider: .anthropic, id: "claude-opus-4-1", contextWindow: 200_000, inputUSDPerMTok: 15, outputUSDPerMTok: 75),
        ModelInfo(provider: .anthropic, id: "claude-sonnet-4-6", contextWindow: 200_000, inputUSDPerMTok: 3, outputUSDPerMTok: 15),
        ModelInfo(provider: .anthropic, id: "claude-sonnet-4-5", contextWindow: 200_000, inputUSDPerMTok: 3, outputUSDPerMTok: 15),
        ModelInfo(provider: .anthropic, id: "claude-sonnet-4-0", contextWindow: 200_000, inputUSDPerMTok: 3, outputUSDPerMTok: 15),
        ModelInfo(provider: .anthropic, id: "claude-haiku-4-5", contextWindow: 200_000, inputUSDPerMTok: 1, outputUSDPerMTok: 5),
        ModelInfo(provider: .anthropic, id: "claude-3-5-haiku-latest", contextWindow: 200_000, inputUSDPerMTok: 0.8, outputUSDPerMTok: 4),

        ModelInfo(provider: .openAI, id: "gpt-5", contextWindow: 400_000, inputUSDPerMTok: 1.25, outputUSDPerMTok: 10, acceptsTemperature: false),
        ModelInfo(provider: .openAI, id: "gpt-5-mini", contextWindow: 400_000, inputUSDPerMTok: 0.25, outputUSDPerMTok: 2, acceptsTemperature: false),
        ModelInfo(provider: .openAI, id: "gpt-5-nano", contextWindow: 400_000, inputUSDPerMTok: 0.05, outputUSDPerMTok: 0.4, acceptsTemperature: false),
        ModelInfo(provider: .openAI, id: "gpt-4.1", contextWindow: 1_047_576, inputUSDPerMTok: 2, outputUSDPerMTok: 8),
        ModelInfo(provider: .openAI, id: "gpt-4.1-mini", contextWindow: 1_047_576, inputUSDPerMTok: 0.4, outputUSDPerMTok: 1.6),
        ModelInfo(provider: .openAI, id: "gpt-4.1-nano", contextWindow: 1_047_576, inputUSDPerMTok: 0.1, outputUSDPerMTok: 0.4),
        ModelInfo(provider: .openAI, id: "gpt-4o", contextWindow: 128_000, inputUSDPerMTok: 2.5, outputUSDPerMTok: 10),
        ModelInfo(provider: .openAI, id: "gpt-4o-mini", contextWindow: 128_000, inputUSDPerMTok: 0.15, outputUSDPerMTok: 0.6),

        ModelInfo(provider: .openRouter, id: "anthropic/claude-sonnet-4.5", contextWindow: 200_000, inputUSDPerMTok: 3, outputUSDPerMTok: 15),
        ModelInfo(provider: .openRouter, id: "anthropic/claude-haiku-4.5", contextWindow: 200_000, inputUSDPerMTok: 1, outputUSDPerMTok: 5),
        ModelInfo(provider: .openRouter, id: "openai/gpt-4.1-mini", contextWindow: 1_047_576, inputUSDPerMTok: 0.4, outputUSDPerMTok: 1.6),
        ModelInfo(provider: .openRouter, id: "openai/gpt-4o-mini", contextWindow: 128_000, inputUSDPerMTok: 0.15, outputUSDPerMTok: 0.6),
        ModelInfo(provider: .openRouter, id: "google/gemini-2.5-flash", contextWindow: 1_048_576, inputUSDPerMTok: 0.3, outputUSDPerMTok: 2.5),

        // Ollama serves any pulled model; 4096 is its default context length (num_ctx).
        ModelInfo(provider: .ollama, id: "llama3.2", contextWindow: 4_096, inputUSDPerMTok: 0, outputUSDPerMTok: 0),
        ModelInfo(provider: .ollama, id: "qwen2.5-coder", contextWindow: 4_096, inputUSDPerMTok: 0, outputUSDPerMTok: 0),
    ])

    /// A copy where `overrides` replace entries with the same provider and id, and add the others.
    public func merging(_ overrides: [ModelInfo]) -> ModelCatalog {
        var copy = self
        for entry in overrides {
            if let index = copy.entries.firstIndex(where: { $0.provider == entry.provider && $0.id == entry.id }) {
                copy.entries[index] = entry
            } else {
                copy.entries.append(entry)
            }
        }
        return copy
    }

    /// A copy with another default model for a provider.
    public func withDefault(_ model: String, for provider: ProviderKind) -> ModelCatalog {
        var copy = self
        copy.defaults[provider] = model
        return copy
    }

    public func defaultModel(for provider: ProviderKind) -> String? {
        defaults[provider]
    }

    /// Entries of one provider, in catalog order.
    public func models(for provider: ProviderKind) -> [ModelInfo] {
        entries.filter { $0.provider == provider }
    }

    /// The entry for a model: exact id, then a dated snapshot (or `-latest`) of
    /// a listed id, then — for free providers — a synthesized free entry.
    public func info(provider: ProviderKind, model: String) -> ModelInfo? {
        let candidates = models(for: provider)
        if let exact = candidates.first(where: { $0.id == model }) { return exact }
        let snapshotBase = candidates
            .filter { model.hasPrefix($0.id) && ModelCatalog.isSnapshotSuffix(model.dropFirst($0.id.count)) }
            .max { $0.id.count < $1.id.count }
        if var base = snapshotBase {
            base.id = model
            return base
        }
        if provider == .ollama, let colon = model.firstIndex(of: ":"),
           var tagged = candidates.first(where: { $0.id == String(model[..<colon]) }) {
            tagged.id = model  // `llama3.2:3b` prices like `llama3.2`
            return tagged
        }
        if provider.isFree {
            return ModelInfo(provider: provider, id: model,
                             contextWindow: provider == .ollama ? 4_096 : 1 << 30,
                             inputUSDPerMTok: 0, outputUSDPerMTok: 0)
        }
        return nil
    }

    /// Like ``info(provider:model:)`` but never nil: an unknown model gets a
    /// conservative context window and unknown prices.
    public func resolve(provider: ProviderKind, model: String) -> ModelInfo {
        if let info = info(provider: provider, model: model) { return info }
        let window = switch provider {
        case .anthropic: 200_000
        case .openAI, .openRouter: 128_000
        default: 8_192
        }
        return ModelInfo(provider: provider, id: model, contextWindow: window,
                         inputUSDPerMTok: nil, outputUSDPerMTok: nil)
    }

    /// `-20251001`, `-2024-07-18`, `-latest`.
    static func isSnapshotSuffix(_ suffix: Substring) -> Bool {
        guard suffix.first == "-" else { return false }
        let rest = suffix.dropFirst()
        if rest == "latest" { return true }
        let digits = rest.filter { $0 != "-" }
        return (digits.count == 8) && digits.allSatisfy(\.isNumber) && rest.allSatisfy { $0.isNumber || $0 == "-" }
    }
}
