import Foundation
import MuSummaryText
import MuTestSupport
import Testing
@testable import MuLLM

/// `[quality]` criteria: what they accept, the single re-ask they trigger (over a loopback fake), and
/// their place in the cache key.
@Suite struct QualityCriteriaTests {
    @Test func groundingIsTheShareOfNamedIdentifiersFoundInTheBody() {
        let body = "def load(path):\n    data = read_file(path)\n    return self.cache.get(data)\n"
        #expect(CodeIdentifiers.named(in: "Calls read_file() and parseJson on self.cache. Returns JSON data.")
                == ["read_file", "parseJson", "self.cache"])
        #expect(CodeIdentifiers.grounding(of: ["Calls read_file() and parseJson on self.cache."], body: body) == 2.0 / 3.0)
        #expect(CodeIdentifiers.grounding(of: ["Reads the file and returns its data."], body: body) == nil)
        #expect(CodeIdentifiers.grounding(of: ["Uses cache.get for lookups."], body: body) == 1)
    }

    @Test func criteriaProblems() {
        let criteria = QualityCriteria(minBullets: 2, maxBullets: 3, maxWords: 6, minGrounding: 0.5)
        let body = "def f(a):\n    return helper_one(a)\n"
        #expect(criteria.problem(with: ["Does it."], body: body) == "it has 1 bullet (at least 2 required)")
        #expect(criteria.problem(with: ["A.", "B.", "C.", "D."], body: body) == "it has 4 bullets (at most 3 allowed)")
        #expect(criteria.problem(with: ["Calls helper_one.", "Then helper_two and helper_six."], body: body)?
                    .hasPrefix("it names identifiers the code does not contain (33 %") == true)
        #expect(criteria.problem(with: ["Calls helper_one.", "Returns its result."], body: body) == nil)
        #expect(throws: InvalidSummary.self) { try criteria.parse("- One two three four five six seven.\n- Two.", body: body) }
    }

    @Test func defaultCriteriaLeaveTheCacheKeyUnchangedAndOthersChangeIt() {
        let template = PromptTemplate.builtIn(.direct)
        let parameters = CompletionParameters(maxTokens: 300, temperature: 0.2)
        #expect(ParamsFingerprint.make(parameters: parameters, template: template, maxInputTokens: 8000)
                == "temperature=0.2;max_tokens=300;strategy=direct;template=builtin:direct;max_input_tokens=8000")
        #expect(ParamsFingerprint.make(parameters: parameters, template: template, maxInputTokens: 8000, quality: .standard)
                == ParamsFingerprint.make(parameters: parameters, template: template, maxInputTokens: 8000))
        let strict = QualityCriteria(minBullets: 2, maxBullets: 3, maxWords: 20, minGrounding: 0.8)
        #expect(ParamsFingerprint.make(parameters: parameters, template: template, maxInputTokens: 8000, quality: strict)
                == "temperature=0.2;max_tokens=300;strategy=direct;template=builtin:direct;max_input_tokens=8000;quality=bullets=2-3,words=20,grounding=0.8")
        #expect(PoolConfiguration(quality: strict).paramsFingerprint != PoolConfiguration().paramsFingerprint)
    }

    @Test func examplesOfOnesOwnMakeACustomFingerprint() {
        let builtIn = PromptTemplate.builtIn(.fewShot)
        let own = builtIn.withExamples([.user("Summarize x"), .assistant("- Does x.")])
        #expect(own.isCustom && own.fingerprint.hasPrefix("custom:few-shot:"))
        #expect(own.fingerprint != builtIn.withExamples([.user("Summarize y"), .assistant("- Does y.")]).fingerprint)
        let prompt = own.render(SummaryRequest(id: "1", language: .python, qualifiedName: "f", signature: "def f()", body: "def f(): pass", filePath: "a.py"))
        #expect(prompt.messages.first == .user("Summarize x"))
    }

    @Test func aFailedCriterionGetsOneReaskThatStatesTheCriteria() async throws {
        let server = try await FakeProviderServer.start(.openAI)
        await server.enqueue(.reply("- Adds one."), .reply("- Adds one to the count.\n- Returns the new count."))
        let criteria = QualityCriteria(minBullets: 2)
        let pool = LLMPool(provider: OpenAIProvider(model: "gpt-4.1-mini", apiKey: "k", baseURL: server.baseURL),
                           configuration: PoolConfiguration(quality: criteria))
        let outcome = await pool.summarize(Fixtures.request())
        #expect(outcome.summary?.bullets == ["Adds one to the count.", "Returns the new count."])
        #expect(outcome.summary?.attempts == 2)
        let reask = await server.requests().last?.messageContents().last ?? ""
        #expect(reask.contains("it has 1 bullet (at least 2 required)"))
        #expect(reask.contains("only 2 to 5 bullet lines"))

        await server.enqueue(.reply("- Adds one."), .reply("- Still one."))
        let failed = await pool.summarize(Fixtures.request())
        guard case .invalidSummary(let reason)? = failed.failure else { Issue.record("not a failure: \(failed)"); return }
        #expect(reason == "it has 1 bullet (at least 2 required)")
        #expect(await server.requestCount() == 4)
        await server.stop()
    }

    @Test func chainOfThoughtKeepsOnlyTheBulletsAfterTheMarker() throws {
        let reply = """
            <thinking>The loop walks the list; the early return covers empty input.</thinking>
            First I look at the signature.
            - this is reasoning, not a bullet
            Summary:
            - Walks the list and returns the first match.
            - Returns nil for an empty list.
            """
        #expect(try SummaryParser().parse(reply) == ["Walks the list and returns the first match.", "Returns nil for an empty list."])
        #expect(ChainOfThought.reasoning(in: reply) == """
            The loop walks the list; the early return covers empty input.
            First I look at the signature.
            - this is reasoning, not a bullet
            """)
        #expect(ChainOfThought.reasoning(in: "- Just bullets.") == nil)
    }
}
