import Foundation
import Testing
import MuCore
@testable import MuExtractive
import MuTestSupport
@testable import MuSummaryText

/// The byte-level fast paths give the answers of the general code (regular
/// expressions, `Character` and Foundation operations) on every plain text
/// (ASCII without carriage returns) — checked over many generated inputs.
@Suite struct PlainFastPathTests {
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
            #expect(ExtractiveSummarizer.limitWords(text, limit: 3) == ExtractiveSummarizer.limitWordsGeneral(text, limit: 3))
            #expect(ExtractiveSummarizer.limitWords(text) == ExtractiveSummarizer.limitWordsGeneral(text))
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

    @Test func scrubbedCode() {
        for body in Self.bodies + Self.texts {
            for family in [LanguageFamily.python, .swift, .go, .rust, .javascript, .java, .c, .ruby, .other] {
                #expect(SourceScrubber.codeOnlyPlain(body, family: family) == SourceScrubber.codeOnlyGeneral(body, family: family),
                        "\(family) \(body.debugDescription)")
            }
        }
    }

    @Test func docCommentsAndDocstrings() {
        for text in Self.texts + Self.bodies {
            #expect(DocCommentText.leadParagraphPlain(text) == DocCommentText.leadParagraphGeneral(text), "\(text.debugDescription)")
            #expect(DocCommentText.sentencesPlain(text, limit: 3) == DocCommentText.sentencesGeneral(text, limit: 3),
                    "\(text.debugDescription)")
            let body = "def f(a):\n    " + text
            #expect(DocCommentText.pythonDocstring(inBody: body) == DocCommentText.pythonDocstringGeneral(inBody: body),
                    "\(body.debugDescription)")
        }
    }

    @Test func identifiersAndSignatures() {
        var generator = TextGenerator(seed: 3)
        let identifierTokens = ["a", "B", "HTTP", "Response", "2", "_", "-", "$", ".", "x", "Id", "URL", "parse", "is"]
        for _ in 0..<600 {
            let identifier = generator.text(from: identifierTokens, maxTokens: 6)
            #expect(IdentifierPhrase.wordsPlain(identifier) == IdentifierPhrase.wordsGeneral(identifier), "\(identifier)")
        }
        for text in Self.texts {
            for family in [LanguageFamily.python, .ruby, .javascript] {
                let fast = PlainText.withBytes(text) { SignatureAnalyzer.parameterNamePlain($0, family: family) }
                #expect(fast == SignatureAnalyzer.parameterNameGeneral(text, family: family), "\(family) \(text.debugDescription)")
            }
            #expect(SignatureAnalyzer.splitTopLevel(text) == SignatureAnalyzer.splitTopLevelGeneral(text), "\(text.debugDescription)")
            for name in ["f", "x", "a", "Foo", "return"] {
                let offsets = { (pair: (String.Index, String.Index)?) in
                    pair.map { [text.utf8.distance(from: text.utf8.startIndex, to: $0.0),
                                text.utf8.distance(from: text.utf8.startIndex, to: $0.1)] }
                }
                #expect(offsets(SignatureAnalyzer.parameterList(in: text, name: name))
                        == offsets(SignatureAnalyzer.parameterListGeneral(in: text, name: name)), "\(name) \(text.debugDescription)")
            }
            #expect(SignatureAnalyzer.after("->", in: text, stoppingAt: [":"])
                    == SignatureAnalyzer.afterGeneral("->", in: text, stoppingAt: [":"]), "\(text.debugDescription)")
            #expect(SignatureAnalyzer.after(":", in: text, stoppingAt: ["=", "where"])
                    == SignatureAnalyzer.afterGeneral(":", in: text, stoppingAt: ["=", "where"]), "\(text.debugDescription)")
        }
    }

    // MARK: Behaviour scanning

    @Test func callsAgreeWithTheCallPattern() throws {
        let pattern = try #require(BehaviorScanner.callPattern)
        for code in Self.bodies + Self.texts + ["a.b::c->d!(x)", "x.(", "$f (1)", "self.g\n(2)", "9x(", "f!x(", "a::b::c"] {
            let expected = pattern.allMatches(code).compactMap { Range($0.range(at: 1), in: code).map { String(code[$0]) } }
            #expect(BehaviorScanner.callNames(in: code) == expected, "\(code.debugDescription)")
        }
    }

    @Test func raisedTypesAgreeWithTheFailurePatterns() throws {
        let extra = ["raise ValueError('x')", "raise", "raise  mod.Err", "throw new  (", "throw newError", "throw new Foo::Bar()",
                     "xraise Y", "throw .failed", "raise Foo::Bar, 'x'", "throws X", "throw\nnew\nE"]
        for code in Self.bodies + Self.texts + extra {
            for family in [LanguageFamily.python, .ruby, .swift, .java, .javascript, .c, .other] {
                let pattern = try #require(BehaviorScanner.failurePatterns[family])
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

    @Test func theSQLCheckNeverHidesAMatch() throws {
        let pattern = try #require(BehaviorScanner.sqlStatement)
        let statements = ["SELECT id FROM t", "select a, b.c,* from x", "insert into t", "INSERT\n INTO t", "update users set x",
                          "Update  t\tSET", "delete from t", "create table t", "selected from", "update(x) set", "created table"]
        for text in statements + Self.bodies + Self.texts where pattern.matches(text) {
            #expect(BehaviorScanner.mayContainSQL(text), "\(text.debugDescription)")
        }
        #expect(!BehaviorScanner.mayContainSQL("self.update(values)\nitems.delete(x)"))
    }
}
