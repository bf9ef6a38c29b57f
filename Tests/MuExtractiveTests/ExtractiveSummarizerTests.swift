import Testing
import MuCore
@testable import MuExtractive
@testable import MuSummaryText

@Suite struct ExtractiveSummarizerTests {
    let summarizer = ExtractiveSummarizer()
    let parser = SummaryParser()

    func summarize(_ language: String, name: String, signature: String = "", body: String, doc: String? = nil,
                   kind: String = "function", type: String? = nil) throws -> [String] {
        let request = ExtractiveInput(language: try #require(Language(rawValue: language)), name: name, qualifiedName: name,
                                      kind: try #require(FunctionKind(rawValue: kind)), signature: signature, body: body,
                                      docComment: doc, enclosingType: type)
        let bullets = summarizer.summarize(request).bullets
        // Extractive summaries must pass the same validation as model replies.
        let reparsed = try parser.parse(bullets.map { "- \($0)" }.joined(separator: "\n"), body: body)
        #expect(reparsed == bullets)
        #expect((1...3).contains(bullets.count))
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
        #expect(bullets[0] == "Download the report named in path.")
        #expect(bullets[1] == "Takes path, timeout and retries; returns Report.")
        #expect(bullets[2].lowercased().contains("reads files"))
        #expect(bullets[2].lowercased().contains("makes network requests"))
        #expect(bullets[2].contains("raises ReportError"))
        #expect(bullets[2].lowercased().contains("parse_report"))
    }

    @Test func swift() throws {
        let body = """
            /// Not used: the doc comment is passed separately.
            @discardableResult
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
        #expect(bullets[0] == "Uploads data to the given endpoint.")
        #expect(bullets[1] == "Takes data and endpoint; returns Int; async, can throw.")
        #expect(bullets[2].lowercased().contains("makes network requests"))
        #expect(bullets[2].contains("throws UploadError"))
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
        #expect(bullets[0] == "Loads users.")
        #expect(bullets[1] == "Takes dir and limit; returns ([]User, error); reports failure through its error result.")
        #expect(bullets[2].lowercased().contains("reads files"))
        #expect(bullets[2].contains("decodeUsers"))
    }

    @Test func rust() throws {
        let body = """
            pub fn read_config(path: &Path) -> Result<Config, io::Error> {
                let text = fs::read_to_string(path)?;
                let config = toml::from_str(&text).expect("valid toml");
                Ok(config)
            }
            """
        let bullets = try summarize("rust", name: "read_config", signature: "pub fn read_config(path: &Path) -> Result<Config, io::Error>", body: body)
        #expect(bullets[0] == "Reads config.")
        #expect(bullets[1] == "Takes path; returns Result<Config, io::Error>; reports failure through its Result.")
        #expect(bullets[2].lowercased().contains("reads files"))
        #expect(bullets[2].lowercased().contains("may panic"))
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
        let bullets = try summarize("typescript", name: "saveUser", signature: "export async function saveUser(user: User, options?: SaveOptions): Promise<string>", body: body)
        #expect(bullets[0] == "Saves user.")
        #expect(bullets[1] == "Takes user and options; returns Promise<string>; async.")
        #expect(bullets[2].lowercased().contains("makes network requests"))
        #expect(bullets[2].lowercased().contains("prints or logs output"))
        #expect(bullets[2].contains("throws HttpError"))
    }

    @Test func java() throws {
        let body = """
            public static List<String> readLines(Path file, Charset charset) throws IOException {
                List<String> lines = Files.readAllLines(file, charset);
                return normalize(lines);
            }
            """
        let bullets = try summarize("java", name: "readLines", signature: "public static List<String> readLines(Path file, Charset charset) throws IOException",
                                    body: body, doc: "/**\n * Reads every line of a file.\n * @param file the file\n */")
        #expect(bullets[0] == "Reads every line of a file.")
        #expect(bullets[1] == "Takes file and charset; returns List<String>; throws IOException.")
        #expect(bullets[2].lowercased().contains("reads files"))
        #expect(bullets[2].lowercased().contains("normalize"))
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
        #expect(bullets[0] == "Copies file.")
        #expect(bullets[1] == "Takes src and dst; returns int.")
        #expect(bullets[2].lowercased().contains("reads files"))
        #expect(bullets[2].lowercased().contains("writes files"))
        #expect(bullets[2].lowercased().contains("may abort the process"))
        #expect(bullets[2].lowercased().contains("transfer_bytes"))
    }

    @Test func ruby() throws {
        let body = """
            def deploy!(env, dry_run = false)
              raise ArgumentError, "unknown env" unless ENVIRONMENTS.include?(env)
              config = YAML.load_file("deploy/#{env}.yml")
              system("kubectl", "apply", "-f", config["manifest"]) unless dry_run
            end
            """
        let bullets = try summarize("ruby", name: "deploy!", signature: "def deploy!(env, dry_run = false)", body: body)
        #expect(bullets[1] == "Takes env and dry_run.")
        #expect(bullets[2].lowercased().contains("runs external processes"))
        #expect(bullets[2].lowercased().contains("reads files"))
        #expect(bullets[2].contains("raises ArgumentError"))
    }

    @Test func pythonDocstringInBodyIsUsedWhenNoDocIsGiven() throws {
        let body = """
            def area(radius):
                \"\"\"
                Return the area of a circle.
                \"\"\"
                return math.pi * radius ** 2
            """
        let bullets = try summarize("python", name: "area", signature: "def area(radius):", body: body)
        #expect(bullets[0] == "Return the area of a circle.")
        #expect(bullets[1] == "Takes radius.")
    }

    @Test func namesAndKindsBecomePhrases() {
        #expect(IdentifierPhrase.purpose(name: "parseHTTPResponse", kind: "method", enclosingType: nil) == "Parses http response.")
        #expect(IdentifierPhrase.purpose(name: "is_valid_email", kind: "function", enclosingType: nil) == "Checks whether valid email.")
        #expect(IdentifierPhrase.purpose(name: "test_login_fails", kind: "function", enclosingType: nil) == "Tests login fails.")
        #expect(IdentifierPhrase.purpose(name: "__init__", kind: "method", enclosingType: "Session") == "Initializes a new Session instance.")
        #expect(IdentifierPhrase.purpose(name: "fetchAll", kind: "function", enclosingType: nil) == "Fetches all.")
        #expect(IdentifierPhrase.purpose(name: "widget", kind: "function", enclosingType: nil) == "Implements widget.")
    }

    @Test func commentsAndStringsDoNotCountAsBehaviour() throws {
        let body = """
            def describe():
                # subprocess.run would be wrong here; requests.get too
                return "open(path) and os.system are mentioned only in text"
            """
        let bullets = try summarize("python", name: "describe", signature: "def describe():", body: body)
        #expect(bullets == ["Implements describe."])
    }

    @Test func recursionAndDatabaseInStrings() throws {
        let body = """
            def walk(node, cursor):
                cursor.execute("SELECT id FROM nodes WHERE parent = ?", (node,))
                for (child,) in cursor.fetchall():
                    walk(child, cursor)
            """
        let bullets = try summarize("python", name: "walk", signature: "def walk(node, cursor):", body: body)
        #expect(bullets[2].lowercased().contains("queries a database"))
        #expect(bullets[2].lowercased().contains("calls itself recursively"))
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
    func oddInputsStillGiveValidBullets(_ language: String, _ name: String, _ body: String) throws {
        let bullets = try summarize(language, name: name, body: body)
        #expect(!bullets.isEmpty)
        #expect(bullets.allSatisfy { SummaryParser.wordCount($0) <= 25 })
    }

    @Test func cppQualifiedDefinitionAndOperators() throws {
        let body = "std::vector<Token> Parser::parse(const std::string& src) {\n  if (src.empty()) throw std::invalid_argument(\"empty\");\n  return tokenize(src);\n}"
        let bullets = try summarize("cpp", name: "Parser::parse", signature: "std::vector<Token> Parser::parse(const std::string& src)", body: body)
        #expect(bullets == ["Parses.", "Takes src; returns std::vector<Token>.", "Throws std::invalid_argument; calls tokenize."])
        #expect(IdentifierPhrase.purpose(name: "operator==", kind: "function", enclosingType: "Point") == "Defines the == operator for Point.")
    }

    @Test func nameOnlyOrAnonymous() throws {
        #expect(IdentifierPhrase.purpose(name: "", kind: "closure", enclosingType: nil) == "Anonymous closure.")
        let bullets = try summarize("go", name: "main", body: "func main() {\n\tgo serve()\n}")
        #expect(bullets[0] == "Program entry point.")
        #expect(bullets.last?.lowercased().contains("starts concurrent work") == true)
    }
}
