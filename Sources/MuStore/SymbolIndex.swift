import Foundation
import GRDB

/// The queryable index of every function, with full-text search over names, paths and
/// summaries.
///
/// Writes are small transactions (one file, or one batch of summary keys) so a run that
/// is killed keeps everything already written and the index stays consistent: the
/// functions of a file, their search rows and the file's state change together or not at all.
public struct SymbolIndex: Sendable {
    public let database: MuDatabase

    public init(database: MuDatabase) {
        self.database = database
    }

    static let lastIndexedCommitKey = "last_indexed_commit"

    // MARK: - writing

    /// Replaces the functions of the file at `path` with `functions`, in one transaction.
    ///
    /// - Parameters:
    ///   - commit: HEAD when indexed (stored per function as `indexed_commit`).
    ///   - fileState: when given, recorded in the same transaction, so a file is never
    ///     marked unchanged unless its functions were stored.
    /// - Returns: the stored functions with their ids and cached summaries.
    @discardableResult
    public func replaceFunctions(inFile path: String, with functions: [FunctionRecord], commit: String?,
                                 fileState: FileState? = nil) async throws -> [IndexedFunction] {
        let table = database.summariesTable
        return try await database.write { db in
            try RollupIndex.invalidate(db)
            try SearchText.deleteFunctions(inPath: path, db)
            try Self.deleteCalls(inPath: path, db)
            try db.execute(sql: "DELETE FROM main.functions WHERE path = ?", arguments: [path])
            var stored: [IndexedFunction] = []
            stored.reserveCapacity(functions.count)
            for function in functions {
                try db.cachedStatement(sql: """
                    INSERT INTO main.functions (path, language, name, qualified_name, kind, signature,
                        start_line, end_line, body_hash, summary_key, indexed_commit)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [
                        path, function.language, function.name, function.qualifiedName, function.kind,
                        function.signature, function.startLine, function.endLine, function.bodyHash,
                        function.summaryKey, commit,
                    ])
                let id = db.lastInsertedRowID
                for call in function.calls {
                    try db.cachedStatement(sql: "INSERT INTO main.calls (function_id, callee_name, line) VALUES (?, ?, ?)")
                        .execute(arguments: [id, call.calleeName, call.line])
                }
                let summary = try function.summaryKey.flatMap { try SearchText.summary(forKey: $0, table: table, db) }
                try SearchText.insert(id: id, qualifiedName: function.qualifiedName, path: path,
                                      summary: summary?.text ?? "", db)
                stored.append(IndexedFunction(
                    id: id, path: path, language: function.language, name: function.name,
                    qualifiedName: function.qualifiedName, kind: function.kind, signature: function.signature,
                    startLine: function.startLine, endLine: function.endLine, bodyHash: function.bodyHash,
                    summaryKey: function.summaryKey, indexedCommit: commit, summary: summary))
            }
            if let fileState {
                try FileStateCache.upsert(fileState, db)
            }
            return stored
        }
    }

    /// Forgets deleted files: their functions, search rows and file states, in one transaction.
    public func removeFiles(_ paths: [String]) async throws {
        guard !paths.isEmpty else { return }
        try await database.write { db in
            try RollupIndex.invalidate(db)
            for path in paths {
                try SearchText.deleteFunctions(inPath: path, db)
                try Self.deleteCalls(inPath: path, db)
                try db.execute(sql: "DELETE FROM main.functions WHERE path = ?", arguments: [path])
                try db.execute(sql: "DELETE FROM main.files WHERE path = ?", arguments: [path])
            }
        }
    }

    /// Records which cached summary a function has, and refreshes its search text.
    public func setSummaryKey(_ key: String?, forFunction id: Int64) async throws {
        try await setSummaryKeys([id: key])
    }

    /// Records several summary keys in one small transaction (results as they arrive).
    /// Ids that no longer exist (the file was re-indexed meanwhile) are ignored.
    public func setSummaryKeys(_ keys: [Int64: String?]) async throws {
        guard !keys.isEmpty else { return }
        let table = database.summariesTable
        try await database.write { db in
            try RollupIndex.invalidate(db)
            for (id, key) in keys {
                try db.cachedStatement(sql: "UPDATE main.functions SET summary_key = ? WHERE id = ?")
                    .execute(arguments: [key, id])
                guard db.changesCount > 0 else { continue }
                let text = try SearchText.summaryText(forKey: key, table: table, db)
                try SearchText.setSummary(text, forFunction: id, db)
            }
        }
    }

    /// The commit the index was last brought up to date with.
    public func lastIndexedCommit() async throws -> String? {
        try await database.metaValue(Self.lastIndexedCommitKey)
    }

    public func setLastIndexedCommit(_ commit: String?) async throws {
        try await database.setMetaValue(commit, forKey: Self.lastIndexedCommitKey)
    }

    static func deleteCalls(inPath path: String, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM main.calls WHERE function_id IN (SELECT id FROM main.functions WHERE path = ?)",
                       arguments: [path])
    }

    // MARK: - reading

    /// The calls a function makes, in line order.
    public func calls(ofFunction id: Int64) async throws -> [CallRecord] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT callee_name, line FROM main.calls WHERE function_id = ? ORDER BY line, rowid",
                             arguments: [id])
                .map { CallRecord(calleeName: $0["callee_name"], line: $0["line"]) }
        }
    }

    /// The functions of one file, in line order.
    public func functions(inPath path: String) async throws -> [IndexedFunction] {
        try await fetch("WHERE f.path = ? ORDER BY f.start_line, f.end_line DESC, f.id", [path])
    }

    /// The innermost function of `path` whose line range contains `line`.
    public func function(at path: String, line: Int) async throws -> IndexedFunction? {
        try await fetch("""
            WHERE f.path = ? AND f.start_line <= ? AND f.end_line >= ?
            ORDER BY (f.end_line - f.start_line), f.start_line DESC LIMIT 1
            """, [path, line, line]).first
    }

    /// A page of all functions in id order, for streaming exports: pass the last id of
    /// the previous page as `afterID`.
    public func functions(afterID: Int64 = 0, limit: Int = 1000) async throws -> [IndexedFunction] {
        try await fetch("WHERE f.id > ? ORDER BY f.id LIMIT ?", [afterID, limit])
    }

    /// Functions without a cached summary (no key, or a key the cache no longer holds), in id
    /// order after `afterID`: page through them with the last id of each page.
    public func functionsWithoutSummary(afterID: Int64 = 0, limit: Int = 1000) async throws -> [IndexedFunction] {
        try await fetch("WHERE s.key IS NULL AND f.id > ? ORDER BY f.id LIMIT ?", [afterID, limit])
    }

    /// Distinct paths that have indexed functions.
    public func indexedPaths() async throws -> [String] {
        try await database.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT path FROM main.functions ORDER BY path")
        }
    }

    /// Merges the full-text index into one segment (FTS5's `optimize`). FTS5 writes a segment per
    /// transaction and merges them lazily, so after a first run a term's entries lie in many segments
    /// that every search reads and merges; after this, one. CPython's index (59 k functions): the
    /// search statement 0.74 → 0.50 ms median over bench/mcp.sh's words; the merge takes 0.17 s.
    public func compactSearchIndex() async throws {
        try await database.write { db in
            try db.execute(sql: "INSERT INTO main.functions_fts(functions_fts) VALUES ('optimize')")
        }
    }

    /// Number of indexed functions (cheap: no join with the summaries).
    public func functionCount() async throws -> Int {
        try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM main.functions") ?? 0 }
    }

    /// Totals for `mu status`.
    public func counts() async throws -> IndexCounts {
        let source = IndexedFunction.source(summariesTable: database.summariesTable)
        return try await database.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, COUNT(s.key) AS summarized FROM \(source)")
            let paths = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT path) FROM main.functions") ?? 0
            let files = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM main.files") ?? 0
            return IndexCounts(functions: row?.lenientInt("n") ?? 0, withSummary: row?.lenientInt("summarized") ?? 0,
                               filesWithFunctions: paths, files: files)
        }
    }

    /// Functions matching a symbol: exact name, exact qualified name, qualified-name
    /// suffix, then glob (`*`, `?`, `[…]`), ranked in that order; a case-insensitive
    /// equality is tried only when nothing else matches.
    public func query(_ symbol: String, limit: Int = 20) async throws -> [SymbolMatch] {
        let symbol = symbol.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !symbol.isEmpty, limit > 0 else { return [] }
        let source = IndexedFunction.source(summariesTable: database.summariesTable)
        let selection = IndexedFunction.selection()
        return try await database.read { db in
            try SymbolQuery(symbol: symbol, limit: limit, source: source, selection: selection).run(db)
        }
    }

    /// Full-text search over qualified names, paths and summaries, BM25-ranked with summaries
    /// weighted above names and test code below library code (``SearchRanking``).
    ///
    /// The text is matched literally (see `FTSQuery`): all words first; when that finds
    /// nothing, any word.
    /// - Parameter highlight: markers put around matched terms in the snippet.
    public func search(_ text: String, limit: Int = 20,
                       highlight: (open: String, close: String) = ("[", "]")) async throws -> [SearchHit] {
        let query = FTSQuery(text)
        guard !query.isEmpty, limit > 0 else { return [] }
        let summariesTable = database.summariesTable
        let selection = IndexedFunction.selection()
        let (open, close) = highlight
        return try await database.read { db in
            // Tests and fixtures rank below library code unless the query asks for them.
            let testFactor = SearchRanking.queryNamesTests(text) ? 1.0 : SearchRanking.testCodeFactor
            func run(_ match: String) throws -> [SearchHit] {
                // Cached: preparing this statement (17 GLOBs, GRDB's authorizer on every column) cost
                // more than running it for a typical query.
                let rows = try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT \(selection),
                           snippet(functions_fts, -1, ?, ?, '…', 16) AS fts_snippet,
                           bm25(functions_fts, \(SearchRanking.bm25Weights))
                               * (CASE WHEN \(SearchRanking.isTestPathSQL) THEN ? ELSE 1.0 END) AS fts_score
                    FROM main.functions_fts
                    JOIN main.functions AS f ON f.id = functions_fts.rowid
                    LEFT JOIN \(summariesTable) AS s ON s.key = f.summary_key
                    WHERE functions_fts MATCH ?
                    ORDER BY fts_score, f.id
                    LIMIT ?
                    """), arguments: [open, close, testFactor, match, limit])
                return rows.compactMap { row in
                    let columns = LenientRow(row)
                    return IndexedFunction(columns: columns).map {
                        SearchHit(function: $0, snippet: columns.string("fts_snippet") ?? "",
                                  score: columns.double("fts_score") ?? 0)
                    }
                }
            }
            let hits = try run(query.allTerms)
            if hits.isEmpty, query.phrases.count > 1 {
                return try run(query.anyTerm)
            }
            return hits
        }
    }

    private func fetch(_ clause: String, _ arguments: StatementArguments) async throws -> [IndexedFunction] {
        let sql = "SELECT \(IndexedFunction.selection()) FROM \(IndexedFunction.source(summariesTable: database.summariesTable)) \(clause)"
        return try await database.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap(IndexedFunction.init(row:))
        }
    }
}
