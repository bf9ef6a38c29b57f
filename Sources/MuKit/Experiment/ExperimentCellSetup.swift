import Foundation
import MuCore
import MuLLM
import MuStore

/// How one cell asks: the repository's configuration with the cell's model, strategy, parameters and
/// template put in, resolved by ``LLMSetup`` exactly as `mu summarize` resolves its own, so a cell and
/// a summarize run with the same settings share cache keys.
public struct ExperimentCellSetup: Sendable {
    public var cell: ExperimentCell
    public var setup: LLMSetup

    /// - Parameters:
    ///   - template: the `--template` text, with the cell's `--vary` values filled in here.
    public init(cell: ExperimentCell, config: ResolvedConfig, template: String?, root: URL) throws(ExperimentError) {
        var resolved = config
        var llm = resolved.config.llm
        llm.provider = Self.provider(for: cell.model, configured: llm.provider, config: config.config)
        if llm.provider == .extractive {
            throw .usage("mu experiment compares models: configure [llm] provider (or pass --provider) first")
        }
        llm.model = cell.model
        llm.strategy = MuConfig.Strategy(rawValue: cell.strategy.rawValue) ?? .direct
        llm.maxCostUSD = 0 // the experiment keeps one budget for all cells
        if let value = cell.parameter("temperature").flatMap(Double.init) { llm.temperature = value }
        if let value = cell.parameter("max_tokens").flatMap(Int.init) { llm.maxTokens = value }
        if var text = template {
            for setting in cell.variation {
                text = text.replacingOccurrences(of: "{{\(setting.name)}}", with: setting.value)
                    .replacingOccurrences(of: "{{ \(setting.name) }}", with: setting.value)
            }
            llm.promptTemplate = text
        }
        resolved.config.llm = llm
        self.cell = cell
        self.setup = LLMSetup(resolved, repositoryRoot: root)
        if let error = setup.examplesError { throw .usage(error.description) }
    }

    /// The configured provider when its catalog knows the model (or it serves any model: ollama,
    /// openai-compatible, or a `[models.NAME]` entry); otherwise the one built-in provider listing it.
    static func provider(for model: String, configured: MuConfig.Provider, config: MuConfig) -> MuConfig.Provider {
        if let entry = config.models[model]?.provider { return entry }
        let catalog = ModelCatalog.builtIn
        if let kind = ProviderKind(configValue: configured.rawValue), catalog.info(provider: kind, model: model) != nil
            || kind == .openAICompatible || kind == .ollama { return configured }
        let owners = Set(catalog.entries.filter { $0.id == model }.map(\.provider))
        if owners.count == 1, let owner = owners.first, let provider = MuConfig.Provider(rawValue: owner.rawValue) {
            return provider
        }
        return configured
    }

    /// The summary cache identity of this cell (same scheme as `mu summarize`).
    public var identity: SummaryBackendIdentity { setup.backendIdentity }

    /// The cache key of a body under this cell.
    public func key(forBodyHash hash: String) -> (hex: String, components: SummaryKey) {
        Summarizer.key(forBodyHash: hash, identity: identity)
    }

    /// The estimate of one request, priced with the cell's model.
    public func estimate(_ request: SummaryRequest) -> CostEstimate {
        estimator.estimate(request)
    }

    var estimator: CostEstimator {
        CostEstimator(model: setup.catalog.resolve(provider: setup.kind, model: setup.model), template: setup.pool.template,
                      maxInputTokens: setup.pool.maxInputTokens)
    }
}
