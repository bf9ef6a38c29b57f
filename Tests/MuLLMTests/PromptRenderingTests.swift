import Testing
@testable import MuLLM

/// The pool renders the template only for providers that read prompt text.
@Suite struct PromptRenderingTests {
    /// Records the prompts it is sent; replies with one valid bullet.
    actor RecordingProvider: LLMProvider {
        nonisolated let name = "ollama"
        nonisolated let model = "llama3.2"
        nonisolated let sendsSourceOffMachine = false
        nonisolated let readsPromptText: Bool
        private(set) var prompts: [Prompt] = []

        init(readsPromptText: Bool) {
            self.readsPromptText = readsPromptText
        }

        func complete(_ prompt: Prompt, parameters: CompletionParameters) async throws -> ProviderReply {
            prompts.append(prompt)
            return ProviderReply(text: "- Loads the configuration file.", usage: .zero, model: model)
        }
    }

    @Test func aProviderReadingOnlyTheRequestGetsNoRenderedText() async {
        let provider = RecordingProvider(readsPromptText: false)
        let pool = LLMPool(provider: provider, clock: VirtualClock())
        let outcome = await pool.summarize(Fixtures.request())
        #expect(outcome.summary?.bullets == ["Loads the configuration file."])
        let prompt = await provider.prompts.first
        #expect(prompt?.messages.isEmpty == true)
        #expect(prompt?.system.isEmpty == true)
        #expect(prompt?.source == Fixtures.request())
    }

    @Test func providersReadTheRenderedPromptByDefault() async {
        let provider = RecordingProvider(readsPromptText: true)
        let pool = LLMPool(provider: provider, clock: VirtualClock())
        _ = await pool.summarize(Fixtures.request())
        let prompt = await provider.prompts.first
        #expect(prompt?.messages.last?.content.contains("json.load(handle)") == true)
        #expect(ScriptedProvider(name: "anthropic").readsPromptText)
    }
}
