import Foundation
import GRDB
import Testing
@testable import MuStore

/// Glob queries with many matches (`test_*`) walk qualified-name lengths on the schema-6 indexes:
/// same results as sorting every match, found by range scans rather than a sort of all matches.
@Suite("SymbolQuery: globs on the length indexes")
struct SymbolGlobTests {
    /// 600 `test_…` functions of assorted qualified-name lengths (methods, module functions), plus
    /// a few that tie on length and qualified name across files, and some non-matching neighbours.
    static func populated(_ dir: TemporaryDirectory) async throws -> SymbolIndex {
        let index = SymbolIndex(database: try MuDatabase.temporary(in: dir))
        for file in 0..<6 {
            var functions: [FunctionRecord] = []
            for i in 0..<100 {
                let n = (i * 37 + file * 11) % 100
                let name = "test_\(String(repeating: "x", count: n % 13))\(n)"
                let qualified = i % 3 == 0 ? name : "Case\(n % 7).\(name)"
                functions.append(Fixture.function(qualified, path: "tests/t\(file).py", lines: (i * 10 + 1)...(i * 10 + 5), name: name))
            }
            functions.append(Fixture.function("test_", path: "tests/t\(file).py", lines: 2000...2001))
            functions.append(Fixture.function("Case.test_a", path: "tests/t\(file).py", lines: 2002...2003))
            functions.append(Fixture.function("testing_helper", path: "tests/t\(file).py", lines: 2004...2005))
            functions.append(Fixture.function("Other.setUp", path: "tests/t\(file).py", lines: 2006...2007))
            try await index.replaceFunctions(inFile: "tests/t\(file).py", with: functions, commit: "c1")
        }
        return index
    }

    static func query(_ index: SymbolIndex, _ symbol: String, limit: Int,
                      strategy: SymbolQuery.GlobStrategy?) async throws -> [SymbolMatch] {
        let query = SymbolQuery(symbol: symbol, limit: limit,
                                source: IndexedFunction.source(summariesTable: index.database.summariesTable),
                                selection: IndexedFunction.selection())
        return try await index.database.read { db in
            if let strategy { try query.globMatches(db, strategy: strategy) } else { try query.run(db) }
        }
    }

    @Test(arguments: ["test_*", "test_x*", "Case3.*", "test_?1", "test_[x]*", "*", "*_a", "t*1"])
    func bothStrategiesGiveTheSameRowsInTheSameOrder(glob: String) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = try await Self.populated(dir)
        // The ranking itself: shortest qualified name first, then name, path, line.
        let all = try await Self.query(index, glob, limit: 5000, strategy: .sortAll)
        #expect(all.count > 1)
        for limit in [1, 7, 20, 200, 1000] {
            let sorted = try await Self.query(index, glob, limit: limit, strategy: .sortAll)
            let walked = try await Self.query(index, glob, limit: limit, strategy: .byLength)
            #expect(sorted.map(\.function.id) == walked.map(\.function.id), "\(glob) limit \(limit)")
            #expect(sorted.count == min(limit, all.count) && sorted.allSatisfy { $0.kind == .glob })
        }
        let keys = all.map { ($0.function.qualifiedName.count, $0.function.qualifiedName, $0.function.path, $0.function.startLine) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func aPrefixWithManyMatchesWalksTheLengthsAndFewMatchesSortAll() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = try await Self.populated(dir)
        func strategy(_ glob: String) async throws -> SymbolQuery.GlobStrategy {
            let query = SymbolQuery(symbol: glob, limit: 10, source: "", selection: "")
            return try await index.database.read { try query.globStrategy($0) }
        }
        #expect(try await strategy("test_*") == .byLength)
        #expect(try await strategy("testing_*") == .sortAll)     // 6 matches
        #expect(try await strategy("*_helper") == .sortAll)      // no literal prefix: no range to scan
        // Through the public entry point: the top of `test_*` is the shortest qualified names, by path.
        let top = try await index.query("test_*", limit: 6)
        #expect(top.map(\.function.qualifiedName) == Array(repeating: "test_", count: 6))
        #expect(top.map(\.function.path) == ["tests/t0.py", "tests/t1.py", "tests/t2.py", "tests/t3.py", "tests/t4.py", "tests/t5.py"])
    }

    /// The plan of one length step: range scans on both length indexes, never a table scan.
    @Test func oneLengthStepUsesTheLengthIndexes() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = try await Self.populated(dir)
        let plan = try await index.database.read { db in
            try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT f.id FROM main.functions AS f
                WHERE length(f.qualified_name) = ? AND (f.name GLOB ? OR f.qualified_name GLOB ?)
                  AND f.name <> ? AND f.qualified_name <> ?
                ORDER BY length(f.qualified_name), f.qualified_name, f.path, f.start_line, f.id LIMIT 10
                """, arguments: [9, "test_*", "test_*", "test_*", "test_*"]).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("INDEX \(SymbolLengthIndexes.byName) (<expr>=? AND name>? AND name<?)") }, "\(plan)")
        #expect(plan.contains { $0.contains("INDEX \(SymbolLengthIndexes.byQualifiedName) (<expr>=? AND qualified_name>? AND qualified_name<?)") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(plan)")
        let next = try await index.database.read { db in
            try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT min(length(qualified_name)) FROM main.functions WHERE length(qualified_name) > ?
                """, arguments: [9]).map { $0["detail"] as String }
        }
        #expect(next.contains { $0.contains("COVERING INDEX \(SymbolLengthIndexes.byQualifiedName)") }, "\(next)")
    }

    /// Index names on `functions` (GRDB's `indexes(on:)` leaves out indexes on expressions).
    @Sendable static func indexNames(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'functions'")
    }

    @Test func aVersion5DatabaseGetsTheIndexes() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path(".mu/mu.db")
        try FileManager.default.createDirectory(atPath: dir.path(".mu"), withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: path)
        try MuSchema.migrator.migrate(queue, upTo: BatchesSchema.migrationName)
        try await queue.write { db in
            try db.execute(sql: """
                INSERT INTO functions (path, language, name, qualified_name, kind, signature, start_line, end_line, body_hash)
                VALUES ('a.py', 'python', 'test_one', 'test_one', 'function', 'def test_one()', 1, 2, 'h')
                """)
        }
        #expect(try await queue.read(Self.indexNames).contains(SymbolLengthIndexes.byName) == false)
        try queue.close()

        let database = try MuDatabase(path: path)
        #expect(try await database.metaValue("schema_version") == String(MuDatabase.schemaVersion))   // every later migration ran too
        let indexes = try await database.pool.read(Self.indexNames)
        #expect(indexes.contains(SymbolLengthIndexes.byName) && indexes.contains(SymbolLengthIndexes.byQualifiedName))
        #expect(try await SymbolIndex(database: database).query("test_*").map(\.function.qualifiedName) == ["test_one"])
    }
}
