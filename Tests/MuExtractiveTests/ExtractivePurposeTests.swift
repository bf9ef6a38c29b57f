import Testing
import MuCore
@testable import MuExtractive
import MuTestSupport
@testable import MuSummaryText

/// The offline summary is always a valid one: a doc sentence that reads as
/// code gives way to the next sentence or to the phrase read from the name,
/// and whatever the doc text, body or signature, the reply parses.
@Suite struct ExtractivePurposeTests {
    let summarizer = ExtractiveSummarizer()
    let parser = SummaryParser()

    struct Case: Sendable, CustomTestStringConvertible {
        var qualifiedName: String
        var body: String
        var doc: String? = nil
        var purpose: String
        var testDescription: String { qualifiedName }
    }

    /// Functions of CPython's standard library whose summaries failed validation ("bullet 1 is code").
    static let cpython: [Case] = [
        Case(qualifiedName: "OrderedDict.__eq__", body: """
                def __eq__(self, other):
                    '''od.__eq__(y) <==> od==y.  Comparison to another OD is order-sensitive
                    while comparison to a regular mapping is order-insensitive.

                    '''
                    if isinstance(other, OrderedDict):
                        return dict.__eq__(self, other) and all(map(_eq, self, other))
                    return dict.__eq__(self, other)
                """,
             purpose: "Comparison to another OD is order-sensitive while comparison to a regular mapping is order-insensitive."),
        Case(qualifiedName: "MutableMapping.update", body: """
                def update(self, other=(), /, **kwds):
                    ''' D.update([E, ]**F) -> None.  Update D from mapping/iterable E and F.
                        If E present and has a .keys() method, does:     for k in E: D[k] = E[k]
                    '''
                    if isinstance(other, Mapping):
                        for key in other:
                            self[key] = other[key]
                    for key, value in kwds.items():
                        self[key] = value
                """,
             purpose: "Update D from mapping/iterable E and F."),
        Case(qualifiedName: "Decimal.__hash__", body: """
                def __hash__(self):
                    \"\"\"x.__hash__() <==> hash(x)\"\"\"
                    if self._is_special:
                        raise TypeError('Cannot hash a signaling NaN value.')
                    return -2 if ans == -1 else ans
                """,
             purpose: "Hashes."),
        Case(qualifiedName: "FileIO.tell", body: """
                def tell(self):
                    \"\"\"tell() -> int.  Current file position.

                    Can raise OSError for non seekable files.\"\"\"
                    self._checkClosed()
                    return os.lseek(self._fd, 0, SEEK_CUR)
                """,
             purpose: "Current file position."),
        Case(qualifiedName: "HelpFormatter._indent", body: """
                def _indent(self):
                    self._current_indent += self._indent_increment
                    self._level += 1
                """,
             doc: "# ===============================\n# Section and indentation methods\n# ===============================",
             purpose: "Implements indent."),
        Case(qualifiedName: "_ActionsContainer.add_argument", body: """
                def add_argument(self, *args, **kwargs):
                    \"\"\"
                    add_argument(dest, ..., name=value, ...)
                    add_argument(option_string, option_string, ..., name=value, ...)
                    \"\"\"
                    chars = self.prefix_chars
                    return action
                """,
             doc: "# =======================\n# Adding argument actions\n# =======================",
             purpose: "Adds argument."),
    ]

    func request(_ item: Case) -> ExtractiveInput {
        let name = QualifiedName.lastComponent(of: item.qualifiedName)
        let header = item.body.split(separator: "\n").first.map(String.init) ?? ""
        return ExtractiveInput(language: .python, name: name, qualifiedName: item.qualifiedName,
                               kind: .method, signature: header, body: item.body, docComment: item.doc,
                               enclosingType: String(item.qualifiedName.split(separator: ".").first ?? ""))
    }

    @Test(arguments: ExtractivePurposeTests.cpython)
    func docsOpeningWithCodeUseTheNextSentenceOrTheName(_ item: Case) throws {
        let bullets = summarizer.summarize(request(item)).bullets
        #expect(bullets.first == item.purpose)
        let parsed = try parser.parse(ExtractiveSummarizer.reply(bullets), body: item.body)
        #expect(parsed == bullets)
    }

    @Test func theFirstValidSentenceIsKept() {
        let body = "def f(x):\n    return x\n"
        let purpose = { (doc: String) in
            self.summarizer.summarize(ExtractiveInput(language: .python, name: "scale", qualifiedName: "scale",
                                                      signature: "def f(x):", body: body, docComment: doc)).bullets.first
        }
        #expect(purpose("Scale the value. Then more.") == "Scale the value.")
        #expect(purpose("...  Scale the value.") == "Scale the value.")             // no letters in the first
        #expect(purpose("f(x, y) -> int.  g(y, z) -> int.  Scale it.") == "Scale it.")  // two code sentences
        #expect(purpose("if (x) { y(); }") == "Scales.")                             // nothing usable: the name
    }

    // MARK: Property: every summary validates

    static let oddDocs: [String?] = [
        nil, "", " ", "...", "!!!", "1.", "?", "e.g. something", "i.e.", "od.__eq__(y) <==> od==y.",
        "D.update([E, ]**F) -> None.", "x.__hash__() <==> hash(x)", "tell() -> int.", "return x;", "def f(x):", "if (a) {",
        "# =====\n# Section\n# =====", "/// Does it.\n/// - Returns: x", "/**\n * Reads.\n * @param x\n */", "<thinking>secret",
        "Reads. <think>and more", "Summary: does x", "**bold** `code` [link](url) _emph_", "- bullet", "1. first", "Here is it:",
        "Let me know.", String(repeating: "word ", count: 60), "é…— → “quotes” ñ.", "\u{301}combining first.", "Line one.\r\nLine two.",
        "x = 1", "*", "_", "`", "```\ncode\n```", "{}();=<>[]{}();=<>[]", "Return the sum of a and b.", "@param x the x",
        "Args:\n  x: y", "😀 emoji only", "A" + String(repeating: "(", count: 30), "def", "\"\"\"", "Returns List<Map<String, Int>>.",
    ]

    static let oddBodies: [String] = [
        "", "x", "def f(a, b):\n    Return the sum of a and b.\n    return a + b",
        "def f(a: Dict[str, List[Tuple[int, int]]]) -> Dict[str, List[Tuple[int, Dict[str, int]]]]:\n    return {}",
        "func f() {\n\topen(path)\n\traise X\n}", "def f():\n    \"\"\"<thinking>\n    \"\"\"\n    os.system('ls')",
        "function f(a, b) {\r\n  return fetch(a)\r\n}", "fn f() -> Result<Vec<HashMap<String, Vec<u8>>>, Box<dyn Error>> { Ok(x) }",
        "def é(ß):\n    return '😀'", "int f(void) { return " + String(repeating: "(1) + ", count: 50) + "1; }",
    ]

    static let oddNames = ["f", "", "__init__", "operator==", "return_value", "<lambda>", "isValid", "main", "x.y.z", "??"]

    static let oddSignatures = ["", "def f(a, b):", "func f(_ a: [[Int: [String]]]) async throws -> [String: [Int]]",
                                "public static Map<String, List<Map<String, Integer>>> f(int a) throws IOException, X",
                                "fn f<T: Into<Vec<u8>>>(a: T) -> Result<(), Box<dyn std::error::Error + Send + Sync>>"]

    @Test func everySummaryValidates() throws {
        let languages: [Language] = [.python, .swift, .go, .rust, .typescript, .java, .c, .ruby, .php]
        var generator = TextGenerator(seed: 1)
        var checked = 0
        for (index, doc) in Self.oddDocs.enumerated() {
            for (bodyIndex, body) in Self.oddBodies.enumerated() {
                let language = languages[(index + bodyIndex) % languages.count]
                let name = Self.oddNames[(index * 3 + bodyIndex) % Self.oddNames.count]
                let signature = Self.oddSignatures[(index + bodyIndex * 2) % Self.oddSignatures.count]
                // The doc both as a doc comment and, for Python, as the body's docstring.
                let withDocstring = "def \(name)(a):\n    \"\"\"\(doc ?? "")\"\"\"\n" + body
                for (docComment, fullBody) in [(doc, body), (nil, withDocstring)] {
                    let request = ExtractiveInput(language: language, name: name, qualifiedName: name,
                                                  signature: signature, body: fullBody, docComment: docComment)
                    try expectValid(summarizer.summarize(request).bullets, body: fullBody, request: request)
                    checked += 1
                }
            }
        }
        // Random bodies and docs over a tricky alphabet (markdown, code, tags, Unicode).
        let tokens = TextGenerator.plainTokens + ["é", "…", "\u{301}", "\u{A0}", "😀", "\r\n", "<thinking>", "</thinking>",
                                                  "Summary:", "Here is", "İ"]
        for index in 0..<300 {
            let doc = generator.text(from: tokens, maxTokens: 25)
            let body = "def f(a):\n    \"\"\"" + generator.text(from: tokens, maxTokens: 15) + "\"\"\"\n"
                + generator.text(from: tokens, maxTokens: 40)
            let request = ExtractiveInput(language: languages[index % languages.count], name: "f",
                                          qualifiedName: "f", signature: generator.text(from: tokens, maxTokens: 8), body: body,
                                          docComment: index % 2 == 0 ? doc : nil)
            try expectValid(summarizer.summarize(request).bullets, body: body, request: request)
            checked += 1
        }
        #expect(checked > 1000)
    }

    func expectValid(_ bullets: [String], body: String, request: ExtractiveInput) throws {
        #expect((1...3).contains(bullets.count), "\(request)")
        do {
            _ = try parser.parse(ExtractiveSummarizer.reply(bullets), body: body)
        } catch {
            Issue.record("invalid summary \(bullets) (\(error)) for \(request)")
        }
    }
}
