import Testing
import MuCore
@testable import MuExtractive
@testable import MuSummaryText

/// Offline summaries say what the code tells — doc sentence, returned values, effects, failures,
/// calls — and never only restate the name; with nothing to say they are signature-only.
@Suite struct ExtractiveSummarizerTests {
    let summarizer = ExtractiveSummarizer()
    let parser = SummaryParser()

    func summarize(_ language: String, name: String, signature: String = "", body: String, doc: String? = nil,
                   kind: String = "function", type: String? = nil) throws -> [String] {
        let request = ExtractiveInput(language: try #require(Language(rawValue: language)), name: name, qualifiedName: name,
                                      kind: try #require(FunctionKind(rawValue: kind)), signature: signature, body: body,
                                      docComment: doc, enclosingType: type)
        let summary = summarizer.summarize(request)
        let bullets = summary.bullets
        #expect(summary.signatureOnly == bullets.isEmpty)
        #expect(bullets.count <= 3)
        if !bullets.isEmpty {
            // Extractive summaries must pass the same validation as model replies.
            let reparsed = try parser.parse(bullets.map { "- \($0)" }.joined(separator: "\n"), body: body)
            #expect(reparsed == bullets)
        }
        // No bullet only restates the name.
        let echo = NameEcho(qualifiedName: name)
        #expect(!bullets.contains(where: echo.isEcho), "\(bullets)")
        return bullets
    }

    @Test func python() throws {
        let body = """
            def fetch_report(path, timeout=10, *, retries=3):
                \"\"\"Download the report named in path. Extra details follow.

                Args:
                    path: where it is.
                \"\"\"
                with open(path) as handle:
                    url = handle.read().strip()
                response = requests.get(url, timeout=timeout)
                if response.status_code != 200:
                    raise ReportError(f"bad status {response.status_code}")
                return parse_report(response.text)
            """
        let bullets = try summarize("python", name: "fetch_report", signature: "def fetch_report(path, timeout=10, *, retries=3) -> Report:", body: body)
        #expect(bullets == [
            "Download the report named in path.",
            "Returns the result of parse_report.",
            "Reads files and makes network requests; raises ReportError.",
        ])
    }

    @Test func swift() throws {
        let body = """
            public func upload(_ data: Data, to endpoint: URL) async throws -> Int {
                var request = URLRequest(url: endpoint)
                request.httpMethod = "POST"
                let (_, response) = try await URLSession.shared.upload(for: request, from: data)
                guard let http = response as? HTTPURLResponse else { throw UploadError.noResponse }
                return http.statusCode
            }
            """
        let bullets = try summarize("swift", name: "upload", signature: "public func upload(_ data: Data, to endpoint: URL) async throws -> Int",
                                    body: body, doc: "/// Uploads `data` to the given endpoint.\n/// - Returns: the status code.")
        #expect(bullets == ["Uploads data to the given endpoint.", "Returns http.statusCode.",
                            "Makes network requests; throws UploadError."])
    }

    @Test func go() throws {
        let body = """
            func (s *Store) LoadUsers(dir string, limit int) ([]User, error) {
                data, err := os.ReadFile(filepath.Join(dir, "users.json"))
                if err != nil {
                    return nil, fmt.Errorf("load users: %w", err)
                }
                return decodeUsers(data, limit)
            }
            """
        let bullets = try summarize("go", name: "LoadUsers", signature: "func (s *Store) LoadUsers(dir string, limit int) ([]User, error)",
                                    body: body, type: "Store")
        #expect(bullets[0] == "Returns the result of decodeUsers.")
        #expect(bullets[1] == "Reads files; returns errors it creates.")
        #expect(bullets[2].contains("filepath.Join"))
    }

    @Test func typescript() throws {
        let body = """
            export async function saveUser(user: User, options?: SaveOptions): Promise<string> {
              const res = await fetch(`/api/users/${user.id}`, { method: "PUT" });
              if (!res.ok) throw new HttpError(res.status);
              console.log("saved", user.id);
              return validateResponse(await res.json());
            }
            """
        let bullets = try summarize("typescript", name: "saveUser", body: body)
        #expect(bullets[0] == "Returns the result of validateResponse.")
        #expect(bullets[1] == "Makes network requests and prints or logs output; throws HttpError.")
    }

    @Test func javaUsesTheDocAndTheReturnedCall() throws {
        let body = """
            public static List<String> readLines(Path file, Charset charset) throws IOException {
                List<String> lines = Files.readAllLines(file, charset);
                return normalize(lines);
            }
            """
        let bullets = try summarize("java", name: "readLines", signature: "public static List<String> readLines(Path file, Charset charset) throws IOException",
                                    body: body, doc: "/**\n * Reads every line of a file.\n * @param file the file\n */")
        #expect(bullets == ["Reads every line of a file.", "Returns the result of normalize.", "Reads files."])
    }

    @Test func cFunction() throws {
        let body = """
            static int copy_file(const char *src, const char *dst) {
                FILE *in = fopen(src, "rb");
                FILE *out = fopen(dst, "wb");
                if (!in || !out) { perror("open"); abort(); }
                size_t n = transfer_bytes(in, out);
                fclose(in); fclose(out);
                return (int)n;
            }
            """
        let bullets = try summarize("c", name: "copy_file", signature: "static int copy_file(const char *src, const char *dst)", body: body)
        #expect(bullets == ["Reads files and writes files; may abort the process.", "Calls transfer_bytes."])
    }

    @Test func ruby() throws {
        let body = """
            def deploy!(env, dry_run = false)
              raise ArgumentError, "unknown env" unless ENVIRONMENTS.include?(env)
              config = YAML.load_file("deploy/#{env}.yml")
              @last_env = env
              system("kubectl", "apply", "-f", config["manifest"]) unless dry_run
            end
            """
        let bullets = try summarize("ruby", name: "deploy!", signature: "def deploy!(env, dry_run = false)", body: body)
        #expect(bullets == ["Reads files and runs external processes; sets @last_env; raises ArgumentError."])
    }

    @Test func pythonDocstringInBodyIsUsedWhenNoDocIsGiven() throws {
        let body = """
            def area(radius):
                \"\"\"
                Return the area of a circle.
                \"\"\"
                return math.pi * radius ** 2
            """
        #expect(try summarize("python", name: "area", signature: "def area(radius):", body: body) == ["Return the area of a circle."])
    }

    @Test func attributesAndGlobalsItSets() throws {
        let body = """
            def __init__(self, host, port=80):
                global _instances
                self.host = host
                self.port = port
                self.timeout += 1
                if self.port == 0:
                    pass
                _instances += 1
            """
        let bullets = try summarize("python", name: "Client.__init__", signature: "def __init__(self, host, port=80):", body: body,
                                    kind: "initializer", type: "Client")
        #expect(bullets == ["Sets self.host, self.port and self.timeout; changes global _instances."])
    }

    @Test func returnedValuesAreNamed() {
        func phrases(_ code: String, _ family: LanguageFamily = .python) -> [String] { ReturnValues.phrases(in: code, family: family) }
        #expect(phrases("if x:\n    return True\nreturn a == b") == ["a boolean"])
        #expect(phrases("return self._merge(a,\n    b)\nreturn None") == ["the result of _merge", "None"])
        #expect(phrases("return os.path.join(a, b)") == ["the result of path.join"])
        #expect(phrases("return format_exception_only(a)[-1].strip()") == ["the result of format_exception_only.strip"])
        #expect(phrases("return \"\" % x") == ["a string"])
        #expect(phrases("return [x for x in y]\nreturn {}") == ["a list", "a dict"])
        #expect(phrases("return a, b") == ["a tuple"])
        #expect(phrases("return Response(body)") == ["a new Response"])
        #expect(phrases("return new Map();", .javascript) == ["a new Map"])
        #expect(phrases("return this;", .javascript) == ["itself"])
        #expect(phrases("return x") == [])                           // a one-letter local says nothing
        #expect(phrases("return a if c else b") == [])                // too involved to name
        #expect(phrases("return\nreturn None") == [])                // returns nothing
        #expect(phrases("returned = 1\nx.return(2)") == [])           // not the keyword
    }

    @Test func echoesOfTheNameAreNotWritten() throws {
        let echo = NameEcho(qualifiedName: "to_key_val_list")
        #expect(echo.isEcho("Converts to key val list."))
        #expect(NameEcho(qualifiedName: "createApplication").isEcho("Creates application."))
        #expect(NameEcho(qualifiedName: "View.render").isEcho("Renders."))
        #expect(NameEcho(qualifiedName: "Response.name").isEcho("Returns self._name."))
        #expect(!NameEcho(qualifiedName: "merge_environment_settings").isEcho("Returns the merged settings of request and session."))
        // A getter that returns its attribute and a doc sentence that restates the name: signature only.
        let body = "def name(self):\n    \"\"\"The name.\"\"\"\n    return self._name\n"
        #expect(try summarize("python", name: "Response.name", signature: "def name(self):", body: body) == [])
    }

    @Test func commentsAndStringsDoNotCountAsBehaviour() throws {
        let body = """
            def describe():
                # subprocess.run would be wrong here; requests.get too
                return "open(path) and os.system are mentioned only in text"
            """
        #expect(try summarize("python", name: "describe", signature: "def describe():", body: body) == ["Returns a string."])
    }

    @Test func recursionAndDatabaseInStrings() throws {
        let body = """
            def walk(node, cursor):
                cursor.execute("SELECT id FROM nodes WHERE parent = ?", (node,))
                for (child,) in cursor.fetchall():
                    walk(child, cursor)
            """
        let bullets = try summarize("python", name: "walk", signature: "def walk(node, cursor):", body: body)
        #expect(bullets == ["Queries a database.", "Calls itself recursively."])
    }

    @Test func nothingToSayIsSignatureOnly() throws {
        #expect(try summarize("python", name: "noop", signature: "def noop(self):", body: "def noop(self):\n    pass\n") == [])
        #expect(try summarize("go", name: "main", body: "func main() {\n}") == [])
        #expect(summarizer.summarize(ExtractiveInput(language: .python, qualifiedName: "f", signature: "", body: "")).signatureOnly)
    }

    @Test(arguments: [
        ("php", "", ""),
        ("cpp", "operator==", "bool operator==(const Point& a, const Point& b) const { return a.x == b.x; }"),
        ("javascript", "handler", "const handler = async (event, context) => {\n  await fetch(event.url)\n}"),
        ("python", "broken", "def broken(a, (b:\n    return ((("),
        ("swift", "init", "init?(rawValue: String) {\n    guard let v = Kind(rawValue) else { return nil }\n}"),
        ("go", "main", "func main() {\n\tgo serve()\n\tlog.Fatal(http.ListenAndServe(\":8080\", nil))\n}"),
        ("rust", "new", "pub fn new() -> Self { Self { items: vec![] } }"),
        ("kotlin", "sum", "fun sum(a: Int, b: Int): Int = a + b"),
        ("python", "émoji_naïve", "def émoji_naïve(ß):\n    return '😀' * ß"),
        ("c", "long_line", "int long_line(void) { return " + String(repeating: "1 + ", count: 2000) + "1; }"),
    ])
    func oddInputsGiveValidBulletsOrNone(_ language: String, _ name: String, _ body: String) throws {
        let bullets = try summarize(language, name: name, body: body)
        #expect(bullets.allSatisfy { SummaryParser.wordCount($0) <= 25 })
    }

    @Test func cppQualifiedDefinition() throws {
        let body = "std::vector<Token> Parser::parse(const std::string& src) {\n  if (src.empty()) throw std::invalid_argument(\"empty\");\n  return tokenize(src);\n}"
        let bullets = try summarize("cpp", name: "Parser::parse", signature: "std::vector<Token> Parser::parse(const std::string& src)", body: body)
        #expect(bullets == ["Returns the result of tokenize.", "Throws std::invalid_argument."])
    }
}
