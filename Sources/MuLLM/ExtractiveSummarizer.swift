import Foundation

/// Builds 1–3 summary bullets from the code alone, without a model:
///
/// 1. purpose — the doc comment's first sentence, or a phrase read from the name;
/// 2. interface — parameters, return type, async, declared failures;
/// 3. behaviour — side effects seen in the body (files, network, processes,
///    database, environment, output, concurrency), what it raises, and the
///    notable functions it calls.
///
/// The bullets obey the same rules as model replies (``SummaryParser``).
public struct ExtractiveSummarizer: Sendable {
    public init() {}

    public func bullets(for request: SummaryRequest) -> [String] {
        let family = LanguageFamily(request.language)
        var bullets: [String] = []

        let doc = request.docComment.flatMap { $0.isEmpty ? nil : $0 }
            ?? (family == .python ? DocCommentText.pythonDocstring(inBody: request.body) : nil)
        let sentence = doc.map(DocCommentText.firstSentence) ?? ""
        // `Parser::parse`, `Type.method` → `parse`, `method`.
        let name = SummaryRequest.lastComponent(of: request.name)
        let purpose = sentence.isEmpty
            ? IdentifierPhrase.purpose(name: name, kind: request.kind, enclosingType: request.enclosingType)
            : sentence
        bullets.append(ExtractiveSummarizer.limitWords(purpose))

        let declaration = request.signature.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            ? ExtractiveSummarizer.header(of: request.body)
            : request.signature
        let signature = SignatureAnalyzer.parse(declaration, name: name, family: family)
        if let interface = ExtractiveSummarizer.interfaceBullet(signature, family: family) {
            bullets.append(interface)
        }

        let bodyAfterHeader: Substring
        if let (_, close) = SignatureAnalyzer.parameterList(in: request.body, name: name) {
            bodyAfterHeader = request.body[request.body.index(after: close)...]
        } else {
            bodyAfterHeader = request.body[...]
        }
        let code = SourceScrubber.codeOnly(String(bodyAfterHeader), family: family)
        let behavior = BehaviorScanner.scan(code: code, rawBody: String(bodyAfterHeader), name: name, family: family)
        if let behaviour = ExtractiveSummarizer.behaviorBullet(behavior, signature: signature, family: family) {
            bullets.append(behaviour)
        }
        // The same plain text a model reply is reduced to (no inline code marks or emphasis).
        return bullets.map(SummaryParser.stripMarkdown).filter { !$0.isEmpty }
    }

    /// The text up to the body's opening brace or Python colon, when no signature was given.
    static func header(of body: String) -> String {
        var lines: [String] = []
        for line in body.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("@") || trimmed.hasPrefix("#[") { continue }
            lines.append(line)
            if trimmed.contains("{") || trimmed.hasSuffix(":") || lines.count >= 6 { break }
        }
        return lines.joined(separator: "\n")
    }

    static func interfaceBullet(_ signature: ParsedSignature, family: LanguageFamily) -> String? {
        var clauses: [String] = []
        if !signature.parameters.isEmpty {
            clauses.append("takes " + list(signature.parameters, limit: 4))
        }
        if let type = signature.returnType {
            clauses.append("returns " + shortType(type))
        }
        var flags: [String] = []
        if signature.isAsync { flags.append("async") }
        if !signature.thrownTypes.isEmpty {
            flags.append("throws " + list(signature.thrownTypes, limit: 3))
        } else if signature.canFail {
            switch family {
            case .go: flags.append("reports failure through its error result")
            case .rust: flags.append("reports failure through its Result")
            default: flags.append("can throw")
            }
        }
        if !flags.isEmpty { clauses.append(flags.joined(separator: ", ")) }
        guard !clauses.isEmpty else { return nil }
        return limitWords(clauses.joined(separator: "; ").capitalizedFirst + ".")
    }

    static func behaviorBullet(_ behavior: BodyBehavior, signature: ParsedSignature, family: LanguageFamily) -> String? {
        var clauses: [String] = []
        if !behavior.effects.isEmpty {
            clauses.append(list(behavior.effects.map(\.phrase), limit: 4))
        }
        let declared = Set(signature.thrownTypes)
        let raised = behavior.raises.filter { !declared.contains($0) }
        let verb = family == .python || family == .ruby ? "raises" : "throws"
        if !raised.isEmpty {
            clauses.append("\(verb) " + list(raised, limit: 3))
        } else if behavior.raisesSomething, signature.thrownTypes.isEmpty, !signature.canFail {
            switch family {
            case .go: clauses.append("returns errors it creates")
            case .rust: clauses.append("returns Err values")
            default: clauses.append("can \(verb == "raises" ? "raise" : "throw") errors")
            }
        }
        if behavior.mayPanic {
            clauses.append(family == .c ? "may abort the process" : family == .swift ? "may trap" : "may panic")
        }
        if behavior.isRecursive { clauses.append("calls itself recursively") }
        if !behavior.calls.isEmpty {
            clauses.append("calls " + list(behavior.calls, limit: 3))
        }
        guard !clauses.isEmpty else { return nil }
        // Add clauses while the bullet stays within the word limit.
        var kept: [String] = []
        for clause in clauses {
            let candidate = (kept + [clause]).joined(separator: "; ")
            if SummaryParser.wordCount(candidate) <= SummaryParser.defaultMaxWordsPerBullet { kept.append(clause) }
        }
        guard !kept.isEmpty else { return nil }
        return kept.joined(separator: "; ").capitalizedFirst + "."
    }

    /// "a", "a and b", "a, b and c", "a, b, c and 2 more".
    static func list(_ items: [String], limit: Int) -> String {
        let shown = Array(items.prefix(limit))
        let extra = items.count - shown.count
        if extra > 0 { return shown.joined(separator: ", ") + " and \(extra) more" }
        if shown.count <= 1 { return shown.first ?? "" }
        return shown.dropLast().joined(separator: ", ") + " and " + shown[shown.count - 1]
    }

    /// Long generic types are abbreviated so the bullet stays readable.
    static func shortType(_ type: String) -> String {
        let collapsed = type.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard collapsed.count > 40 else { return collapsed }
        if let open = collapsed.firstIndex(where: { $0 == "<" || $0 == "[" || $0 == "(" }), open > collapsed.startIndex {
            return String(collapsed[..<open]) + "<…>"
        }
        return String(collapsed.prefix(37)) + "…"
    }

    static func limitWords(_ text: String, limit: Int = SummaryParser.defaultMaxWordsPerBullet) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace })
        guard words.count > limit else { return words.joined(separator: " ") }
        return words.prefix(limit - 1).joined(separator: " ") + "…"
    }
}
