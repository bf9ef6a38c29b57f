import GRDB

/// Callers and callees from the `calls` table, resolved at query time (`CallResolution`).
public struct CallGraph: Sendable {
    public let database: MuDatabase

    public init(database: MuDatabase) {
        self.database = database
    }

    /// One call made by a function and where it leads.
    public struct Callee: Sendable, Hashable {
        public var call: CallRecord
        public var resolution: CallResolution
    }

    /// One call site that reaches the target: `certain` when the call resolves to it, false when
    /// the call is ambiguous and the target is one of its candidates.
    public struct Caller: Sendable, Hashable {
        public var function: IndexedFunction
        public var call: CallRecord
        public var rule: CallResolution.Rule?
        public var candidates: Int
        public var certain: Bool { rule != nil }
    }

    /// Replaces the call sites recorded for a function (the extractor's calls, written with it).
    public func record(_ calls: [CallRecord], forFunction id: Int64) async throws {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM main.calls WHERE function_id = ?", arguments: [id])
            for call in calls {
                try db.cachedStatement(sql: "INSERT INTO main.calls (function_id, callee_name, line) VALUES (?, ?, ?)")
                    .execute(arguments: [id, call.calleeName, call.line])
            }
        }
    }

    /// The calls a function makes, in line order, each resolved.
    public func callees(of function: IndexedFunction, limit: Int) async throws -> [Callee] {
        let source = IndexedFunction.source(summariesTable: database.summariesTable)
        let selection = IndexedFunction.selection()
        return try await database.read { db in
            let calls = try Row.fetchAll(db, sql: """
                SELECT callee_name, MIN(line) AS line FROM main.calls WHERE function_id = ?
                GROUP BY callee_name ORDER BY line, callee_name LIMIT ?
                """, arguments: [function.id, limit]).map {
                    CallRecord(calleeName: $0.lenientString("callee_name") ?? "", line: $0.lenientInt("line") ?? 0)
                }
            var candidatesByName: [String: [IndexedFunction]] = [:]
            return try calls.map { call in
                let bare = call.bareName
                if candidatesByName[bare] == nil {
                    candidatesByName[bare] = try Row.fetchAll(db, sql: """
                        SELECT \(selection) FROM \(source) WHERE f.name = ? ORDER BY f.path, f.start_line LIMIT 50
                        """, arguments: [bare]).compactMap(IndexedFunction.init(row:))
                }
                let candidates = (candidatesByName[bare] ?? []).filter { $0.id != function.id || bare == function.name }
                return Callee(call: call, resolution: CallResolution.resolve(call, from: function, candidates: candidates))
            }
        }
    }

    /// Functions whose calls reach `target`: certain ones first, then ambiguous ones, each by path.
    public func callers(of target: IndexedFunction, limit: Int) async throws -> [Caller] {
        let source = IndexedFunction.source(summariesTable: database.summariesTable)
        let selection = IndexedFunction.selection()
        let name = target.name
        return try await database.read { db in
            let candidates = try Row.fetchAll(db, sql: """
                SELECT \(selection) FROM \(source) WHERE f.name = ? ORDER BY f.path, f.start_line LIMIT 50
                """, arguments: [name]).compactMap(IndexedFunction.init(row:))
            // Exact bare calls use the index; qualified ones (`self.x`, `a::x`) are a scan of call names.
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(selection), c.callee_name AS c_callee, MIN(c.line) AS c_line
                FROM main.calls AS c
                JOIN main.functions AS f ON f.id = c.function_id
                LEFT JOIN \(database.summariesTable) AS s ON s.key = f.summary_key
                WHERE c.callee_name = :n
                   OR substr(c.callee_name, -(length(:n) + 1)) = '.' || :n
                   OR substr(c.callee_name, -(length(:n) + 2)) IN ('::' || :n, '->' || :n)
                   OR substr(c.callee_name, -(length(:n) + 1)) = '#' || :n
                GROUP BY f.id, c.callee_name
                ORDER BY f.path, f.start_line
                """, arguments: ["n": name])
            var certain: [Caller] = []
            var possible: [Caller] = []
            for row in rows {
                guard let caller = IndexedFunction(row: row) else { continue }
                let call = CallRecord(calleeName: row.lenientString("c_callee") ?? name, line: row.lenientInt("c_line") ?? 0)
                guard call.bareName == name else { continue }
                switch CallResolution.resolve(call, from: caller, candidates: candidates) {
                case .resolved(let callee, let rule) where callee.id == target.id:
                    certain.append(Caller(function: caller, call: call, rule: rule, candidates: 1))
                case .ambiguous(let options) where options.contains(where: { $0.id == target.id }):
                    possible.append(Caller(function: caller, call: call, rule: nil, candidates: options.count))
                default:
                    continue
                }
            }
            return Array((certain + possible).prefix(limit))
        }
    }
}
