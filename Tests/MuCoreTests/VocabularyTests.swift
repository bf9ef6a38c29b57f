import MuCore
import Testing

@Suite struct VocabularyTests {
    struct Refused: MuFailure {
        var description: String { "the provider refused the credentials" }
        var exitCode: MuExitCode { .credentialsRefused }
    }

    struct Plain: MuFailure {
        var description: String { "cannot read x" }
    }

    @Test func failuresCarryTheirMessageAndExitCode() {
        let failures: [any MuFailure] = [Refused(), Plain()]
        #expect(failures.map(\.exitCode.rawValue) == [3, 1])
        #expect(failures.map(\.userMessage) == ["the provider refused the credentials", "cannot read x"])
        #expect(MuExitCode.allCases.map(\.rawValue) == [0, 1, 2, 3, 4])
    }

    @Test func languagesAreDetectedFromNamesAndShebangs() {
        #expect(Language.detect(fileName: "a.py") == .python)
        #expect(Language.detect(fileName: "x.TSX") == .tsx)
        #expect(Language.detect(fileName: "Rakefile") == .ruby)
        #expect(Language.detect(fileName: ".bashrc") == nil)
        #expect(Language.detect(fileName: "README") == nil)
        #expect(Language.detect(shebang: "#!/usr/bin/env -S python3 -u") == .python)
        #expect(Language.detect(shebang: "#!/bin/sh") == nil)
    }

    @Test func providerNamesParseLeniently() {
        #expect(ProviderKind(configValue: " OpenAI ") == .openAI)
        #expect(ProviderKind(configValue: "openai_compatible") == .openAICompatible)
        #expect(ProviderKind(configValue: "gemini") == nil)
        #expect(ProviderKind.extractive.isFree && ProviderKind.ollama.isFree && !ProviderKind.anthropic.isFree)
    }

    @Test func qualifiedNamesEndInTheirLastComponent() {
        #expect(QualifiedName.lastComponent(of: "Session.request") == "request")
        #expect(QualifiedName.lastComponent(of: "a::b::c") == "c")
        #expect(QualifiedName.lastComponent(of: "Foo#bar") == "bar")
        #expect(QualifiedName.lastComponent(of: "plain") == "plain")
        #expect(QualifiedName.lastComponent(of: "trailing.") == "trailing.")
        #expect(FunctionKind(rawValue: "initializer") == .initializer)
    }
}
