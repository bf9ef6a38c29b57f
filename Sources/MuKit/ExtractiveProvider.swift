import MuCore
import MuExtractive
import MuLLM

/// The offline provider: summaries built from the code by MuExtractive's
/// ``ExtractiveSummarizer``, no network, no key, no cost. The default when
/// no provider is configured.
///
/// It speaks the same protocol as the model providers: it reads the
/// structured request carried by the prompt and replies with bullet lines,
/// which the pool then parses and validates like any model reply.
public struct ExtractiveProvider: LLMProvider {
    public static let modelName = ExtractiveSummarizer.version

    public let name = ProviderKind.extractive.rawValue
    public let model = ExtractiveProvider.modelName
    public var sendsSourceOffMachine: Bool { false }
    /// Reads ``Prompt/source`` only.
    public var readsPromptText: Bool { false }

    private let summarizer = ExtractiveSummarizer()

    public init() {}

    public func complete(_ prompt: Prompt, parameters: CompletionParameters) async throws -> ProviderReply {
        guard let request = prompt.source else {
            throw LLMError.invalidRequest(reason: "the extractive provider needs the function's structured request")
        }
        let summary = summarizer.summarize(ExtractiveInput(
            language: request.language, name: request.name, qualifiedName: request.qualifiedName, kind: request.kind,
            signature: request.signature, body: request.body, docComment: request.docComment,
            enclosingType: request.enclosingType))
        return ProviderReply(text: summary.bullets.map { "- " + $0 }.joined(separator: "\n"), usage: .zero, model: model)
    }
}
