import Foundation
import GRDB
import Testing
@testable import MuStore

/// Schema 4 (`v4-summary-provenance`): latency and prompt-cache tokens on `summaries`, in the main
/// database and in a separate summaries file; rows written by older builds survive with zeros.
@Suite("Summary provenance columns: migration and round trip")
struct SummaryProvenanceMigrationTests {
    /// A database file exactly as a schema-3 build left it: migrations up to `v3-rollups`, one
    /// summary and one function written with the old column list.
    static func makeVersion3Database(at path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: path)
        try MuSchema.migrator.migrate(queue, upTo: RollupsSchema.migrationName)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO summaries (key, body_hash, prompt_version, model, params, bullets, input_tokens,
                                       output_tokens, cost_usd, provider, truncated, created_at, last_used_at)
                VALUES ('old-key', 'old-hash', 'p3', 'claude-haiku-4-5', 'temperature=0.2', '["Parses the file."]',
                        120, 30, 0.0025, 'anthropic', 0, '2026-11-01 10:00:00.000', '2026-11-02 10:00:00.000')
                """)
            try db.execute(sql: """
                INSERT INTO functions (path, language, name, qualified_name, kind, signature, start_line, end_line,
                                       body_hash, summary_key, indexed_commit)
                VALUES ('src/a.py', 'python', 'parse', 'parse', 'function', 'def parse()', 1, 4, 'old-hash',
                        'old-key', 'abc')
                """)
        }
        try queue.close()
    }

    @Test func aVersion3DatabaseMigratesAndKeepsItsRows() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path(".mu/mu.db")
        try Self.makeVersion3Database(at: path)
        let before = try DatabaseQueue(path: path)
        #expect(try await before.read { try String.fetchOne($0, sql: "SELECT value FROM meta WHERE key = 'schema_version'") } == "3")
        #expect(try await before.read { try $0.columns(in: "summaries").map(\.name) }.contains("latency_ms") == false)
        try before.close()

        let database = try MuDatabase(path: path)
        #expect(try await database.metaValue("schema_version") == String(MuDatabase.schemaVersion))
        #expect(try await database.metaValue("cache_schema_version") == "2")
        let columns = try await database.pool.read { try $0.columns(in: "summaries") }
        for name in SummaryProvenanceSchema.columns {
            let column = try #require(columns.first { $0.name == name })
            #expect(column.type.uppercased() == "INTEGER" && column.isNotNull && column.defaultValueSQL == "0")
        }
        guard case .disk(let summary) = try await SummaryCache(database: database).lookup("old-key") else {
            Issue.record("the old summary did not survive the migration")
            return
        }
        #expect(summary.bullets == ["Parses the file."])
        #expect(summary.inputTokens == 120 && summary.outputTokens == 30 && summary.costUSD == 0.0025)
        #expect(summary.provider == "anthropic" && summary.model == "claude-haiku-4-5")
        #expect(summary.latencyMS == 0 && summary.cacheReadTokens == 0 && summary.cacheWriteTokens == 0)
        let functions = try await SymbolIndex(database: database).functions(inPath: "src/a.py")
        #expect(functions.map(\.qualifiedName) == ["parse"])
        #expect(functions.first?.summary?.key == "old-key")
        #expect(functions.first?.summary?.latencyMS == 0)
        try database.close()
    }

    @Test func provenanceRoundTripsThroughDiskAndIndexReads() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        var summary = Fixture.summary("k1")
        summary.latencyMS = 1234
        summary.cacheReadTokens = 800
        summary.cacheWriteTokens = 64
        do {
            let database = try MuDatabase.temporary(in: dir)
            try await SummaryCache(database: database).store(summary)
            try await SymbolIndex(database: database).replaceFunctions(
                inFile: "src/a.py", with: [Fixture.function("f", summaryKey: "k1")], commit: "abc")
            try database.close()
        }
        let reopened = try MuDatabase.temporary(in: dir)
        guard case .disk(let found) = try await SummaryCache(database: reopened).lookup("k1") else {
            Issue.record("no disk hit")
            return
        }
        #expect(found.latencyMS == 1234 && found.cacheReadTokens == 800 && found.cacheWriteTokens == 64)
        let indexed = try await SymbolIndex(database: reopened).functions(inPath: "src/a.py").first?.summary
        #expect(indexed?.latencyMS == 1234 && indexed?.cacheReadTokens == 800 && indexed?.cacheWriteTokens == 64)
        let paged = try await SummaryCache(database: reopened).summaries(afterKey: "", limit: 10)
        #expect(paged.map(\.cacheWriteTokens) == [64])
    }

    @Test func negativeProvenanceIsRefused() async throws {
        var summary = Fixture.summary("k1")
        summary.latencyMS = -1
        #expect(summary.validationFailure == "negative or invalid usage")
        summary.latencyMS = 0
        summary.cacheReadTokens = -5
        #expect(summary.validationFailure == "negative or invalid usage")
    }

    /// A `[cache] path` file written by a cache-schema-1 build gains the columns; its rows read back with zeros.
    @Test func aVersion1SummariesFileMigrates() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let cachePath = dir.path("shared/cache.db")
        try FileManager.default.createDirectory(atPath: dir.path("shared"), withIntermediateDirectories: true)
        do {
            let queue = try DatabaseQueue(path: cachePath)
            try await queue.write { db in
                try MuSchema.createMeta(db)
                try MuSchema.createSummaries(db)
                try MuSchema.setVersion(db, key: MuSchema.cacheSchemaVersionKey, version: 1)
                try db.execute(sql: """
                    INSERT INTO summaries (key, body_hash, prompt_version, model, params, bullets, provider,
                                           created_at, last_used_at)
                    VALUES ('shared-key', 'h', 'p', 'm', 'x', '["Reads it."]', 'openai',
                            '2026-11-01 10:00:00.000', '2026-11-01 10:00:00.000')
                    """)
            }
            try queue.close()
        }
        let database = try MuDatabase.temporary(in: dir, summariesPath: cachePath)
        guard case .disk(let old) = try await SummaryCache(database: database).lookup("shared-key") else {
            Issue.record("the shared summary did not survive the migration")
            return
        }
        #expect(old.latencyMS == 0 && old.cacheReadTokens == 0 && old.cacheWriteTokens == 0)
        var fresh = Fixture.summary("new-key")
        fresh.latencyMS = 42
        try await SummaryCache(database: database).store(fresh)
        try database.close()

        let check = try DatabaseQueue(path: cachePath)
        #expect(try await check.read { try String.fetchOne($0, sql: "SELECT value FROM meta WHERE key = 'cache_schema_version'") } == "2")
        #expect(try await check.read { try Int.fetchOne($0, sql: "SELECT latency_ms FROM summaries WHERE key = 'new-key'") } == 42)
        try check.close()
    }
}
