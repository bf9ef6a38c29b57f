import Foundation
import MuLLM
import MuSource
import MuStore

/// `--judge MODEL`: a model scores each valid summary against its code — accuracy, completeness and
/// concision from 1 to 5, with a one-line reason. Scores are kept in the summary cache under their
/// own key (body hash + bullets, ``version``, the judge model), so an identical rerun judges nothing
/// again; they are stored as four bullets `accuracy=N`, `completeness=N`, `concision=N`, `reason=…`.
public struct ExperimentJudge: Sendable {
    /// Version of the judge prompt and reply rules: part of the judge's cache key.
    public static let version = "mu-judge-1"

    public let model: String
    let cellSetup: ExperimentCellSetup
    let provider: any LLMProvider

    public init(model: String, config: ResolvedConfig, root: URL, transport: HTTPTransport?) throws {
        cellSetup = try ExperimentCellSetup(cell: ExperimentCell(strategy: .direct, model: model), config: config,
                                            template: nil, root: root)
        self.model = model
        provider = try ProviderFactory.make(cellSetup.setup.settings, catalog: cellSetup.setup.catalog,
                                            transport: transport ?? .shared)
    }

    static let system = "You grade short summaries of source code for accuracy, completeness and concision."

    /// The question for one summary.
    static func prompt(_ request: SummaryRequest, bullets: [String]) -> Prompt {
        let summary = bullets.map { "- \($0)" }.joined(separator: "\n")
        return Prompt(system: system, messages: [.user("""
            Grade this summary of the \(request.language.rawValue) function `\(request.qualifiedName)`.

            \(PromptTemplate.fenced(request.body, language: request.language.rawValue))

            Summary:
            \(summary)

            Score from 1 (poor) to 5 (excellent): accuracy (everything said is true of the code), completeness \
            (the important behaviour is covered), concision (no filler, no restating the name). Answer with \
            exactly four lines:
            accuracy: N
            completeness: N
            concision: N
            reason: one sentence
            """)])
    }

    /// Scores and reason from a reply; nil when a score is missing or out of 1–5.
    public static func parse(_ reply: String) -> (accuracy: Int, completeness: Int, concision: Int, reason: String)? {
        func score(_ name: String) -> Int? {
            guard let range = reply.range(of: "\(name)\\W{0,6}([1-5])\\b", options: [.regularExpression, .caseInsensitive]) else { return nil }
            return reply[range].last(where: \.isNumber).flatMap { Int(String($0)) }
        }
        guard let accuracy = score("accuracy"), let completeness = score("completeness"), let concision = score("concision") else { return nil }
        var reason = ""
        if let range = reply.range(of: "reason\\W{0,3}", options: [.regularExpression, .caseInsensitive]) {
            reason = reply[range.upperBound...].split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        }
        return (accuracy, completeness, concision, reason)
    }

    /// The cache key of the judge's scores of `bullets` for a body.
    func key(bodyHash: String, bullets: [String]) -> (hex: String, components: SummaryKey) {
        let material = BodyHasher.sha256Hex(Array((bodyHash + "\n" + bullets.joined(separator: "\n")).utf8))
        let components = SummaryKey(bodyHash: material, promptVersion: Self.version, model: model, params: "judge")
        return (components.hex(using: { BodyHasher.sha256Hex(Array($0.utf8)) }), components)
    }

    /// What one judgement is expected to cost.
    func estimate(_ request: SummaryRequest) -> CostEstimate {
        let info = cellSetup.setup.catalog.resolve(provider: cellSetup.setup.kind, model: cellSetup.setup.model)
        let input = (request.body.count + 900) / 4
        let usage = TokenUsage(inputTokens: input, outputTokens: 60)
        return CostEstimate(requests: 1, inputTokens: input, outputTokens: 60, costUSD: info.cost(usage), isPriced: info.isPriced)
    }

    /// A cached score, decoded from its stored bullets.
    static func decode(_ summary: Summary, model: String) -> JudgeScore? {
        var values: [String: String] = [:]
        for bullet in summary.bullets {
            guard let equals = bullet.firstIndex(of: "=") else { continue }
            values[String(bullet[..<equals])] = String(bullet[bullet.index(after: equals)...])
        }
        guard let a = values["accuracy"].flatMap(Int.init), let c = values["completeness"].flatMap(Int.init),
              let n = values["concision"].flatMap(Int.init) else { return nil }
        return JudgeScore(model: model, accuracy: a, completeness: c, concision: n, reason: values["reason"] ?? "",
                          costUSD: summary.costUSD)
    }

    /// The outcome of judging one summary.
    struct Verdict: Sendable {
        var score: JudgeScore?
        var sent: Bool
        var costUSD: Double
        var error: LLMError?
    }

    /// Scores `bullets` (from the cache when judged before); stores new scores.
    func judge(_ function: SampledFunction, bullets: [String], cache: SummaryCache) async -> Verdict {
        let (hex, components) = key(bodyHash: function.bodyHash, bullets: bullets)
        if let cached = try? await cache.lookup(hex).summary, let score = Self.decode(cached, model: model) {
            return Verdict(score: score, sent: false, costUSD: 0)
        }
        let parameters = CompletionParameters(maxTokens: 200, temperature: 0)
        let reply: ProviderReply
        do {
            reply = try await provider.complete(Self.prompt(function.request, bullets: bullets), parameters: parameters)
        } catch let error as LLMError {
            return Verdict(score: nil, sent: true, costUSD: 0, error: error)
        } catch {
            return Verdict(score: nil, sent: true, costUSD: 0, error: .connection(String(describing: error)))
        }
        let info = cellSetup.setup.catalog.resolve(provider: cellSetup.setup.kind, model: cellSetup.setup.model)
        let usage = reply.usage ?? TokenUsage(inputTokens: 0, outputTokens: 0)
        let cost = info.cost(usage)
        guard let parsed = Self.parse(reply.text) else {
            return Verdict(score: nil, sent: true, costUSD: cost, error: .invalidSummary(reason: "the judge's reply has no scores"))
        }
        let reason = parsed.reason.replacingOccurrences(of: "\n", with: " ")
        let score = JudgeScore(model: model, accuracy: parsed.accuracy, completeness: parsed.completeness,
                               concision: parsed.concision, reason: reason, costUSD: cost)
        let stored = Summary(key: hex, components: components,
                             bullets: ["accuracy=\(parsed.accuracy)", "completeness=\(parsed.completeness)",
                                       "concision=\(parsed.concision)", "reason=\(reason.isEmpty ? "-" : reason)"],
                             inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, costUSD: cost,
                             provider: provider.name)
        try? await cache.store(stored)
        return Verdict(score: score, sent: true, costUSD: cost)
    }
}
