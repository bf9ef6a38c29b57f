import Foundation
import MuCore
import MuSource
import MuTestSupport
import Testing

/// What the tree-sitter extractor reports beyond spans: doc comments, docstrings, calls, error
/// recovery, a missing grammar, and the same result however many tasks parse.
@Suite struct TreeSitterExtractorTests {
    func units(_ files: [String: String]) async throws -> [String: FunctionUnit] {
        let repo = try TempGitRepository()
        for (name, text) in files { try repo.write(name, Data(text.utf8)) }
        try repo.commitAll()
        let sources = files.keys.sorted().compactMap { name in Language.detect(fileName: name).map { SourceFile(path: name, language: $0) } }
        let batch = try await TreeSitterExtractor().extract(sources, root: repo.root)
        return Dictionary(batch.files.flatMap(\.units).map { ($0.qualifiedName, $0) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func docCommentsAboveAndDocstrings() async throws {
        let u = try await units([
            "a.go": "package a\n\n// Handle serves one request.\n// It never panics.\nfunc Handle() {\n}\n\nx := 1 // trailing\nfunc Bare() {}\n",
            "b.rs": "/// Adds one.\n#[inline]\nfn add(x: i32) -> i32 { x + 1 }\n",
            "c.py": "# Not the doc: a blank line follows.\n\ndef f():\n    \"\"\"Returns one.\"\"\"\n    return 1\n",
            "d.ts": "/** Checks a node. */\nnode.impl.check = (x: number) => x > 0;\n",
        ])
        #expect(u["Handle"]?.docComment == "// Handle serves one request.\n// It never panics.")
        #expect(u["Bare"]?.docComment == nil)
        #expect(u["add"]?.docComment == "/// Adds one.")
        #expect(u["add"]?.startLine == 2)
        #expect(u["f"]?.docComment == nil) // the docstring stays in the body, where the summarizers read it
        #expect(u["f"]?.body.contains("Returns one.") == true)
        #expect(u["node.impl.check"]?.docComment == "/** Checks a node. */")
    }

    @Test func callsPerUnitNotCountingNestedNamedFunctions() async throws {
        let u = try await units([
            "a.js": "function outer(a) {\n  a.b.c(1);\n  helper();\n  function inner() { hidden(); }\n  items.forEach(x => visit(x));\n}\n",
            "b.py": "class K:\n    def m(self):\n        self.save(len(x))\n",
            "c.java": "class C { void run() { System.out.println(make()); new Thread().start(); } }\n",
            "d.rb": "def go(x)\n  x.each { |i| puts(i) }\nend\n",
            "e.go": "package e\nfunc F() { fmt.Println(strings.TrimSpace(s)) }\n",
        ])
        #expect(u["outer"]?.calls.map(\.name) == ["c", "helper", "forEach", "visit"])
        #expect(u["outer"]?.calls.map(\.line) == [2, 3, 5, 5])
        #expect(u["outer.inner"]?.calls.map(\.name) == ["hidden"])
        #expect(u["K.m"]?.calls.map(\.name) == ["save", "len"])
        #expect(u["C.run"]?.calls.map(\.name) == ["println", "make", "start"])
        #expect(u["go"]?.calls.map(\.name) == ["each", "puts"])
        #expect(u["F"]?.calls.map(\.name) == ["Println", "TrimSpace"])
    }

    @Test func bodilessDeclarationsAreNotUnits() async throws {
        let u = try await units([
            "a.c": "int proto(int x);\nint real(int x) { return x; }\n",
            "b.ts": "function p(a: string): void;\nfunction p(a: any) {}\ninterface I { m(): void; }\n",
            "c.kt": "interface I { fun m(): Int\n fun d() = 1 }\n",
            "d.php": "<?php\nabstract class A { abstract function f(); function g() { return 1; } }\n",
            "e.cs": "abstract class A { public abstract void F(); public int P { get { return 1; } } }\n",
        ])
        #expect(Set(u.keys) == ["real", "p", "I.d", "A.g", "A.P.get"])
        #expect(u["A.P.get"]?.kind == .getter)
    }

    @Test func missingGrammarIsOneErrorNamingSetup() async throws {
        let repo = try TempGitRepository()
        try repo.write("a.ts", Data("function f() {}\n".utf8))
        try repo.commitAll()
        let extractor = TreeSitterExtractor(environment: ["MU_TREE_SITTER_LANGUAGES": "/nonexistent/languages.so"])
        await #expect(throws: ExtractionError.self) {
            _ = try await extractor.extract([SourceFile(path: "a.ts", language: .typescript)], root: repo.root)
        }
        do {
            _ = try await extractor.extract([SourceFile(path: "a.ts", language: .typescript)], root: repo.root)
        } catch {
            #expect("\(error)".contains("make setup"))
        }
        // Linked grammars need no library.
        let python = try await extractor.extract([], root: repo.root)
        #expect(python.files.isEmpty)
    }

    @Test func sameUnitsWhateverTheConcurrency() async throws {
        let repo = try TempGitRepository()
        var files: [SourceFile] = []
        for i in 0..<40 {
            let name = "m\(i).py"
            try repo.write(name, Data("def f\(i)(x):\n    return g(x)\n\nclass C\(i):\n    def m(self): pass\n".utf8))
            files.append(SourceFile(path: name, language: .python))
        }
        try repo.commitAll()
        let one = try await TreeSitterExtractor(concurrency: 1).extract(files, root: repo.root)
        let many = try await TreeSitterExtractor(concurrency: 4).extract(files, root: repo.root)
        let a = one.files.flatMap(\.units).sorted { ($0.path, $0.startLine) < ($1.path, $1.startLine) }
        let b = many.files.flatMap(\.units).sorted { ($0.path, $0.startLine) < ($1.path, $1.startLine) }
        #expect(a.count == 80)
        #expect(a == b)
    }
}
