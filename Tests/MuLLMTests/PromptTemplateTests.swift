import Testing
@testable import MuLLM
import MuSummaryText

@Suite struct PromptTemplateTests {
    @Test func directPromptCarriesTheRequestFields() {
        let request = Fixtures.request(enclosingType: "Config")
        let prompt = PromptTemplate.builtIn(.direct).render(request)
        #expect(prompt.messages.count == 1)
        let user = prompt.messages[0].content
        #expect(user.contains("python function `Config.load_config`"))
        #expect(user.contains("Config in file app/config.py"))
        #expect(user.contains("```python\ndef load_config(path, strict=False):"))
        #expect(prompt.system.contains("1 to 5"))
    }

    @Test func fewShotSendsWorkedExamplesFirst() {
        let prompt = PromptTemplate.builtIn(.fewShot).render(Fixtures.request())
        #expect(prompt.messages.count == 5)
        #expect(prompt.messages.map(\.role) == [.user, .assistant, .user, .assistant, .user])
    }

    @Test func chainOfThoughtRepliesParseToTheSummaryPart() throws {
        let prompt = PromptTemplate.builtIn(.chainOfThought).render(Fixtures.request())
        #expect(prompt.messages[0].content.contains("Summary:"))
        let reply = "<thinking>reads a file</thinking>\nSummary:\n- Reads the config file.\n- Returns its data."
        #expect(try SummaryParser().parse(reply) == ["Reads the config file.", "Returns its data."])
    }

    @Test func substitutionIsSinglePassAndKeepsUnknownPlaceholders() {
        let request = Fixtures.request(body: "x = '{{name}}'")
        let template = PromptTemplate.custom(user: "{{name}} | {{body}} | {{unknown}}")
        let prompt = template.render(request)
        #expect(prompt.messages[0].content == "load_config | x = '{{name}}' | {{unknown}}")
    }

    @Test func fenceIsLongerThanBackticksInTheBody() {
        let fenced = PromptTemplate.fenced("s = ```not a fence```", language: "Python")
        #expect(fenced.hasPrefix("````python\n"))
        #expect(fenced.hasSuffix("\n````"))
    }

    @Test func fingerprintsDistinguishTemplatesAndStrategies() {
        let builtIn = PromptTemplate.builtIn(.direct)
        let custom = PromptTemplate.custom(user: "Summarize {{code}}")
        let otherCustom = PromptTemplate.custom(user: "Summarize briefly {{code}}")
        #expect(builtIn.fingerprint == "builtin:direct")
        #expect(custom.fingerprint.hasPrefix("custom:direct:"))
        #expect(custom.fingerprint != otherCustom.fingerprint)
        #expect(custom.fingerprint == PromptTemplate.custom(user: "Summarize {{code}}").fingerprint)
        #expect(PromptTemplate.builtIn(.fewShot).fingerprint != builtIn.fingerprint)
    }

    @Test func paramsFingerprintChangesWithEveryComponent() {
        let base = ParamsFingerprint.make(parameters: CompletionParameters(maxTokens: 300, temperature: 0.2),
                                          template: .builtIn(.direct))
        #expect(base == "temperature=0.2;max_tokens=300;strategy=direct;template=builtin:direct")
        let variants = [
            ParamsFingerprint.make(parameters: CompletionParameters(maxTokens: 300, temperature: 0.3), template: .builtIn(.direct)),
            ParamsFingerprint.make(parameters: CompletionParameters(maxTokens: 400, temperature: 0.2), template: .builtIn(.direct)),
            ParamsFingerprint.make(parameters: CompletionParameters(maxTokens: 300, temperature: nil), template: .builtIn(.direct)),
            ParamsFingerprint.make(parameters: CompletionParameters(maxTokens: 300, temperature: 0.2), template: .builtIn(.instruction)),
            ParamsFingerprint.make(parameters: CompletionParameters(maxTokens: 300, temperature: 0.2), template: .custom(user: "{{code}}")),
        ]
        #expect(Set(variants + [base]).count == 6)
        #expect(ParamsFingerprint.format(1) == "1")
        #expect(ParamsFingerprint.format(0.25) == "0.25")
    }

    @Test func reaskAppendsTheInvalidReplyAndTheReason() {
        let template = PromptTemplate.builtIn(.direct)
        let first = template.render(Fixtures.request())
        let second = template.reask(first, invalidReply: "", reason: "the reply is empty")
        #expect(second.messages.count == 3)
        #expect(second.messages[1] == .assistant("(empty reply)"))
        #expect(second.messages[2].content.contains("the reply is empty"))
    }

    @Test func strategiesParseFromConfigValues() {
        #expect(PromptStrategy(configValue: "few_shot") == .fewShot)
        #expect(PromptStrategy(configValue: "Chain-Of-Thought") == .chainOfThought)
        #expect(PromptStrategy(configValue: "cot") == .chainOfThought)
        #expect(PromptStrategy(configValue: "poetry") == nil)
    }
}
