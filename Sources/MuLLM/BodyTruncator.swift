import Foundation

/// Cuts a body that would not fit the model's context, keeping its head and
/// tail (signature and return paths) with a marker in between. Never drops a
/// function silently: the caller flags the summary `truncated`.
public enum BodyTruncator {
    /// The result of fitting a body.
    public struct Fitted: Sendable, Hashable {
        public var text: String
        public var truncated: Bool
        public var omittedLines: Int
    }

    /// Share of the kept characters given to the head.
    static let headShare = 0.67

    /// Keeps `body` whole when it has at most `maxCharacters` characters;
    /// otherwise keeps whole lines from the start and the end and puts a
    /// marker line naming the omitted line count between them.
    public static func fit(_ body: String, maxCharacters: Int) -> Fitted {
        guard body.count > maxCharacters else { return Fitted(text: body, truncated: false, omittedLines: 0) }
        let lines = body.components(separatedBy: "\n")
        let budget = max(0, maxCharacters - 80)  // room for the marker line
        let headBudget = Int(Double(budget) * headShare)
        var head: [String] = []
        var used = 0
        for line in lines {
            guard used + line.count + 1 <= headBudget else { break }
            head.append(line)
            used += line.count + 1
        }
        var tail: [String] = []
        var tailUsed = 0
        let tailBudget = budget - used
        for line in lines.reversed().prefix(lines.count - head.count) {
            guard tailUsed + line.count + 1 <= tailBudget else { break }
            tail.insert(line, at: 0)
            tailUsed += line.count + 1
        }
        if head.isEmpty {
            // A single enormous line (minified code): cut inside it.
            let prefix = String(body.prefix(headBudget))
            let suffix = String(body.suffix(max(0, budget - headBudget)))
            return Fitted(text: prefix + "\n" + marker(lines: 0) + "\n" + suffix, truncated: true, omittedLines: 0)
        }
        let omitted = lines.count - head.count - tail.count
        let text = (head + [marker(lines: omitted)] + tail).joined(separator: "\n")
        return Fitted(text: text, truncated: true, omittedLines: omitted)
    }

    static func marker(lines: Int) -> String {
        lines > 0
            ? "… [\(lines) lines omitted by mu to fit the model's context] …"
            : "… [text omitted by mu to fit the model's context] …"
    }
}
