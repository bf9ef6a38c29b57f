import Foundation
import Testing
@testable import MuStore

@Suite("SymbolIndex.search: FTS5 ranking and escaping")
struct SearchTests {
    static func populated(_ dir: TemporaryDirectory) async throws -> SymbolIndex {
        let database = try MuDatabase.temporary(in: dir)
        let cache = SummaryCache(database: database)
        // Same length (12 words each) so only the term frequency differs.
        try await cache.store(Fixture.summary("twice", bullets: [
            "Calls the server with retry backoff and again retry backoff on failure.",
        ]))
        try await cache.store(Fixture.summary("once", bullets: [
            "Calls the server with retry backoff and then gives up on failure.",
        ]))
        try await cache.store(Fixture.summary("other", bullets: ["Parses a configuration file into settings."]))
        let index = SymbolIndex(database: database)
        try await index.replaceFunctions(inFile: "net/client.py", with: [
            Fixture.function("Client.fetch_once", path: "net/client.py", lines: 1...9, summaryKey: "once"),
            Fixture.function("Client.fetch_twice", path: "net/client.py", lines: 10...19, summaryKey: "twice"),
        ], commit: nil)
        try await index.replaceFunctions(inFile: "conf/load.py", with: [
            Fixture.function("load_config", path: "conf/load.py", lines: 1...9, summaryKey: "other"),
            Fixture.function("retryWithJitter", path: "conf/load.py", lines: 10...12),
        ], commit: nil)
        return index
    }

    @Test func moreMentionsRankHigher() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = try await Self.populated(dir)
        let hits = try await index.search("retry backoff")
        #expect(hits.map(\.function.qualifiedName) == ["Client.fetch_twice", "Client.fetch_once"])
        #expect(hits[0].score < hits[1].score)
        #expect(hits[0].snippet.contains("[retry]") && hits[0].snippet.contains("[backoff]"))
        #expect(hits[0].function.summary?.key == "twice")
    }

    @Test func aSummaryMatchOutranksANameEchoAndTestsRankBelowLibraryCode() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let database = try MuDatabase.temporary(in: dir)
        let cache = SummaryCache(database: database)
        try await cache.store(Fixture.summary("real", bullets: ["Compresses the data with zlib and writes a gzip header."]))
        try await cache.store(Fixture.summary("echo", bullets: ["Calls helper."]))
        try await cache.store(Fixture.summary("test", bullets: ["Compresses the data with zlib and writes a gzip header."]))
        let index = SymbolIndex(database: database)
        try await index.replaceFunctions(inFile: "gzip_tools.py", with: [
            Fixture.function("compress_data", path: "gzip_tools.py", lines: 1...5, summaryKey: "echo"),
            Fixture.function("GzipFile.write_member", path: "gzip_tools.py", lines: 6...20, summaryKey: "real"),
        ], commit: nil)
        try await index.replaceFunctions(inFile: "tests/test_gzip.py", with: [
            Fixture.function("TestGzip.write_member", path: "tests/test_gzip.py", lines: 1...20, summaryKey: "test"),
        ], commit: nil)
        // "compress data": the function whose summary says so beats the one only named so.
        let hits = try await index.search("compress data")
        #expect(hits.map(\.function.qualifiedName) == ["GzipFile.write_member", "compress_data", "TestGzip.write_member"])
        // The same summary in a test file ranks below library code, unless the query asks for tests.
        let asked = try await index.search("compress data test")
        #expect(asked.first?.function.qualifiedName == "TestGzip.write_member")
        #expect(SearchRanking.queryNamesTests("gzip tests") && !SearchRanking.queryNamesTests("attest contest"))
    }

    @Test func porterStemmingAndPathsAndSplitNames() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = try await Self.populated(dir)
        #expect(try await index.search("parsing configurations").map(\.function.qualifiedName) == ["load_config"])
        #expect(Set(try await index.search("conf").map(\.function.qualifiedName)) == ["load_config", "retryWithJitter"])
        #expect(try await index.search("with jitter").map(\.function.qualifiedName) == ["retryWithJitter"])
    }

    @Test func fallsBackToAnyWordWhenAllWordsFindNothing() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = try await Self.populated(dir)
        let hits = try await index.search("backoff zebra")
        #expect(hits.map(\.function.qualifiedName) == ["Client.fetch_twice", "Client.fetch_once"])
        #expect(try await index.search("zebra unicorn").isEmpty)
    }

    @Test(arguments: [
        "\"", "\"retry", "retry\"", "*", "retry*", "-", "-retry", "retry -backoff", "NEAR", "NEAR(retry backoff)",
        "(", ")", "(retry", "retry AND", "OR", "NOT retry", "AND OR NOT", "path:net", "net/client.py", "^retry",
        "{retry}", "retry + backoff", "'", "\\", "\u{0}", "",
    ])
    func userTextNeverBreaksTheQuery(text: String) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = try await Self.populated(dir)
        _ = try await index.search(text)
    }

    @Test func operatorsAreMatchedAsWords() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = try await Self.populated(dir)
        // `-backoff` is the word backoff, not an exclusion; `retry*` is not a prefix query.
        #expect(try await index.search("retry -backoff").count == 2)
        #expect(try await index.search("\"retry\"").count == 3)   // the quoted word, in names too
        #expect(try await index.search("retr*").isEmpty)
        #expect(try await index.search("NEAR(retry backoff)").count == 2)
        #expect(try await index.search("net/client.py").count == 2)
    }

    @Test func limitAndHighlightMarkers() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = try await Self.populated(dir)
        let hits = try await index.search("server", limit: 1, highlight: ("<b>", "</b>"))
        #expect(hits.count == 1)
        #expect(hits[0].snippet.contains("<b>server</b>"))
        #expect(try await index.search("server", limit: 0).isEmpty)
    }

    @Test func queryParsingDropsPunctuationOnlyTokens() {
        #expect(FTSQuery("- * ( ) \"").isEmpty)
        #expect(FTSQuery("a\"b NEAR").phrases == ["\"a\"\"b\"", "\"NEAR\""])
        #expect(FTSQuery("retry Retry retry").phrases == ["\"retry\""])
        #expect(FTSQuery("x y").allTerms == "\"x\" \"y\"")
        #expect(FTSQuery("x y").anyTerm == "\"x\" OR \"y\"")
        #expect(SearchText.words(of: "Session.retryWithBackoff") == "Session retry With Backoff")
        #expect(SearchText.words(of: "HTTPServer2go") == "HTTP Server 2 go")
    }

    /// A first run writes one FTS5 segment per file's transaction; compacting merges them into one
    /// (fewer rows in the index's data table) and every search answers exactly as before.
    @Test func compactingTheSearchIndexChangesNoAnswer() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let database = try MuDatabase.temporary(in: dir)
        let index = SymbolIndex(database: database)
        for file in 0..<40 {
            try await index.replaceFunctions(inFile: "src/m\(file).py", with: (0..<5).map { i in
                Fixture.function("Module\(file).parse_url_\(i)", path: "src/m\(file).py", lines: (i * 5 + 1)...(i * 5 + 4))
            }, commit: nil)
        }
        func dataRows() async throws -> Int {
            try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM functions_fts_data") ?? 0 }
        }
        let queries = ["parse url", "Module7", "url", "nothing here"]
        var before: [[String]] = []
        for query in queries { before.append(try await index.search(query, limit: 500).map(\.function.qualifiedName)) }
        let rowsBefore = try await dataRows()
        try await index.compactSearchIndex()
        #expect(try await dataRows() < rowsBefore)
        for (query, hits) in zip(queries, before) {
            #expect(try await index.search(query, limit: 500).map(\.function.qualifiedName) == hits)
        }
        #expect(before[0].count == 200)
    }
}
