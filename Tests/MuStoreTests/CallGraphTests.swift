import Foundation
@testable import MuStore
import Testing

/// Call resolution over a real SQLite index: same file, then same type, then a unique name;
/// several candidates are ambiguous; re-indexing a file drops its calls.
@Suite("call graph")
struct CallGraphTests {
    /// a.py: Session.request, Session.close, fetch, helper; b.py: request, fetch, helper2.
    func makeIndex(_ dir: TemporaryDirectory) async throws -> (MuDatabase, [String: IndexedFunction]) {
        let database = try MuDatabase.temporary(in: dir)
        let index = SymbolIndex(database: database)
        var byName: [String: IndexedFunction] = [:]
        let a = try await index.replaceFunctions(inFile: "a.py", with: [
            Fixture.function("Session.request", path: "a.py", lines: 1...5),
            Fixture.function("Session.close", path: "a.py", lines: 6...8),
            Fixture.function("fetch", path: "a.py", lines: 9...12),
            Fixture.function("helper", path: "a.py", lines: 13...15),
        ], commit: nil)
        let b = try await index.replaceFunctions(inFile: "b.py", with: [
            Fixture.function("request", path: "b.py", lines: 1...3),
            Fixture.function("fetch", path: "b.py", lines: 4...6),
            Fixture.function("helper2", path: "b.py", lines: 7...9),
        ], commit: nil)
        for f in a + b { byName["\(f.path):\(f.qualifiedName)"] = f }
        return (database, byName)
    }

    @Test func calleesResolveByFileTypeAndUniqueName() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let (database, f) = try await makeIndex(dir)
        let graph = CallGraph(database: database)
        let close = try #require(f["a.py:Session.close"])
        try await graph.record([
            CallRecord(calleeName: "self.request", line: 7),   // same type
            CallRecord(calleeName: "fetch", line: 7),          // same file, though b.py has one too
            CallRecord(calleeName: "helper2", line: 8),        // unique name elsewhere
            CallRecord(calleeName: "os.path.join", line: 8),   // nothing indexed
        ], forFunction: close.id)
        let callees = try await graph.callees(of: close, limit: 10)
        #expect(callees.map(\.call.calleeName) == ["fetch", "self.request", "helper2", "os.path.join"])
        #expect(callees[0].resolution == .resolved(f["a.py:fetch"]!, .sameFile))
        #expect(callees[1].resolution == .resolved(f["a.py:Session.request"]!, .sameType))
        #expect(callees[2].resolution == .resolved(f["b.py:helper2"]!, .uniqueName))
        #expect(callees[3].resolution == .unresolved)

        try await graph.record([CallRecord(calleeName: "obj.fetch", line: 8)], forFunction: f["a.py:helper"]!.id)
        let ambiguous = try await graph.callees(of: f["a.py:helper"]!, limit: 10)
        guard case .ambiguous(let options) = ambiguous.first?.resolution else {
            Issue.record("expected ambiguous, got \(String(describing: ambiguous.first))"); return
        }
        #expect(Set(options.map(\.path)) == ["a.py", "b.py"])
    }

    @Test func callersListCertainBeforeAmbiguous() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let (database, f) = try await makeIndex(dir)
        let graph = CallGraph(database: database)
        try await graph.record([CallRecord(calleeName: "fetch", line: 2)], forFunction: f["a.py:Session.request"]!.id)
        try await graph.record([CallRecord(calleeName: "fetch", line: 8)], forFunction: f["b.py:helper2"]!.id)
        try await graph.record([CallRecord(calleeName: "x.fetch", line: 14)], forFunction: f["a.py:helper"]!.id)
        let callers = try await graph.callers(of: f["a.py:fetch"]!, limit: 10)
        // helper2 in b.py resolves `fetch` to b.py's own; `x.fetch` could be either module's: ambiguous, listed last.
        #expect(callers.map(\.function.qualifiedName) == ["Session.request", "helper"])
        #expect(callers.map(\.certain) == [true, false])
        #expect(callers.last?.candidates == 2)
        let other = try await graph.callers(of: f["b.py:fetch"]!, limit: 10)
        #expect(other.map(\.function.qualifiedName) == ["helper2", "helper"])

        // Re-indexing a file drops its functions' calls (foreign key cascade).
        try await SymbolIndex(database: database).replaceFunctions(inFile: "a.py", with: [], commit: nil)
        let after = try await graph.callers(of: f["b.py:fetch"]!, limit: 10)
        #expect(after.map(\.function.qualifiedName) == ["helper2"])
        let count = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM calls") }
        #expect(count == 1)
    }

    @Test func bareNamesAndQualifiers() {
        #expect(CallRecord(calleeName: "os.path.join", line: 1).bareName == "join")
        #expect(CallRecord(calleeName: "os.path.join", line: 1).qualifier == "os.path")
        #expect(CallRecord(calleeName: "Vec::new", line: 1).bareName == "new")
        #expect(CallRecord(calleeName: "Vec::new", line: 1).qualifier == "Vec")
        #expect(CallRecord(calleeName: "p->next", line: 1).bareName == "next")
        #expect(CallRecord(calleeName: "fetch", line: 1).qualifier == nil)
    }
}
