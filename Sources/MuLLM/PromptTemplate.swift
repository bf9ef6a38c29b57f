import Foundation
import MuSummaryText

/// Renders a ``SummaryRequest`` into the ``Prompt`` sent to a model.
///
/// The user template may use these placeholders, replaced in a single pass
/// (text inserted from the code is never re-scanned):
/// `{{language}}`, `{{name}}`, `{{qualified_name}}`, `{{kind}}`,
/// `{{signature}}`, `{{file}}`, `{{enclosing_type}}`, `{{context}}`,
/// `{{doc_comment}}`, `{{code}}` (the body in a fenced block), `{{body}}`
/// (the raw body), `{{max_bullets}}`, `{{max_words}}`.
public struct PromptTemplate: Sendable, Hashable {
    public var strategy: PromptStrategy
    public var system: String
    public var user: String
    /// Worked examples sent as user/assistant turns before the request (few-shot).
    public var examples: [ChatMessage]
    /// True when the template came from the user's config rather than mu.
    public let isCustom: Bool

    init(strategy: PromptStrategy, system: String, user: String, examples: [ChatMessage], isCustom: Bool) {
        self.strategy = strategy
        self.system = system
        self.user = user
        self.examples = examples
        self.isCustom = isCustom
    }

    /// The template mu ships for a strategy (covered by ``PROMPT_VERSION``).
    public static func builtIn(_ strategy: PromptStrategy = .direct) -> PromptTemplate {
        switch strategy {
        case .direct:
            PromptTemplate(strategy: .direct, system: BuiltInPrompts.system, user: BuiltInPrompts.direct,
                           examples: [], isCustom: false)
        case .fewShot:
            PromptTemplate(strategy: .fewShot, system: BuiltInPrompts.system, user: BuiltInPrompts.direct,
                           examples: BuiltInPrompts.examples, isCustom: false)
        case .instruction:
            PromptTemplate(strategy: .instruction, system: BuiltInPrompts.system, user: BuiltInPrompts.instruction,
                           examples: [], isCustom: false)
        case .chainOfThought:
            PromptTemplate(strategy: .chainOfThought, system: BuiltInPrompts.system, user: BuiltInPrompts.chainOfThought,
                           examples: [], isCustom: false)
        }
    }

    /// A template from config. Its text is hashed into ``fingerprint`` so its
    /// summaries never mix with the built-in ones in the cache.
    public static func custom(user: String, system: String? = nil, strategy: PromptStrategy = .direct) -> PromptTemplate {
        PromptTemplate(strategy: strategy, system: system ?? BuiltInPrompts.system, user: user,
                       examples: strategy == .fewShot ? BuiltInPrompts.examples : [], isCustom: true)
    }

    /// This template with other few-shot examples (`[prompt] examples_file`): counted as custom, so
    /// its text and examples are hashed into ``fingerprint``.
    public func withExamples(_ examples: [ChatMessage]) -> PromptTemplate {
        PromptTemplate(strategy: strategy, system: system, user: user, examples: examples, isCustom: true)
    }

    /// Identifies the question asked, for the cache key: the strategy for
    /// built-in templates (their text is versioned by ``PROMPT_VERSION``),
    /// a hash of the text for custom ones.
    public var fingerprint: String {
        guard isCustom else { return "builtin:\(strategy.rawValue)" }
        let examplesText = examples.map { "\($0.role.rawValue):\($0.content)" }.joined(separator: "\u{1F}")
        let digest = StableHash.fnv1a64([strategy.rawValue, system, user, examplesText].joined(separator: "\u{1E}"))
        return "custom:\(strategy.rawValue):\(digest)"
    }

    /// The prompt for one request.
    public func render(_ request: SummaryRequest) -> Prompt {
        let values = PromptTemplate.values(for: request)
        var messages = examples
        messages.append(.user(PromptTemplate.substitute(user, values)))
        // The system text is stable only when it names nothing of the function.
        let system = PromptTemplate.substitute(system, values)
        return Prompt(system: system, messages: messages,
                      stableMessageCount: system == self.system ? examples.count : 0)
    }

    /// The follow-up after an invalid reply: the conversation so far, the
    /// reply, and what was wrong with it.
    public func reask(_ prompt: Prompt, invalidReply: String, reason: String,
                      criteria: QualityCriteria = .standard) -> Prompt {
        var next = prompt
        let reply = invalidReply.trimmingCharacters(in: .whitespacesAndNewlines)
        next.messages.append(.assistant(reply.isEmpty ? "(empty reply)" : reply))
        next.messages.append(.user("""
            That reply cannot be used: \(reason). Answer again with only \(criteria.minBullets) to \(criteria.maxBullets) \
            bullet lines starting with "- ", each at most \(criteria.maxWords) words, \
            in plain English, with no introduction and no code.
            """))
        return next
    }

    /// Names of the placeholders a template may use.
    public static let placeholders = [
        "language", "name", "qualified_name", "kind", "signature", "file", "enclosing_type",
        "context", "doc_comment", "code", "body", "max_bullets", "max_words",
    ]

    static func values(for request: SummaryRequest) -> [String: String] {
        var context = "file \(request.filePath)"
        if let type = request.enclosingType, !type.isEmpty { context = "\(type) in \(context)" }
        let doc = request.docComment.map(PlainText.trimmingWhitespaceAndNewlines) ?? ""
        return [
            "language": request.language.rawValue,
            "name": request.name,
            "qualified_name": request.qualifiedName,
            "kind": request.kind.rawValue,
            "signature": request.signature,
            "file": request.filePath,
            "enclosing_type": request.enclosingType ?? "",
            "context": context,
            "doc_comment": doc.isEmpty ? "(none)" : doc,
            "code": fenced(request.body, language: request.language.rawValue),
            "body": request.body,
            "max_bullets": String(SummaryParser.defaultMaxBullets),
            "max_words": String(SummaryParser.defaultMaxWordsPerBullet),
        ]
    }

    /// Wraps code in a fence longer than any backtick run inside it.
    package static func fenced(_ code: String, language: String) -> String {
        var longest = 0
        var run = 0
        if PlainText.isPlain(code) {
            for byte in code.utf8 {
                if byte == UInt8(ascii: "`") { run += 1; longest = max(longest, run) } else { run = 0 }
            }
        } else {
            for character in code {
                if character == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
            }
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return "\(fence)\(language.lowercased())\n\(code)\n\(fence)"
    }

    /// Single-pass `{{name}}` replacement; unknown placeholders stay as written.
    static func substitute(_ template: String, _ values: [String: String]) -> String {
        guard PlainText.isPlain(template) else { return substituteGeneral(template, values) }
        return PlainText.withBytes(template) { bytes in
            var output = ""
            var copied = 0
            var position = 0
            while let open = PlainText.firstOffset(of: "{{".utf8, in: bytes, from: position) {
                guard let close = PlainText.firstOffset(of: "}}".utf8, in: bytes, from: open + 2) else { break }
                let key = PlainText.trimSpacesAndTabs(bytes, (open + 2)..<close)
                if let value = values[PlainText.string(bytes[key])] {
                    output += PlainText.string(bytes[copied..<open])
                    output += value
                    copied = close + 2
                }
                position = close + 2
            }
            output += PlainText.string(bytes[copied...])
            return output
        }
    }

    /// ``substitute(_:_:)`` for any template.
    static func substituteGeneral(_ template: String, _ values: [String: String]) -> String {
        var output = ""
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else {
                output += rest[open.lowerBound...]
                return output
            }
            let key = afterOpen[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if let value = values[key] {
                output += value
            } else {
                output += rest[open.lowerBound..<close.upperBound]
            }
            rest = afterOpen[close.upperBound...]
        }
        output += rest
        return output
    }
}
