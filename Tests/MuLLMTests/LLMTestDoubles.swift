import Foundation
import MuCore
@testable import MuLLM

/// Virtual time for the pool: `sleep` returns at once and moves time forward,
/// and every requested sleep is recorded.
actor VirtualClock: PoolClock {
    private(set) var current: Double = 0
    private(set) var sleeps: [Double] = []

    func now() -> Double { current }

    func sleep(seconds: Double) async throws {
        try Task.checkCancellation()
        guard seconds > 0 else { return }
        sleeps.append(seconds)
        current += seconds
        await Task.yield()
    }
}

/// An in-process provider whose replies are scripted per call, recording the
/// virtual time of every call.
actor ScriptedProvider: LLMProvider {
    enum Step: Sendable {
        case reply(String)
        case fail(LLMError)
    }

    nonisolated let name: String
    nonisolated let model: String
    nonisolated let sendsSourceOffMachine: Bool
    private let clock: VirtualClock?
    private var script: [Step]
    private let fallback: String
    private let usage: TokenUsage?
    private let delay: @Sendable (Int) -> Double
    private(set) var calls: [(time: Double, prompt: Prompt)] = []
    private var inFlight = 0
    private(set) var peakInFlight = 0

    init(name: String = "anthropic", model: String = "claude-haiku-4-5", sendsSourceOffMachine: Bool = true,
         clock: VirtualClock? = nil, script: [Step] = [], fallback: String = "- Does the work.\n- Returns the result.",
         usage: TokenUsage? = TokenUsage(inputTokens: 1000, outputTokens: 100),
         delay: @escaping @Sendable (Int) -> Double = { _ in 0 }) {
        self.name = name
        self.model = model
        self.sendsSourceOffMachine = sendsSourceOffMachine
        self.clock = clock
        self.script = script
        self.fallback = fallback
        self.usage = usage
        self.delay = delay
    }

    var callCount: Int { calls.count }

    func complete(_ prompt: Prompt, parameters: CompletionParameters) async throws -> ProviderReply {
        let time = await clock?.now() ?? 0
        let index = calls.count
        calls.append((time, prompt))
        inFlight += 1
        peakInFlight = max(peakInFlight, inFlight)
        let step = script.isEmpty ? Step.reply(fallback) : script.removeFirst()
        let pause = delay(index)
        if pause > 0 { try? await Task.sleep(nanoseconds: UInt64(pause * 1e9)) }
        inFlight -= 1
        switch step {
        case .reply(let text): return ProviderReply(text: text, usage: usage, model: model)
        case .fail(let error): throw error
        }
    }
}

enum Fixtures {
    static func request(_ id: String = "f1", language: Language = .python, name: String = "load_config",
                        body: String? = nil, signature: String? = nil, doc: String? = nil,
                        enclosingType: String? = nil) -> SummaryRequest {
        let defaultBody = """
            def \(name)(path, strict=False):
                with open(path) as handle:
                    data = json.load(handle)
                if strict and not data:
                    raise ValueError("empty config")
                return data
            """
        return SummaryRequest(id: id, language: language, name: name,
                              qualifiedName: enclosingType.map { "\($0).\(name)" } ?? name,
                              kind: .function, signature: signature ?? "def \(name)(path, strict=False):",
                              body: body ?? defaultBody, docComment: doc, filePath: "app/config.py",
                              enclosingType: enclosingType)
    }

    static func requests(_ count: Int) -> [SummaryRequest] {
        (0..<count).map { request("f\($0)", name: "function_\($0)") }
    }

    /// A retry policy without jitter, so backoffs are exact.
    static func exactRetry(maxRetries: Int = 2, maxRateLimitRetries: Int = 6) -> RetryPolicy {
        RetryPolicy(maxRetries: maxRetries, maxRateLimitRetries: maxRateLimitRetries, jitter: 0)
    }

    static let haiku = ModelInfo(provider: .anthropic, id: "claude-haiku-4-5", contextWindow: 200_000,
                                 inputUSDPerMTok: 1, outputUSDPerMTok: 5)
}
