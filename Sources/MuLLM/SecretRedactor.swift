import Foundation

/// Replaces credentials in source text with `[REDACTED]` before it leaves
/// the machine, and counts what it replaced.
///
/// Recognised: PEM private key blocks, AWS access key ids, GitHub tokens
/// (`ghp_…`, `github_pat_…`), Slack tokens and webhook URLs, Anthropic and
/// OpenAI-style keys (`sk-ant-…`, `sk-…`), and string literals assigned to
/// names containing password, secret, token, api_key, access_key,
/// private_key or credentials. Empty literals are left alone.
public struct SecretRedactor: Sendable {
    public static let marker = "[REDACTED]"

    /// The redacted text and how many secrets were replaced.
    public struct Redaction: Sendable, Hashable {
        public var text: String
        public var count: Int
    }

    public init() {}

    public func redact(_ text: String) -> Redaction {
        var current = text
        var count = 0
        for pattern in SecretRedactor.patterns {
            let range = NSRange(current.startIndex..., in: current)
            let matches = pattern.regex.matches(in: current, range: range)
            guard !matches.isEmpty else { continue }
            var output = ""
            var cursor = current.startIndex
            for match in matches {
                let target = match.range(at: pattern.group)
                guard target.location != NSNotFound, target.length > 0,
                      let swiftRange = Range(target, in: current),
                      current[swiftRange] != SecretRedactor.marker else { continue }
                output += current[cursor..<swiftRange.lowerBound]
                output += SecretRedactor.marker
                cursor = swiftRange.upperBound
                count += 1
            }
            output += current[cursor...]
            current = output
        }
        return Redaction(text: current, count: count)
    }

    struct Pattern: @unchecked Sendable {
        // NSRegularExpression is immutable after creation and documented as
        // safe to share across threads; it is only not marked Sendable.
        let regex: NSRegularExpression
        /// Capture group replaced by the marker (0 = whole match).
        let group: Int
    }

    static let patterns: [Pattern] = {
        let sources: [(String, Int, NSRegularExpression.Options)] = [
            // PEM private keys (RSA, EC, OPENSSH, PGP, plain PKCS#8).
            (#"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"#, 0, []),
            // AWS access key ids.
            (#"\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\b"#, 0, []),
            // GitHub tokens.
            (#"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b"#, 0, []),
            (#"\bgithub_pat_[A-Za-z0-9_]{22,255}\b"#, 0, []),
            // Slack tokens and incoming webhooks.
            (#"\bxox[abposr]-[A-Za-z0-9-]{10,}"#, 0, []),
            (#"https://hooks\.slack\.com/services/[A-Za-z0-9/_-]+"#, 0, []),
            // Anthropic, then OpenAI-style keys.
            (#"\bsk-ant-[A-Za-z0-9_-]{20,}"#, 0, []),
            (#"\bsk-(?:proj-|svcacct-|admin-|or-v1-)?[A-Za-z0-9_-]{20,}"#, 0, []),
            // `password = "…"`, `api_key: '…'`, `"client_secret": "…"`, `TOKEN := "…"`, `secret => "…"`.
            (#"(?i)[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?)[A-Za-z0-9_.-]*["'\]]{0,2}(?:\s*:\s*[A-Za-z_][\w\[\]., ?]*?)?\s*(?::=|=>|==|=|:)\s*(?:[A-Za-z]{1,2}\s*)?(["'`])((?:(?!\1)[^\\\n]|\\.)+)\1"#, 2, []),
        ]
        return sources.compactMap { source, group, options in
            // The patterns are constants tested by the suite; a typo would show as a missing redaction there.
            guard let regex = try? NSRegularExpression(pattern: source, options: options) else { return nil }
            return Pattern(regex: regex, group: group)
        }
    }()
}
