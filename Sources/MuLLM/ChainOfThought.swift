import Foundation

/// The reasoning part of a chain-of-thought reply: everything before its last `Summary:` line, with
/// `<thinking>` tags taken off. The parser keeps only the bullets after the marker (they are what is
/// cached); `mu experiment` reports the reasoning beside them.
public enum ChainOfThought {
    /// Nil when the reply has no `Summary:` marker or nothing before it.
    public static func reasoning(in reply: String) -> String? {
        guard let marker = reply.range(of: "summary:", options: [.caseInsensitive, .backwards]) else { return nil }
        var text = String(reply[..<marker.lowerBound])
        for tag in ["thinking", "think", "reasoning", "analysis"] {
            text = text.replacingOccurrences(of: "<\(tag)>", with: "", options: .caseInsensitive)
                .replacingOccurrences(of: "</\(tag)>", with: "", options: .caseInsensitive)
        }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        while text.hasSuffix("*") || text.hasSuffix("#") { text.removeLast() } // "**Summary:**", "## Summary:"
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
