import Foundation
import Testing
import MuCore
@testable import MuExtractive
import MuTestSupport
@testable import MuSummaryText

/// The byte-level fast paths of MuSummaryText give the answers of its general code (regular
/// expressions, `Character` and Foundation operations) on every plain text (ASCII without
/// carriage returns), and MuExtractive's byte scanners match the regular expressions that
/// specify them — checked over many generated inputs.
@Suite struct ByteScannerTests {
    /// Markdown-ish and code-ish plain texts, edge cases first.
    static let texts: [String] = {
        var generator = TextGenerator(seed: 7)
        let edgeCases = ["", " ", "\t", "#", "##", "**", "***", "__", "_a_", "*a*", "(*a*)", "*a* *b*", "_x_y_", "a*b*",
                         "[a](b)", "[](b)", "[a]", "[a[b](c)", "x [a](b) [c](d)", "**bold** and `code`", "# Title",
                         "- item", "-item", "*  item", "1. one", "12) x", "123. x", "(3) x", "(3. x", "a. x", "A. x",
                         "Done. Next", "Done.  Next", "Done. next", "e.g. This", "x \u{1F} y", "return x", "return",
                         "def f(x):", "def  f  (", "async def g=", "pub fn h<T>", "#include <x>", "class A:", "if (x) {",
                         "x;", "}", "f(a) {", "f(a):", "{}();=<>[]{}();=<>[]", "word word word", "  a  b  "]
        return generator.texts(1500, from: TextGenerator.plainTokens, maxTokens: 14, edgeCases: edgeCases)
    }()

    /// Bodies: longer plain texts with code-like lines.
    static let bodies: [String] = {
        var generator = TextGenerator(seed: 11)
        return generator.texts(400, from: TextGenerator.plainTokens, maxTokens: 60,
                               edgeCases: ["", "\n", "def f(a, b):\n    \"\"\"Doc.\n    \"\"\"\n    return a\n",
                                           "x = 1\n/* c\n x = 2\n*/\n# y\n'''\nz\n'''\nz = 3"])
    }()

    @Test func stripMarkdown() {
        for text in Self.texts {
            #expect(PlainMarkdown.strip(text) == SummaryParser.stripMarkdownGeneral(text), "\(text.debugDescription)")
        }
    }

    /// Bullets mu cut with "…": the bullet checks take the byte path for them too.
    @Test func bulletChecksWithEllipses() {
        var generator = TextGenerator(seed: 13)
        let texts = generator.texts(800, from: TextGenerator.plainTokens + ["…", "…", "x…"], maxTokens: 14,
                                    edgeCases: ["…", "a…", "*…*", "_a…_", "…{}();=<>[]", "def f(…", "return…", "return …",
                                                "{}();=<>[]{}…", "f(x)=>…", "[…](x)"])
        for text in texts {
            #expect(PlainText.ellipses(in: text) != nil)
            #expect(SummaryParser.stripMarkdown(text) == SummaryParser.stripMarkdownGeneral(text), "\(text.debugDescription)")
            #expect(SummaryParser.looksLikeCode(text) == SummaryParser.looksLikeCodeGeneral(text), "\(text.debugDescription)")
            #expect(SummaryParser.wordCount(text) == SummaryParser.wordCountGeneral(text), "\(text.debugDescription)")
            #expect(SummaryParser.normalized(text) == SummaryParser.normalizedGeneral(text), "\(text.debugDescription)")
        }
        #expect(PlainText.ellipses(in: "a…b…") == 2)
        #expect(PlainText.ellipses(in: "é…") == nil)
        #expect(PlainText.ellipses(in: "a\r\n…") == nil)
    }

    @Test func sentences() {
        for text in Self.texts {
            #expect(PlainMarkdown.sentences(text) == SummaryParser.sentencesGeneral(text), "\(text.debugDescription)")
        }
    }

    @Test func looksLikeCode() {
        for text in Self.texts {
            #expect(PlainCodeShape.looksLikeCode(text) == SummaryParser.looksLikeCodeGeneral(text), "\(text.debugDescription)")
        }
    }

    @Test func wordsAndNormalizedText() {
        for text in Self.texts {
            #expect(SummaryParser.wordCount(text) == SummaryParser.wordCountGeneral(text), "\(text.debugDescription)")
            #expect(SummaryParser.normalized(text) == SummaryParser.normalizedGeneral(text), "\(text.debugDescription)")
        }
    }

    @Test func bulletMarkersAndLines() {
        for text in Self.texts {
            let fast = SummaryParser.markerEnd(in: text).map { text.utf8.distance(from: text.utf8.startIndex, to: $0) }
            let general = SummaryParser.markerEndGeneral(in: text).map { text.utf8.distance(from: text.utf8.startIndex, to: $0) }
            #expect(fast == general, "\(text.debugDescription)")
            #expect(SummaryParser.trimmedLines(text) == SummaryParser.trimmedLinesGeneral(text), "\(text.debugDescription)")
        }
    }

    /// Lines of real text: this package's own sources (code and doc comments) and its Markdown docs.
    static let realLines: [String] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var lines: [String] = []
        for folder in ["Sources", "Tests", "docs", "bench"] {
            let enumerator = FileManager.default.enumerator(at: root.appendingPathComponent(folder),
                                                            includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                guard ["swift", "md", "sh", "py"].contains(url.pathExtension),
                      let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                lines += text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            }
        }
        return lines
    }()

    /// Every pair of implementations agrees on real text, not only on generated text. Lines that
    /// are not plain take the general path in both calls; they are skipped.
    @Test func fastPathsAgreeOnRealText() {
        let plain = Self.realLines.filter { PlainText.ellipses(in: $0) != nil }
        #expect(plain.count > 20_000, "too little real text found (\(plain.count) lines)")
        for line in plain {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            #expect(SummaryParser.stripMarkdown(line) == SummaryParser.stripMarkdownGeneral(line), "\(line.debugDescription)")
            #expect(SummaryParser.looksLikeCode(trimmed) == SummaryParser.looksLikeCodeGeneral(trimmed), "\(line.debugDescription)")
            #expect(SummaryParser.wordCount(line) == SummaryParser.wordCountGeneral(line), "\(line.debugDescription)")
            #expect(SummaryParser.normalized(line) == SummaryParser.normalizedGeneral(line), "\(line.debugDescription)")
            guard PlainText.isPlain(line) else { continue }
            #expect(PlainMarkdown.sentences(line) == SummaryParser.sentencesGeneral(line), "\(line.debugDescription)")
            let fast = SummaryParser.markerEnd(in: trimmed).map { trimmed.utf8.distance(from: trimmed.utf8.startIndex, to: $0) }
            let general = SummaryParser.markerEndGeneral(in: trimmed)
                .map { trimmed.utf8.distance(from: trimmed.utf8.startIndex, to: $0) }
            #expect(fast == general, "\(line.debugDescription)")
        }
        // Whole files through the line splitter: the doc pages (Markdown) and a few sources.
        for text in stride(from: 0, to: plain.count, by: 40).map({ plain[$0..<min(plain.count, $0 + 40)].joined(separator: "\n") }) {
            #expect(SummaryParser.trimmedLines(text) == SummaryParser.trimmedLinesGeneral(text))
        }
    }

    @Test func copiedCodeLines() {
        for (index, body) in Self.bodies.enumerated() {
            // Candidates: some of the body's own lines (normalized) and a few texts.
            let lines = body.components(separatedBy: "\n").map(SummaryParser.normalized)
            let candidates = Array(lines.prefix(4)) + Array(Self.texts[(index * 3) % 1400..<(index * 3) % 1400 + 3])
                .map(SummaryParser.normalized)
            let expected = candidates.map(SummaryParser.codeLines(body).contains)
            #expect(CodeLineMatcher.copies(of: candidates, in: body) == expected, "\(body.debugDescription)")
        }
    }

    // MARK: Behaviour scanning: the byte scanners match the regular expressions that specify them

    @Test func callsAgreeWithTheCallPattern() throws {
        let pattern = try #require(CompiledRegex(#"(?<![\w.$])((?:[A-Za-z_$][\w$]*(?:\.|::|->))*[A-Za-z_$][\w$]*!?)\s*\("#))
        for code in Self.bodies + Self.texts + ["a.b::c->d!(x)", "x.(", "$f (1)", "self.g\n(2)", "9x(", "f!x(", "a::b::c"] {
            let expected = pattern.allMatches(code).compactMap { Range($0.range(at: 1), in: code).map { String(code[$0]) } }
            #expect(BehaviorScanner.callNames(in: code) == expected, "\(code.debugDescription)")
        }
    }

    static let throwPatterns: [LanguageFamily: CompiledRegex] = [
        .python: #"\braise\s+([A-Za-z_][\w.]*)"#,
        .ruby: #"\braise\s+([A-Z][\w:]*)"#,
        .swift: #"\bthrow\s+([A-Za-z_][\w.]*)"#,
        .java: #"\bthrow\s+(?:new\s+)?([A-Za-z_][\w.:]*)"#,
        .javascript: #"\bthrow\s+(?:new\s+)?([A-Za-z_][\w.:]*)"#,
        .c: #"\bthrow\s+(?:new\s+)?([A-Za-z_][\w.:]*)"#,
        .other: #"\bthrow\s+(?:new\s+)?([A-Za-z_][\w.:]*)"#,
    ].compactMapValues { CompiledRegex($0) }

    @Test func raisedTypesAgreeWithTheFailurePatterns() throws {
        let extra = ["raise ValueError('x')", "raise", "raise  mod.Err", "throw new  (", "throw newError", "throw new Foo::Bar()",
                     "xraise Y", "throw .failed", "raise Foo::Bar, 'x'", "throws X", "throw\nnew\nE"]
        for code in Self.bodies + Self.texts + extra {
            for family in [LanguageFamily.python, .ruby, .swift, .java, .javascript, .c, .other] {
                let pattern = try #require(Self.throwPatterns[family])
                let expected: [String?] = pattern.allMatches(code).map { match in
                    Range(match.range(at: 1), in: code).map { String(code[$0]) }
                }
                let statement = try #require(BehaviorScanner.ThrowStatement(family))
                #expect(statement.types(in: code) == expected, "\(family) \(code.debugDescription)")
            }
        }
    }

    @Test func recursionAndWordsAgreeWithTheirPatterns() throws {
        for code in Self.bodies + Self.texts + ["walk(child)", "self.walk(x)", "rewalk(x)", "walk (x)", "walk\n(x)", "walker(x)"] {
            for name in ["walk", "f", "a", "x1"] {
                let regex = try #require(CompiledRegex(#"(?<![\w.])"# + NSRegularExpression.escapedPattern(for: name) + #"\s*\("#))
                #expect(BehaviorScanner.callsItself(code, name: name) == regex.matches(code), "\(name) \(code.debugDescription)")
            }
            for word in ["async", "raise", "error", "a"] {
                let regex = try #require(CompiledRegex("\\b\(word)\\b"))
                #expect(PlainText.containsWord(word, in: code) == regex.matches(code), "\(word) \(code.debugDescription)")
            }
        }
    }
}
