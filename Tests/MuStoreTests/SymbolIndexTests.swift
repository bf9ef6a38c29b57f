import Foundation
import Testing
@testable import MuStore

@Suite("SymbolIndex: writing and query rules")
struct SymbolIndexTests {
    /// A small index: one Python file, one Rust file.
    static func populated(_ dir: TemporaryDirectory) async throws -> SymbolIndex {
        let index = SymbolIndex(database: try MuDatabase.temporary(in: dir))
        try await index.replaceFunctions(inFile: "src/http.py", with: [
            Fixture.function("request", path: "src/http.py", lines: 1...5),
            Fixture.function("Session.request", path: "src/http.py", lines: 10...20),
            Fixture.function("Outer.Session.request", path: "src/http.py", lines: 30...40),
            Fixture.function("Session.request_json", path: "src/http.py", lines: 41...45),
            Fixture.function("test_login", path: "src/http.py", lines: 50...52),
            Fixture.function("test_logout", path: "src/http.py", lines: 53...55),
            Fixture.function("TestCase.test_setup", path: "src/http.py", lines: 56...58),
            Fixture.function("RequestHandler.handle", path: "src/http.py", lines: 60...70),
            Fixture.function("Handler.handle", path: "src/http.py", lines: 71...80),
        ], commit: "c1")
        try await index.replaceFunctions(inFile: "src/lib.rs", with: [
            FunctionRecord(path: "src/lib.rs", language: "rust", name: "method", qualifiedName: "outer::Type::method",
                           kind: "method", signature: "fn method(&self)", startLine: 3, endLine: 9, bodyHash: "r1"),
        ], commit: "c1")
        return index
    }

    @Test func exactNameRanksTopLevelFirst() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = try await Self.populated(dir)
        let matches = try await index.query("request")
        #expect(matches.map(\.function.qualifiedName) == ["request", "Session.request", "Outer.Session.request"])
        #expect(matches.allSatisfy { $0.kind == .exactName })
    }

    @Test func qualifiedNameBeforeSuffix() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = try await Self.populated(dir)
        let matches = try await index.query("Session.request")
        #expect(matches.map(\.function.qualifiedName) == ["Session.request", "Outer.Session.request"])
        #expect(matches.map(\.kind) == [.qualifiedName, .suffix])
        // Rust-style separators.
        let rust = try await index.query("Type::method")
        #expect(rust.map(\.function.qualifiedName) == ["outer::Type::method"])
        #expect(rust.map(\.kind) == [.suffix])
    }

    @Test func globMatchesNamesAndQualifiedNames() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = try await Self.populated(dir)
        #expect(try await index.query("test_*").map(\.function.qualifiedName)
                == ["test_login", "test_logout", "TestCase.test_setup"])
        #expect(try await index.query("*Handler.handle").map(\.function.qualifiedName)
                == ["Handler.handle", "RequestHandler.handle"])
        #expect(try await index.query("test_log?ut").map(\.function.qualifiedName) == ["test_logout"])
        #expect(try await index.query("test_*").allSatisfy { $0.kind == .glob })
    }

    @Test func limitCutsAfterRanking() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = try await Self.populated(dir)
        #expect(try await index.query("request", limit: 2).map(\.function.qualifiedName) == ["request", "Session.request"])
        #expect(try await index.query("Session.request", limit: 1).map(\.kind) == [.qualifiedName])
        #expect(try await index.query("test_*", limit: 1).count == 1)
        #expect(try await index.query("request", limit: 0).isEmpty)
    }

    @Test func caseInsensitiveOnlyAsALastResort() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = try await Self.populated(dir)
        let matches = try await index.query("session.REQUEST")
        #expect(matches.map(\.function.qualifiedName) == ["Session.request"])
        #expect(matches.map(\.kind) == [.caseInsensitive])
        // By name, in every scope (the candidates come from the search index's qualified names).
        let byName = try await index.query("REQUEST")
        #expect(byName.map(\.function.qualifiedName) == ["request", "Session.request", "Outer.Session.request"])
        #expect(byName.allSatisfy { $0.kind == .caseInsensitive })
        #expect(try await index.query("outer::type::METHOD").map(\.function.qualifiedName) == ["outer::Type::method"])
        // Nothing, with words and without.
        #expect(try await index.query("no_such_function").isEmpty)
        #expect(try await index.query("+++").isEmpty)
    }

    @Test(arguments: ["x' OR 1=1 --", "test%", "test_", "\"", "'; DROP TABLE functions; --", "request)"])
    func metacharactersAreText(symbol: String) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = try await Self.populated(dir)
        #expect(try await index.query(symbol).isEmpty)
        #expect(try await index.counts().functions == 10)
    }

    @Test func replacingAFileKeepsOtherFiles() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = try await Self.populated(dir)
        let rustBefore = try await index.functions(inPath: "src/lib.rs")
        try await index.replaceFunctions(inFile: "src/http.py", with: [
            Fixture.function("fetch", path: "src/http.py", lines: 1...4),
        ], commit: "c2")
        #expect(try await index.functions(inPath: "src/http.py").map(\.qualifiedName) == ["fetch"])
        #expect(try await index.functions(inPath: "src/lib.rs") == rustBefore)
        #expect(try await index.query("Session.request").isEmpty)
        #expect(try await index.search("Session").isEmpty)
        #expect(try await index.counts().functions == 2)
    }

    @Test func removedFilesLoseFunctionsSearchRowsAndState() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = try await Self.populated(dir)
        let files = FileStateCache(database: index.database)
        try await files.upsert(FileState(path: "src/http.py", size: 1, mtimeNs: 1, inode: 1))
        try await files.upsert(FileState(path: "src/lib.rs", size: 1, mtimeNs: 1, inode: 1))

        try await index.removeFiles(["src/http.py"])
        #expect(try await index.functions(inPath: "src/http.py").isEmpty)
        #expect(try await index.indexedPaths() == ["src/lib.rs"])
        #expect(try await index.search("request").isEmpty)
        #expect(try await files.allPaths() == ["src/lib.rs"])
        #expect(try await index.query("method").count == 1)
    }

    @Test func functionAtLineIsTheInnermost() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = SymbolIndex(database: try MuDatabase.temporary(in: dir))
        try await index.replaceFunctions(inFile: "m.py", with: [
            Fixture.function("Outer", path: "m.py", lines: 1...50),
            Fixture.function("Outer.method", path: "m.py", lines: 10...30),
            Fixture.function("Outer.method.inner", path: "m.py", lines: 15...20),
            Fixture.function("other", path: "m.py", lines: 60...70),
        ], commit: nil)
        #expect(try await index.function(at: "m.py", line: 17)?.qualifiedName == "Outer.method.inner")
        #expect(try await index.function(at: "m.py", line: 15)?.qualifiedName == "Outer.method.inner")
        #expect(try await index.function(at: "m.py", line: 25)?.qualifiedName == "Outer.method")
        #expect(try await index.function(at: "m.py", line: 5)?.qualifiedName == "Outer")
        #expect(try await index.function(at: "m.py", line: 55) == nil)
        #expect(try await index.function(at: "other.py", line: 17) == nil)
        #expect(try await index.functions(inPath: "m.py").map(\.qualifiedName)
                == ["Outer", "Outer.method", "Outer.method.inner", "other"])
    }

    @Test func summaryKeysAndCounts() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let database = try MuDatabase.temporary(in: dir)
        let index = SymbolIndex(database: database)
        let cache = SummaryCache(database: database)
        let stored = try await index.replaceFunctions(inFile: "a.py", with: [
            Fixture.function("one", path: "a.py", lines: 1...2),
            Fixture.function("two", path: "a.py", lines: 3...4),
            Fixture.function("three", path: "a.py", lines: 5...6),
        ], commit: "c")
        #expect(try await index.counts() == IndexCounts(functions: 3, withSummary: 0, filesWithFunctions: 1, files: 0))

        // Key set before the summary arrives: searchable once stored.
        try await index.setSummaryKey("k1", forFunction: stored[0].id)
        #expect(try await index.search("frobnicates").isEmpty)
        try await cache.store(Fixture.summary("k1", bullets: ["Frobnicates the widget."]))
        #expect(try await index.search("frobnicates").map(\.function.qualifiedName) == ["one"])

        // Summary stored first, then the key.
        try await cache.store(Fixture.summary("k2", bullets: ["Defrobnicates it again."]))
        try await index.setSummaryKeys([stored[1].id: "k2", 999_999: "k2"])   // unknown ids are ignored
        #expect(try await index.search("defrobnicates").map(\.function.qualifiedName) == ["two"])

        let counts = try await index.counts()
        #expect(counts.withSummary == 2 && counts.withoutSummary == 1)
        #expect(try await index.functionsWithoutSummary().map(\.qualifiedName) == ["three"])
        #expect(try await index.functionsWithoutSummary(limit: 1).map(\.qualifiedName) == ["three"])
        #expect(try await index.functionsWithoutSummary(afterID: stored[2].id).isEmpty)
        #expect(try await index.functions(inPath: "a.py").first?.summary?.bullets == ["Frobnicates the widget."])

        // Clearing a key removes the summary from search.
        try await index.setSummaryKey(nil, forFunction: stored[0].id)
        #expect(try await index.search("frobnicates").isEmpty)
    }

    @Test func pagingVisitsEveryFunctionOnce() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = try await Self.populated(dir)
        var seen: [String] = []
        var after: Int64 = 0
        while true {
            let page = try await index.functions(afterID: after, limit: 3)
            guard let last = page.last else { break }
            seen += page.map(\.qualifiedName)
            after = last.id
        }
        #expect(seen.count == 10)
        #expect(Set(seen).count == 10)
    }

    @Test func lastIndexedCommitRoundTrips() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = SymbolIndex(database: try MuDatabase.temporary(in: dir))
        #expect(try await index.lastIndexedCommit() == nil)
        try await index.setLastIndexedCommit("0123abcd")
        #expect(try await index.lastIndexedCommit() == "0123abcd")
        try await index.setLastIndexedCommit(nil)
        #expect(try await index.lastIndexedCommit() == nil)
    }
}

@Suite("SymbolIndex: unusual names")
struct SymbolIndexUnusualNameTests {
    @Test func suffixFoundEvenWhenTheNameIsNotTheLastComponent() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = SymbolIndex(database: try MuDatabase.temporary(in: dir))
        try await index.replaceFunctions(inFile: "ui.js", with: [
            Fixture.function("App.onClick", path: "ui.js", lines: 1...3, name: "<anonymous>"),
            Fixture.function("Widget#render", path: "ui.js", lines: 4...9, name: "render"),
        ], commit: nil)
        let matches = try await index.query("onClick")
        #expect(matches.map(\.function.qualifiedName) == ["App.onClick"])
        #expect(matches.map(\.kind) == [.suffix])
        #expect(try await index.query("Widget#render").map(\.kind) == [.qualifiedName])
        #expect(try await index.query("render").map(\.kind) == [.exactName])
    }
}

@Suite("RollupIndex: current until the functions change")
struct RollupCurrencyTests {
    @Test func everyWriteToFunctionsOrTheirSummariesMakesRollupsStale() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = try await SymbolIndexTests.populated(dir)
        let rollups = RollupIndex(database: index.database)
        #expect(try await rollups.isCurrent(for: "v1") == false)

        try await rollups.markCurrent("v1")
        #expect(try await rollups.isCurrent(for: "v1"))
        #expect(try await rollups.isCurrent(for: "v2") == false)
        _ = try await index.query("request")   // reading changes nothing
        #expect(try await rollups.isCurrent(for: "v1"))

        try await index.replaceFunctions(inFile: "src/new.py", with: [
            Fixture.function("fresh", path: "src/new.py", lines: 1...3),
        ], commit: "c2")
        #expect(try await rollups.isCurrent(for: "v1") == false)

        try await rollups.markCurrent("v1")
        let id = try #require(try await index.functions(inPath: "src/new.py").first?.id)
        try await index.setSummaryKeys([id: "k1"])
        #expect(try await rollups.isCurrent(for: "v1") == false)

        try await rollups.markCurrent("v1")
        try await index.removeFiles(["src/new.py"])
        #expect(try await rollups.isCurrent(for: "v1") == false)

        try await rollups.markCurrent("v1")
        try await rollups.markCurrent(nil)
        #expect(try await rollups.isCurrent(for: "v1") == false)
    }
}
