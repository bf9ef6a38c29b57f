import Foundation
import MuCore
import MuSummaryText

/// Builds 1–3 summary bullets from the code alone, without a model:
///
/// 1. purpose — the first sentence of the doc comment that reads as a
///    description (docstrings such as `od.__eq__(y) <==> od==y.  Comparison…`
///    open with code: the next sentence is used), or a phrase read from the name;
/// 2. interface — parameters, return type, async, declared failures;
/// 3. behaviour — side effects seen in the body (files, network, processes,
///    database, environment, output, concurrency), what it raises, and the
///    notable functions it calls.
///
/// The bullets obey the same rules as model replies (``SummaryParser``): the
/// reply they make (``reply(_:)``) always parses as a valid summary.
public struct ExtractiveSummarizer: Sendable {
    /// The version of these rules, part of every offline summary's cache identity: change it
    /// whenever the bullets for some input change.
    public static let version = "extractive-v1"

    /// Doc sentences tried for the purpose bullet before the name is used.
    static let purposeSentencesTried = 3

    private let parser = SummaryParser()

    public init() {}

    /// The offline summary of one function.
    public func summarize(_ input: ExtractiveInput) -> ExtractiveSummary {
        ExtractiveSummary(bullets: bullets(for: input))
    }

    func bullets(for request: ExtractiveInput) -> [String] {
        let draft = draftBullets(for: request)
        if isValidReply(draft, body: request.body) { return draft }
        // Rare. The interface or behaviour bullet can read as code (a bracket-dense return type):
        // such a bullet is left out. A doc sentence can be valid alone yet spoil the reply (an
        // unclosed `<think>` tag swallows what follows): the name's phrase replaces it.
        let others = draft.dropFirst().filter { isValidBullet($0, body: request.body) }
        let name = QualifiedName.lastComponent(of: request.name)
        let phrase = SummaryParser.stripMarkdown(ExtractiveSummarizer.limitWords(
            IdentifierPhrase.purpose(name: name, kind: request.kind.rawValue, enclosingType: request.enclosingType)))
        let generic = ExtractiveSummarizer.genericPurpose(kind: request.kind.rawValue)
        let fallbacks = [Array(draft.prefix(1)) + others, [phrase] + others, [phrase], [generic]]
        return fallbacks.first { isValidReply($0, body: request.body) } ?? [generic]
    }

    /// These bullets as a reply text, one `- ` line each: the form ``SummaryParser`` checks.
    static func reply(_ bullets: [String]) -> String {
        var text = ""
        for bullet in bullets {
            if !text.isEmpty { text += "\n" }
            text += "- "
            text += bullet
        }
        return text
    }

    func isValidReply(_ bullets: [String], body: String) -> Bool {
        (try? parser.parse(ExtractiveSummarizer.reply(bullets), body: body)) != nil
    }

    /// The purpose bullet (valid on its own), then the interface and behaviour bullets.
    func draftBullets(for request: ExtractiveInput) -> [String] {
        let family = LanguageFamily(request.language)
        // `Parser::parse`, `Type.method` → `parse`, `method`.
        let name = QualifiedName.lastComponent(of: request.name)
        var bullets = [purpose(for: request, name: name, family: family)]

        let declaration = PlainText.trimmingWhitespaceAndNewlines(request.signature).isEmpty
            ? ExtractiveSummarizer.header(of: request.body)
            : request.signature
        let signature = SignatureAnalyzer.parse(declaration, name: name, family: family)
        if let interface = ExtractiveSummarizer.interfaceBullet(signature, family: family) {
            bullets.append(interface)
        }

        let bodyAfterHeader = SignatureAnalyzer.textAfterParameterList(in: request.body, name: name) ?? request.body
        let code = SourceScrubber.codeOnly(bodyAfterHeader, family: family)
        let behavior = BehaviorScanner.scan(code: code, rawBody: bodyAfterHeader, name: name, family: family)
        if let behaviour = ExtractiveSummarizer.behaviorBullet(behavior, signature: signature, family: family) {
            bullets.append(behaviour)
        }
        // The same plain text a model reply is reduced to (no inline code marks or emphasis).
        return bullets.map(SummaryParser.stripMarkdown).filter { !$0.isEmpty }
    }

    /// The first doc sentence that is a valid bullet, else the phrase read from the name (word-limited,
    /// markdown not yet stripped).
    func purpose(for request: ExtractiveInput, name: String, family: LanguageFamily) -> String {
        let doc = request.docComment.flatMap { $0.isEmpty ? nil : $0 }
            ?? (family == .python ? DocCommentText.pythonDocstring(inBody: request.body) : nil)
        if let doc {
            for sentence in DocCommentText.sentences(doc, limit: ExtractiveSummarizer.purposeSentencesTried) {
                let bullet = ExtractiveSummarizer.limitWords(sentence)
                if isValidBullet(SummaryParser.stripMarkdown(bullet), body: request.body) { return bullet }
            }
        }
        let phrase = ExtractiveSummarizer.limitWords(
            IdentifierPhrase.purpose(name: name, kind: request.kind.rawValue, enclosingType: request.enclosingType))
        if isValidBullet(SummaryParser.stripMarkdown(phrase), body: request.body) { return phrase }
        return ExtractiveSummarizer.genericPurpose(kind: request.kind.rawValue)
    }

    /// A bullet the parser keeps and accepts: letters, within the word limit, prose, not a copied code line.
    func isValidBullet(_ bullet: String, body: String) -> Bool {
        !bullet.isEmpty && PlainText.containsLetter(bullet) && parser.problem(with: [bullet], body: body) == nil
    }

    /// The last resort for the purpose: "Implements a method."
    static func genericPurpose(kind: String) -> String {
        let word = kind.lowercased()
        let isWord = !word.isEmpty && word.count <= 20 && word.allSatisfy { $0.isLetter && $0.isASCII }
        return "Implements a \(isWord ? word : "function")."
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
        if PlainText.isPlain(text) {
            return PlainText.withBytes(text) { bytes in
                // Words joined by single spaces; past the limit, `limit - 1` words and "…".
                var output: [UInt8] = []
                output.reserveCapacity(bytes.count + 3)
                var words = 0
                var index = 0
                while index < bytes.count {
                    guard !bytes[index].isASCIIWhitespace else { index += 1; continue }
                    var end = index
                    while end < bytes.count, !bytes[end].isASCIIWhitespace { end += 1 }
                    words += 1
                    if words == limit {
                        // A further word means the text is cut here.
                        var next = end
                        while next < bytes.count, bytes[next].isASCIIWhitespace { next += 1 }
                        if next < bytes.count { return PlainText.string(output) + "…" }
                    }
                    if !output.isEmpty { output.append(0x20) }
                    output.append(contentsOf: bytes[index..<end])
                    index = end
                }
                return PlainText.string(output)
            }
        }
        return limitWordsGeneral(text, limit: limit)
    }

    /// ``limitWords(_:limit:)`` for any text.
    static func limitWordsGeneral(_ text: String, limit: Int = SummaryParser.defaultMaxWordsPerBullet) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace })
        guard words.count > limit else { return words.joined(separator: " ") }
        return words.prefix(limit - 1).joined(separator: " ") + "…"
    }
}
