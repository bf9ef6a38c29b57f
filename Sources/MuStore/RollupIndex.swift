import GRDB

/// The stored roll-ups: read by `mu show`, the MCP `overview` tool and the roll-up stage.
public struct RollupIndex: Sendable {
    public let database: MuDatabase

    public init(database: MuDatabase) {
        self.database = database
    }

    /// `meta` key holding the roll-up identity (version, provider, model) the stored roll-ups are
    /// current for. Every write to the functions or their summary links deletes it in the same
    /// transaction (``invalidate(_:)``), so the roll-up stage may skip its work exactly when nothing
    /// it reads changed since it last completed.
    static let currentKey = "rollups_current"

    /// `meta` key holding the roll-up identity the stored roll-ups were made under, apart from the
    /// files listed in `rollups_dirty` (``RollupsDirtySchema``). While it is set, triggers record
    /// every file whose functions change; the roll-up stage then recomputes only those files, their
    /// directories and the root. Missing (no complete roll-up yet, or the last full pass failed
    /// somewhere): the next roll-up is a full pass.
    public static let baseKey = "rollups_base"

    /// True when the stored roll-ups were completed under `identity` and nothing changed since.
    public func isCurrent(for identity: String) async throws -> Bool {
        try await database.metaValue(Self.currentKey) == identity
    }

    /// Records that the roll-ups are current for `identity` (nil: not current).
    public func markCurrent(_ identity: String?) async throws {
        try await database.setMetaValue(identity, forKey: Self.currentKey)
    }

    /// Inside a write that changes functions or their summaries: the roll-ups are no longer current.
    static func invalidate(_ db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM main.meta WHERE key = ?").execute(arguments: [currentKey])
    }

    /// Where the stored roll-ups stand for `identity`.
    public enum Standing: Sendable, Equatable {
        /// Made under another identity, never completed, or a roll-up lost its summary: recompute all.
        case unknown
        /// Complete under this identity apart from the roll-ups of these files (sorted), their
        /// directories and the root (empty: nothing changed, only the `current` mark is missing).
        case changed(files: [String])
    }

    /// Reads the base identity, the changed files and whether every stored roll-up still has its
    /// summary (a pruned cache: the full pass re-summarizes those), in one read.
    public func standing(for identity: String) async throws -> Standing {
        let table = database.summariesTable
        return try await database.read { db in
            let base = try String.fetchOne(db, sql: "SELECT value FROM main.meta WHERE key = ?", arguments: [Self.baseKey])
            guard base == identity else { return .unknown }
            let orphans = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM main.rollups AS r LEFT JOIN \(table) AS s ON s.key = r.summary_key WHERE s.key IS NULL
                """) ?? 0
            guard orphans == 0 else { return .unknown }
            return .changed(files: try String.fetchAll(db, sql: "SELECT path FROM main.rollups_dirty ORDER BY path"))
        }
    }

    /// After a roll-up pass, in one transaction. Succeeded: the files it recomputed (all, for a full
    /// pass) are no longer changed, the roll-ups are complete under `identity` and, unless a function
    /// changed meanwhile, current. Failed somewhere: a full pass leaves no base (the next pass is full
    /// again); an incremental one leaves its files marked, to be recomputed next time.
    public func finishPass(identity: String, full: Bool, recomputed files: [String], succeeded: Bool) async throws {
        try await database.write { db in
            if full {
                if succeeded {
                    try db.execute(sql: "DELETE FROM main.rollups_dirty")
                    try db.execute(sql: "INSERT OR REPLACE INTO main.meta (key, value) VALUES (?, ?)",
                                   arguments: [Self.baseKey, identity])
                } else {
                    try db.execute(sql: "DELETE FROM main.meta WHERE key = ?", arguments: [Self.baseKey])
                    try db.execute(sql: "DELETE FROM main.rollups_dirty")
                }
            } else if succeeded {
                for path in files {
                    try db.cachedStatement(sql: "DELETE FROM main.rollups_dirty WHERE path = ?").execute(arguments: [path])
                }
            }
            let clean = try Int.fetchOne(db, sql: "SELECT count(*) FROM main.rollups_dirty") == 0
            if succeeded, clean {
                try db.execute(sql: "INSERT OR REPLACE INTO main.meta (key, value) VALUES (?, ?)",
                               arguments: [Self.currentKey, identity])
            } else {
                try db.execute(sql: "DELETE FROM main.meta WHERE key = ?", arguments: [Self.currentKey])
            }
        }
    }

    /// The stored roll-ups of these paths, with their summaries, by path (one read per 500 paths).
    public func rollups(for paths: [String]) async throws -> [String: Rollup] {
        var found: [String: Rollup] = [:]
        for start in stride(from: 0, to: paths.count, by: 500) {
            let chunk = Array(paths[start..<min(paths.count, start + 500)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            for rollup in try await fetch("WHERE r.path IN (\(marks))", StatementArguments(chunk)) {
                found[rollup.path] = rollup
            }
        }
        return found
    }

    /// How many roll-ups are stored.
    public func count() async throws -> Int {
        try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM main.rollups") ?? 0 }
    }

    /// Every roll-up with its summary, by path.
    public func all() async throws -> [String: Rollup] {
        let rows = try await fetch("", [])
        return Dictionary(rows.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The roll-up of one path (`.` for the repository).
    public func rollup(for path: String) async throws -> Rollup? {
        try await fetch("WHERE r.path = ?", [path]).first
    }

    /// The roll-ups directly under a directory (`.` for the top level), files and directories.
    public func children(of directory: String) async throws -> [Rollup] {
        let prefix = directory == "." || directory.isEmpty ? "" : directory + "/"
        return try await fetch("""
            WHERE r.path <> '.' AND substr(r.path, 1, length(:p)) = :p
              AND instr(substr(r.path, length(:p) + 1), '/') = 0
            ORDER BY r.kind, r.path
            """, ["p": prefix])
    }

    /// Records roll-ups (replacing those of the same paths) and drops the paths given in `removing`.
    public func save(_ rollups: [Rollup], removing: [String] = []) async throws {
        guard !rollups.isEmpty || !removing.isEmpty else { return }
        try await database.write { db in
            for rollup in rollups {
                try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO main.rollups (path, kind, children_hash, summary_key) VALUES (?, ?, ?, ?)
                    """).execute(arguments: [rollup.path, rollup.kind.rawValue, rollup.childrenHash, rollup.summaryKey])
            }
            for path in removing {
                try db.execute(sql: "DELETE FROM main.rollups WHERE path = ?", arguments: [path])
            }
        }
    }

    private func fetch(_ clause: String, _ arguments: StatementArguments) async throws -> [Rollup] {
        let sql = """
            SELECT r.path AS r_path, r.kind AS r_kind, r.children_hash AS r_children_hash, r.summary_key AS r_summary_key,
                   \(Summary.columns(of: "s", prefix: "s_"))
            FROM main.rollups AS r LEFT JOIN \(database.summariesTable) AS s ON s.key = r.summary_key \(clause)
            """
        return try await database.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row in
                let columns = LenientRow(row)
                guard let path = columns.string("r_path"),
                      let kind = columns.string("r_kind").flatMap(Rollup.Kind.init(rawValue:)) else { return nil }
                return Rollup(path: path, kind: kind, childrenHash: columns.string("r_children_hash") ?? "",
                              summaryKey: columns.string("r_summary_key") ?? "", summary: Summary(columns: columns, prefix: "s_"))
            }
        }
    }
}
