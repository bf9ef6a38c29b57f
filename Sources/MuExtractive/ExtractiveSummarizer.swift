import Foundation
import MuCore
import MuSummaryText

/// Summarizes a function from its code alone, without a model, saying only what the code tells:
///
/// 1. the doc comment's first sentence that does not merely restate the name;
/// 2. what it returns and from what (``ReturnValues``): "Returns the result of merge_setting or None.";
/// 3. what it changes or risks outside itself: files, network, database, processes, environment,
///    output, concurrency (``BehaviorScanner``), the receiver attributes and globals it sets
///    (``StateChanges``), what it raises;
/// 4. what it delegates to: its notable calls.
///
/// A bullet that would only restate the name (``NameEcho``) or reads as code is not written. A function
/// with nothing left to say gets no bullets: its summary is marked signature-only (``ExtractiveSummary``).
/// Every bullet passes the rules model replies pass (``SummaryParser``).
public struct ExtractiveSummarizer: Sendable {
    /// The version of these rules, part of every offline summary's cache identity: change it
    /// whenever the bullets for some input change (``ExtractiveVersionTests`` pins a few outputs).
    public static let version = "extractive-v2"

    /// Doc sentences tried before the body's facts alone are used.
    static let docSentencesTried = 3
    /// At most this many bullets.
    static let maxBullets = 3
    static let maxWordsPerBullet = SummaryParser.defaultMaxWordsPerBullet

    private let parser = SummaryParser()

    public init() {}

    /// The offline summary of one function: bullets that carry information, or none (signature only).
    public func summarize(_ input: ExtractiveInput) -> ExtractiveSummary {
        let family = LanguageFamily(input.language)
        let name = QualifiedName.lastComponent(of: input.name)
        let echo = NameEcho(qualifiedName: input.qualifiedName)
        var bullets: [String] = []
        func accept(_ candidate: String) -> Bool {
            let bullet = SummaryParser.stripMarkdown(ExtractiveSummarizer.limitWords(candidate))
            guard isValidBullet(bullet, body: input.body), !echo.isEcho(bullet), !bullets.contains(bullet) else {
                return false
            }
            bullets.append(bullet)
            return true
        }

        let doc = input.docComment.flatMap { $0.isEmpty ? nil : $0 }
            ?? (family == .python ? DocCommentText.pythonDocstring(inBody: input.body) : nil)
        if let doc {
            for sentence in DocCommentText.sentences(doc, limit: ExtractiveSummarizer.docSentencesTried) where accept(sentence) {
                break
            }
        }

        let afterHeader = SignatureAnalyzer.textAfterParameterList(in: input.body, name: name) ?? input.body
        let code = SourceScrubber.codeOnly(afterHeader, family: family)
        let behavior = BehaviorScanner.scan(code: code, rawBody: afterHeader, name: name, family: family)
        let returns = ReturnValues.phrases(in: code, family: family)
        let state = StateChanges.scan(code, family: family)
        let facts = [
            ExtractiveSummarizer.returnsBullet(returns),
            ExtractiveSummarizer.effectsBullet(behavior, state: state, family: family),
            ExtractiveSummarizer.callsBullet(behavior, except: returns),
        ]
        for fact in facts.compactMap({ $0 }) where bullets.count < ExtractiveSummarizer.maxBullets {
            _ = accept(fact)
        }
        return ExtractiveSummary(bullets: bullets)
    }

    /// A bullet the parser keeps and accepts: letters, within the word limit, prose, not a copied code line.
    func isValidBullet(_ bullet: String, body: String) -> Bool {
        // It must also come through the reply cleaning unchanged (no `<thinking>`, marker or preamble).
        !bullet.isEmpty && bullet.contains(where: \.isLetter) && parser.clean("- " + bullet) == [bullet]
            && parser.problem(with: [bullet], body: body) == nil
    }

    /// "Returns the result of merge_setting or _merge, or None." — results of calls named together.
    static func returnsBullet(_ phrases: [String]) -> String? {
        let prefix = "the result of "
        let results = phrases.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        var parts: [String] = []
        for phrase in phrases {
            if phrase.hasPrefix(prefix) {
                if phrase == prefix + results[0] { parts.append(prefix + list(results, limit: 3, conjunction: "or")) }
            } else {
                parts.append(phrase)
            }
        }
        guard !parts.isEmpty else { return nil }
        let joined = results.count > 1 && parts.count > 1 ? parts.joined(separator: ", or ") : list(parts, limit: 3, conjunction: "or")
        return "Returns " + joined + "."
    }

    /// Side effects, state changes and failures: "Writes files and runs external processes; sets
    /// self.path and self.mode; raises ValueError."
    static func effectsBullet(_ behavior: BodyBehavior, state: StateChanges, family: LanguageFamily) -> String? {
        var clauses: [String] = []
        if !behavior.effects.isEmpty { clauses.append(list(behavior.effects.map(\.phrase), limit: 4)) }
        if !state.attributes.isEmpty { clauses.append("sets " + list(state.attributes, limit: 3)) }
        if !state.globals.isEmpty { clauses.append("changes global " + list(state.globals, limit: 3)) }
        let verb = family == .python || family == .ruby ? "raises" : "throws"
        if !behavior.raises.isEmpty {
            clauses.append("\(verb) " + list(behavior.raises, limit: 3))
        } else if behavior.raisesSomething {
            switch family {
            case .go: clauses.append("returns errors it creates")
            case .rust: clauses.append("returns Err values")
            default: clauses.append("can \(verb == "raises" ? "raise" : "throw") errors")
            }
        }
        if behavior.mayPanic {
            clauses.append(family == .c ? "may abort the process" : family == .swift ? "may trap" : "may panic")
        }
        return sentence(clauses)
    }

    /// What it delegates to: "Calls parse_header, decode and 2 more; calls itself recursively."
    /// Calls the returns bullet already names ("the result of tokenize") are left out.
    static func callsBullet(_ behavior: BodyBehavior, except returns: [String] = []) -> String? {
        var clauses: [String] = []
        let calls = behavior.calls.filter { call in !returns.contains { $0 == "the result of " + call || $0.hasSuffix("." + call) } }
        if !calls.isEmpty { clauses.append("calls " + list(calls, limit: 4)) }
        if behavior.isRecursive { clauses.append("calls itself recursively") }
        return sentence(clauses)
    }

    /// Clauses joined by "; " while within the word limit, capitalized, with a period.
    static func sentence(_ clauses: [String]) -> String? {
        var kept: [String] = []
        for clause in clauses {
            let candidate = (kept + [clause]).joined(separator: "; ")
            if SummaryParser.wordCount(candidate) <= maxWordsPerBullet { kept.append(clause) }
        }
        guard let first = kept.first?.first else { return nil }
        let text = kept.joined(separator: "; ")
        return first.uppercased() + text.dropFirst() + "."
    }

    /// "a", "a and b", "a, b and c", "a, b, c and 2 more" (or "or" instead of "and").
    static func list(_ items: [String], limit: Int, conjunction: String = "and") -> String {
        let shown = Array(items.prefix(limit))
        let extra = items.count - shown.count
        if extra > 0 { return shown.joined(separator: ", ") + " \(conjunction) \(extra) more" }
        if shown.count <= 1 { return shown.first ?? "" }
        return shown.dropLast().joined(separator: ", ") + " \(conjunction) " + shown[shown.count - 1]
    }

    /// Words joined by single spaces; past the limit, `limit - 1` words and "…".
    static func limitWords(_ text: String, limit: Int = maxWordsPerBullet) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace })
        guard words.count > limit else { return words.joined(separator: " ") }
        return words.prefix(limit - 1).joined(separator: " ") + "…"
    }
}
