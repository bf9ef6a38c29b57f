import Testing
@testable import MuLLM
import MuCore

@Suite struct CatalogAndCostTests {
    @Test func knownModelsHavePricesAndDefaultsExist() throws {
        let catalog = ModelCatalog.builtIn
        for kind in ProviderKind.allCases where kind != .openAICompatible {
            let model = try #require(catalog.defaultModel(for: kind))
            let info = try #require(catalog.info(provider: kind, model: model))
            #expect(info.isPriced)
            #expect(info.contextWindow > 0)
        }
        let haiku = try #require(catalog.info(provider: .anthropic, model: "claude-haiku-4-5"))
        #expect(haiku.inputUSDPerMTok == 1)
        #expect(haiku.outputUSDPerMTok == 5)
    }

    @Test func datedSnapshotsResolveToTheirBaseModel() throws {
        let catalog = ModelCatalog.builtIn
        let snapshot = try #require(catalog.info(provider: .anthropic, model: "claude-haiku-4-5-20251001"))
        #expect(snapshot.id == "claude-haiku-4-5-20251001")
        #expect(snapshot.inputUSDPerMTok == 1)
        let mini = try #require(catalog.info(provider: .openAI, model: "gpt-4o-mini-2024-07-18"))
        #expect(mini.outputUSDPerMTok == 0.6)
        // `gpt-4.1-mini` is its own model, not a snapshot of `gpt-4.1`.
        #expect(catalog.info(provider: .openAI, model: "gpt-4.1-mini")?.inputUSDPerMTok == 0.4)
        #expect(catalog.info(provider: .openAI, model: "gpt-4.1-turbo-x") == nil)
    }

    @Test func unknownPaidModelsHaveNoPrice() {
        let info = ModelCatalog.builtIn.resolve(provider: .anthropic, model: "claude-future-9")
        #expect(!info.isPriced)
        #expect(info.cost(TokenUsage(inputTokens: 1000, outputTokens: 1000)) == 0)
    }

    @Test func configEntriesOverrideAndExtend() throws {
        let catalog = ModelCatalog.builtIn.merging([
            ModelInfo(provider: .anthropic, id: "claude-haiku-4-5", contextWindow: 100_000, inputUSDPerMTok: 2, outputUSDPerMTok: 8),
            ModelInfo(provider: .openAICompatible, id: "local-coder", contextWindow: 32_768, inputUSDPerMTok: 0, outputUSDPerMTok: 0),
        ])
        #expect(catalog.info(provider: .anthropic, model: "claude-haiku-4-5")?.inputUSDPerMTok == 2)
        #expect(catalog.models(for: .anthropic).filter { $0.id == "claude-haiku-4-5" }.count == 1)
        #expect(catalog.info(provider: .openAICompatible, model: "local-coder")?.contextWindow == 32_768)
        #expect(catalog.withDefault("claude-sonnet-4-5", for: .anthropic).defaultModel(for: .anthropic) == "claude-sonnet-4-5")
    }

    @Test func costArithmetic() {
        let info = ModelInfo(provider: .openAI, id: "m", contextWindow: 1000, inputUSDPerMTok: 0.4, outputUSDPerMTok: 1.6)
        #expect(abs(info.cost(TokenUsage(inputTokens: 2_500_000, outputTokens: 500_000)) - (1.0 + 0.8)) < 1e-12)
    }

    @Test func estimatesUseCharsPerTokenAndMeanOutput() {
        let request = Fixtures.request()
        let template = PromptTemplate.builtIn(.direct)
        let chars = template.render(request).characterCount
        let estimator = CostEstimator(model: Fixtures.haiku, template: template)
        let one = estimator.estimate(request)
        #expect(one.inputTokens == Int((Double(chars) / 4).rounded(.up)))
        #expect(one.outputTokens == 120)
        #expect(abs(one.costUSD - (Double(one.inputTokens) * 1 + 120 * 5) / 1_000_000) < 1e-12)

        let observed = CostEstimator(model: Fixtures.haiku, template: template, charsPerToken: 2, meanOutputTokens: 60)
        let denser = observed.estimate(request)
        #expect(denser.inputTokens == Int((Double(chars) / 2).rounded(.up)))
        #expect(denser.outputTokens == 60)

        let batch = estimator.estimate(Fixtures.requests(10))
        #expect(batch.requests == 10)
        #expect(batch.outputTokens == 1200)
        #expect(batch.isPriced)

        let offline = CostEstimator(model: ModelCatalog.builtIn.resolve(provider: .extractive, model: "extractive-v1"))
        #expect(offline.estimate(Fixtures.requests(5)) == CostEstimate(requests: 5))
    }
}
