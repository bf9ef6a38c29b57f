import MuCore
import MuExtractive
import MuKit
import MuLLM
import Testing

/// The offline provider (MuKit's adapter around MuExtractive) through the pool: free, local, never redacted.
@Suite struct ExtractiveProviderTests {
    static let body = """
        def load_config(path, strict=False):
            password = "hunter2"
            with open(path) as handle:
                data = json.load(handle)
            if strict and not data:
                raise ValueError("empty config")
            return data
        """

    static func request(_ id: String = "f1") -> SummaryRequest {
        SummaryRequest(id: id, language: .python, name: "load_config", qualifiedName: "load_config", kind: .function,
                       signature: "def load_config(path, strict=False):", body: body, filePath: "app/config.py")
    }

    @Test func repliesWithBulletsAndNoCost() async throws {
        let provider = ExtractiveProvider()
        let prompt = PromptTemplate.builtIn().render(Self.request())
        let reply = try await provider.complete(prompt, parameters: CompletionParameters())
        #expect(reply.usage == .zero)
        #expect(reply.text.hasPrefix("- "))
        #expect(provider.model == "extractive-v1")
        #expect(!provider.readsPromptText)
        #expect(!provider.sendsSourceOffMachine)
        await #expect(throws: LLMError.self) {
            _ = try await provider.complete(Prompt(system: "", messages: [.user("x")]), parameters: CompletionParameters())
        }
    }

    @Test func thePoolAcceptsItsSummariesUnredactedAndFree() async throws {
        let pool = LLMPool(provider: ExtractiveProvider())
        let summary = try #require(await pool.summarize(Self.request()).summary)
        #expect(summary.redactions == 0)
        #expect(summary.model == "extractive-v1")
        #expect(summary.costUSD == 0)
        #expect(summary.inputTokens == 0)
        let direct = ExtractiveSummarizer().summarize(ExtractiveInput(
            language: .python, qualifiedName: "load_config", signature: "def load_config(path, strict=False):",
            body: Self.body))
        #expect(summary.bullets == direct.bullets)
        #expect(summary.bullets.first == "Loads config.")
    }

    @Test func theCatalogNamesTheSummarizerVersion() {
        #expect(ModelCatalog.offlineModel == ExtractiveSummarizer.version)
        #expect(ModelCatalog.builtInDefaults[.extractive] == ExtractiveSummarizer.version)
    }
}
