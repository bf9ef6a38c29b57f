import Testing
@testable import MuLLM

/// The pool sends providers the rendered template.
@Suite struct PromptRenderingTests {
    /// Records the prompts it is sent; replies with one valid bullet.
    actor RecordingProvider: LLMProvider {
        nonisolated let name = "ollama"
        nonisolated let model = "llama3.2"
        nonisolated let sendsSourceOffMachine = false
        private(set) var prompts: [Prompt] = []

        func complete(_ prompt: Prompt, parameters: CompletionParameters) async throws -> ProviderReply {
            prompts.append(prompt)
            return ProviderReply(text: "- Loads the configuration file.", usage: .zero, model: model)
        }
    }

    @Test func providersReadTheRenderedPrompt() async {
        let provider = RecordingProvider()
        let pool = LLMPool(provider: provider, clock: VirtualClock())
        let outcome = await pool.summarize(Fixtures.request())
        #expect(outcome.summary?.bullets == ["Loads the configuration file."])
        let prompt = await provider.prompts.first
        #expect(prompt?.messages.last?.content.contains("json.load(handle)") == true)
        #expect(prompt?.system.isEmpty == false)
    }
}
