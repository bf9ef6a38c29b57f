import Foundation

/// How the summary is asked for (`[llm] strategy`), compared by `mu experiment`.
public enum PromptStrategy: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// One instruction and the code.
    case direct
    /// Worked examples (user/assistant pairs) before the code.
    case fewShot = "few-shot"
    /// Detailed rules about what a good bullet says and avoids.
    case instruction
    /// The model reasons first in a `<thinking>` block, then writes `Summary:` and the bullets.
    case chainOfThought = "chain-of-thought"

    public var description: String { rawValue }

    /// Parses a config value case-insensitively; `few_shot`, `cot` accepted.
    public init?(configValue: String) {
        let normalized = configValue.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "_", with: "-")
        if normalized == "cot" { self = .chainOfThought; return }
        guard let strategy = PromptStrategy(rawValue: normalized) else { return nil }
        self = strategy
    }
}
