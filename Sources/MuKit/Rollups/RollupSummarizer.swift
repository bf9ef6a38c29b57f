import MuCore
import MuLLM
import MuSummaryText

/// Makes a roll-up summary from its children's summaries. Two kinds: the configured LLM provider
/// (`ProviderRollupSummarizer`) and the offline one (`OfflineRollupSummarizer`).
public protocol RollupSummarizer: Sendable {
    /// Provider and model recorded with the summaries (and part of their cache key).
    var provider: String { get }
    var model: String { get }
    /// Bullets for the node; throws when the provider fails or the reply is unusable.
    func summarize(_ input: RollupInput) async throws -> (bullets: [String], usage: TokenUsage)
    /// True once no further roll-up can be made (the LLM pool stopped: budget, refused credentials):
    /// the stage then stops dispatching and leaves the rest for the next run.
    func stopped() async -> Bool
    /// True when results cost nothing and arrive by the thousand: the stage then writes a level's
    /// roll-up rows in one transaction instead of one per result.
    var isFree: Bool { get }
}

/// Version of the roll-up prompt and of the offline roll-up rules: part of every roll-up's cache
/// key, so changing either re-summarizes roll-ups (and nothing else). Pinned by RollupTests.
public let ROLLUP_VERSION = "mu-rollup-1"

/// Roll-ups with no model: the children's first bullets, named, at most four.
public struct OfflineRollupSummarizer: RollupSummarizer {
    public let provider = ProviderKind.extractive.rawValue
    public let model = "extractive-rollup-1"
    public static let maxBullets = 4

    public init() {}

    public func stopped() async -> Bool { false }
    public var isFree: Bool { true }

    public func summarize(_ input: RollupInput) async throws -> (bullets: [String], usage: TokenUsage) {
        let described = input.children.filter { !$0.bullets.isEmpty }
        var bullets: [String] = []
        let count = input.children.count
        if input.kind == .file {
            bullets.append("Holds \(count) function\(count == 1 ? "" : "s").")
        } else {
            let names = input.children.prefix(6).map(\.name).joined(separator: ", ")
            bullets.append("Holds \(count) entr\(count == 1 ? "y" : "ies"): \(names)\(count > 6 ? ", …" : "").")
        }
        for child in described.prefix(Self.maxBullets - 1) {
            bullets.append("\(child.name): \(child.bullets[0])")
        }
        return (bullets, .zero)
    }
}

