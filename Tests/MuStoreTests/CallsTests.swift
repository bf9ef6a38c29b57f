import Foundation
import GRDB
import Testing
@testable import MuStore

/// The `calls` table: written with the function rows, replaced with them, removed with the file.
@Suite struct CallsTests {
    func record(_ name: String, lines: ClosedRange<Int>, calls: [(String, Int)]) -> FunctionRecord {
        FunctionRecord(path: "a.py", language: "python", name: name, qualifiedName: name, kind: "function",
                       signature: "def \(name)()", startLine: lines.lowerBound, endLine: lines.upperBound,
                       bodyHash: "h-\(name)", calls: calls.map { CallRecord(calleeName: $0.0, line: $0.1) })
    }

    @Test func storedReplacedAndRemovedWithTheirFunctions() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let database = try MuDatabase.temporary(in: dir)
        let index = SymbolIndex(database: database)
        let stored = try await index.replaceFunctions(inFile: "a.py", with: [
            record("f", lines: 1...3, calls: [("open", 2), ("read", 3)]),
            record("g", lines: 5...6, calls: []),
        ], commit: "c1")
        #expect(try await index.calls(ofFunction: stored[0].id) == [CallRecord(calleeName: "open", line: 2),
                                                                      CallRecord(calleeName: "read", line: 3)])
        #expect(try await index.calls(ofFunction: stored[1].id).isEmpty)

        let again = try await index.replaceFunctions(inFile: "a.py", with: [
            record("f", lines: 1...2, calls: [("close", 2)]),
        ], commit: "c2")
        #expect(try await index.calls(ofFunction: again[0].id).map(\.calleeName) == ["close"])
        #expect(try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM calls") } == 1)

        try await index.removeFiles(["a.py"])
        #expect(try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM calls") } == 0)
    }
}
