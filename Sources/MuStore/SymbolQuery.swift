import Foundation
import GRDB

/// The matching rules of `mu query SYMBOL`, as SQL.
///
/// Ranked exact name > exact qualified name > qualified-name suffix > glob, then, only
/// when nothing matched, case-insensitive equality. Within one kind, shorter qualified
/// names come first, then path and line.
///
/// Speed: equality, suffix and literal-prefix globs use the `name` and `qualified_name`
/// indexes (a suffix `Type.method` can only match functions named `method`); a prefix glob
/// with many matches (`test_*`) walks qualified-name lengths on ``SymbolLengthIndexes`` and
/// stops at `limit` instead of sorting them all. Globs without a literal prefix
/// (`*Handler.handle`) pay a table scan; a symbol that matched nothing is looked up once more,
/// ignoring case, through the search index (``lastResortCandidates``).
struct SymbolQuery {
    let symbol: String
    let limit: Int
    /// FROM clause (`main.functions AS f LEFT JOIN … AS s`).
    let source: String
    /// Select list decoded by `IndexedFunction(row:)`.
    let selection: String

    /// Separators between the components of a qualified name: Python/Swift/Go/JS `.`,
    /// Rust/C++ `::`, Ruby `#`.
    static let separators = ["::", ".", "#"]

    /// True when the symbol contains glob metacharacters.
    var isGlob: Bool { symbol.contains(where: { "*?[".contains($0) }) }

    /// The symbol's last component (`method` in `Type::method`), nil without a separator.
    var lastComponent: String? {
        var best: String.Index?
        for separator in Self.separators {
            if let range = symbol.range(of: separator, options: .backwards), best.map({ range.upperBound > $0 }) ?? true {
                best = range.upperBound
            }
        }
        guard let best, best < symbol.endIndex else { return nil }
        return String(symbol[best...])
    }

    /// Qualified name (of the table aliased `alias`) ends with the symbol right after a separator.
    private static func suffixCondition(_ alias: String = "f") -> String {
        """
        (substr(\(alias).qualified_name, -(length(:s) + 1)) = '.' || :s
         OR substr(\(alias).qualified_name, -(length(:s) + 2)) = '::' || :s
         OR substr(\(alias).qualified_name, -(length(:s) + 1)) = '#' || :s)
        """
    }
    private static let notEqual = "f.name <> :s AND f.qualified_name <> :s"
    private static let order = "length(f.qualified_name), f.qualified_name, f.path, f.start_line, f.id"

    func run(_ db: Database) throws -> [SymbolMatch] {
        var matches = try fetch(db, where: "f.name = :s OR f.qualified_name = :s",
                                kind: "CASE WHEN f.name = :s THEN 0 ELSE 1 END",
                                order: "match_kind, (f.qualified_name = :s) DESC, \(Self.order)",
                                limit: limit)
        if matches.count < limit, let last = lastComponent {
            matches += try fetch(db, where: "f.name = :last AND \(Self.suffixCondition()) AND \(Self.notEqual)",
                                 kind: "2", order: Self.order, limit: limit - matches.count, extra: ["last": last])
        }
        if matches.count < limit, isGlob {
            let seen = Set(matches.map(\.function.id))
            let globbed = try globMatches(db, strategy: globStrategy(db))
            matches += globbed.filter { !seen.contains($0.function.id) }.prefix(limit - matches.count)
        }
        if matches.isEmpty {
            // Last resort: suffixes the name index could not find, then case-insensitive equality.
            let phrase = ftsPhrase
            let found = try fetch(db, where: "f.id IN (\(Self.lastResortCandidates(phrase))) AND (\(Self.lastResortCondition))",
                                  kind: "CASE WHEN \(Self.suffixCondition()) THEN 2 ELSE 4 END",
                                  order: "match_kind, \(Self.order)", limit: limit,
                                  extra: phrase.map { ["fts": $0] } ?? [:])
            let suffixes = found.filter { $0.kind == .suffix }
            matches = suffixes.isEmpty ? found : suffixes
        }
        return matches
    }

    /// What the last resort matches: a qualified name ending in a separator and the symbol, or a name
    /// or qualified name equal to the symbol ignoring (ASCII) case.
    private static let lastResortCondition = """
        (instr(f.qualified_name, :s) > 0 AND \(suffixCondition()))
        OR f.name = :s COLLATE NOCASE OR f.qualified_name = :s COLLATE NOCASE
        """

    /// The symbol as one FTS5 phrase over the `qualified_name` column, nil when it has no word to look up.
    private var ftsPhrase: String? {
        let query = FTSQuery(symbol)
        return query.isEmpty ? nil : "{qualified_name} : (\(query.allTerms))"
    }

    /// The ids the last resort looks at. The search index holds every function's qualified name,
    /// tokenized and case-folded, and every row the last resort can match contains the symbol's words
    /// there: a suffix lies inside the qualified name, and a name is its last component (both extractors
    /// build `qualified_name` as the scopes and the name joined by `.`; a placeholder name such as
    /// `<anonymous>` is found by exact lookups only). So the phrase lookup replaces
    /// three scans of 59 k rows (16 ms for a name that exists nowhere) by one index lookup; a symbol
    /// without a letter or digit (`+`) still scans.
    private static func lastResortCandidates(_ phrase: String?) -> String {
        phrase == nil ? "SELECT id FROM main.functions"
                      : "SELECT rowid FROM main.functions_fts WHERE functions_fts MATCH :fts"
    }

    /// How the best `limit` glob matches are found; both give the same rows in the same order.
    enum GlobStrategy: Equatable {
        /// One query over every match, sorted: cheap when the matches are few (or the glob has no
        /// literal prefix, so no index can narrow it).
        case sortAll
        /// Qualified-name lengths upwards, one indexed range scan per length
        /// (``SymbolLengthIndexes``), until `limit` matches: for a prefix with many matches.
        case byLength
    }

    /// Matches of a prefix glob above which walking the lengths beats sorting every match.
    static let manyMatches = 256

    /// The glob's literal prefix (`test_` in `test_*`): what an index range scan can use.
    var literalPrefix: Substring { symbol.prefix { !"*?[".contains($0) } }

    /// `.byLength` when the glob has a literal prefix and at least ``manyMatches`` matches (counted
    /// on the name and qualified-name indexes, stopping at that number).
    func globStrategy(_ db: Database) throws -> GlobStrategy {
        guard !literalPrefix.isEmpty else { return .sortAll }
        let count = try Int.fetchOne(db, sql: """
            SELECT (SELECT count(*) FROM (SELECT 1 FROM main.functions WHERE name GLOB :s LIMIT :n))
                 + (SELECT count(*) FROM (SELECT 1 FROM main.functions WHERE qualified_name GLOB :s LIMIT :n))
            """, arguments: ["s": symbol, "n": Self.manyMatches]) ?? 0
        return count >= Self.manyMatches ? .byLength : .sortAll
    }

    /// The first `limit` glob matches (name or qualified name), excluding exact equality, in
    /// `order`.
    func globMatches(_ db: Database, strategy: GlobStrategy) throws -> [SymbolMatch] {
        let condition = "(f.name GLOB :s OR f.qualified_name GLOB :s) AND \(Self.notEqual)"
        switch strategy {
        case .sortAll:
            return try fetch(db, where: condition, kind: "3", order: Self.order, limit: limit)
        case .byLength:
            var found: [SymbolMatch] = []
            var length = 0
            let next = try db.cachedStatement(sql: """
                SELECT min(length(qualified_name)) FROM main.functions WHERE length(qualified_name) > ?
                """)
            while found.count < limit, let shortest = try Int.fetchOne(next, arguments: [length]) {
                length = shortest
                found += try fetch(db, where: "length(f.qualified_name) = :length AND \(condition)", kind: "3",
                                   order: Self.order, limit: limit - found.count, extra: ["length": length])
            }
            return found
        }
    }

    private func fetch(_ db: Database, where condition: String, kind: String, order: String,
                       limit: Int, extra: StatementArguments = [:]) throws -> [SymbolMatch] {
        var arguments: StatementArguments = ["s": symbol, "limit": limit]
        arguments += extra
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT \(selection), \(kind) AS match_kind FROM \(source)
            WHERE \(condition) ORDER BY \(order) LIMIT :limit
            """), arguments: arguments)
        return rows.compactMap { row in
            let columns = LenientRow(row)
            guard let function = IndexedFunction(columns: columns),
                  let kind = columns.int("match_kind").flatMap(MatchKind.init(rawValue:))
            else { return nil }
            return SymbolMatch(function: function, kind: kind)
        }
    }
}
