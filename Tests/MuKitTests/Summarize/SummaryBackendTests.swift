import MuCore
import MuExtractive
@testable import MuKit
import MuLLM
import MuStore
import MuTestSupport
import Testing

/// The two backends behind `SummaryBackend`: the registration, their identities, the offline session.
@Suite struct SummaryBackendTests {
    static let body = """
        def load_config(path, strict=False):
            with open(path) as handle:
                data = json.load(handle)
            if strict and not data:
                raise ValueError("empty config")
            return data
        """

    static let request = SummaryRequest(id: "k1", language: .python, name: "load_config", qualifiedName: "load_config",
                                        kind: .function, signature: "def load_config(path, strict=False):", body: body,
                                        filePath: "app/config.py")

    @Test func theOfflineSessionAnswersWithTheSummarizersBulletsForFree() async throws {
        let session = try OfflineBackend().start(observed: nil)
        let outcome = await session.summarize(Self.request)
        let result = try #require(outcome.summary)
        let direct = ExtractiveSummarizer().summarize(ExtractiveInput(
            language: .python, name: "load_config", qualifiedName: "load_config", kind: .function,
            signature: "def load_config(path, strict=False):", body: Self.body))
        #expect(outcome.requestID == "k1")
        #expect(result.bullets == direct.bullets)
        #expect(!result.bullets.isEmpty)
        #expect(result.costUSD == 0 && result.inputTokens == 0 && outcome.spentUSD == 0)
        #expect(result.provider == "extractive" && result.model == ExtractiveSummarizer.version)
        #expect(await session.statistics() == PoolStatistics())
    }

    @Test func identitiesKeepTheCacheKeysOfEarlierRuns() {
        let offline = OfflineBackend().identity
        #expect(offline.fingerprint == "\(PROMPT_VERSION)|extractive|\(ExtractiveSummarizer.version)|extractive")
        #expect(ModelCatalog.offlineModel == ExtractiveSummarizer.version)
        let key = offline.key(forBodyHash: "abc")
        #expect(key == SummaryKey(bodyHash: "abc", promptVersion: PROMPT_VERSION, model: "extractive-v1", params: "extractive"))
    }

    @Test func theConfiguredProviderChoosesTheBackend() throws {
        let repo = try TempGitRepository()
        let offline = LLMSetup(try testWorkspace(repo).config)
        #expect(offline.kind == .extractive && offline.isFree)
        #expect(try offline.makeBackend() is OfflineBackend)
        #expect(offline.backendIdentity == OfflineBackend().identity)

        var flags = ConfigFlags()
        flags.provider = "ollama"
        let ollama = LLMSetup(try testWorkspace(repo, flags: flags).config)
        let backend = try #require(try ollama.makeBackend() as? LLMBackend)
        #expect(backend.identity == ollama.backendIdentity)
        #expect(backend.identity.provider == .ollama && backend.identity.model == "llama3.2")
        #expect(backend.identity.version == PROMPT_VERSION)

        flags.provider = "anthropic"
        let anthropic = LLMSetup(try testWorkspace(repo, flags: flags).config)
        #expect(throws: LLMError.self) { try anthropic.makeBackend() }
        // Estimates need no key: the identity is known without building the provider.
        #expect(anthropic.backendIdentity.provider == .anthropic)
        #expect(anthropic.backendIdentity.model == "claude-haiku-4-5")
    }
}
