import Logging
import PostgresNIO

/// The tables of the shared cache and their versioned, idempotent migration.
///
/// Several machines may start at once against an empty database: the migration runs in one
/// transaction under a transaction-scoped advisory lock, so one of them creates the tables and
/// the others find them. A database whose `mu_meta.schema_version` is higher than `version`
/// was set up by a newer mu and is refused, never downgraded.
enum RemoteSchema {
    /// Version written to `mu_meta.schema_version`.
    static let version = 3
    /// Advisory lock key (the bytes of "mu-cache" as a 64-bit integer).
    static let lockKey: Int64 = 0x6D75_2D63_6163_6865

    /// Steps from version N-1 to N; index 0 creates version 1, index 1 adds the provenance
    /// columns, index 2 indexes `last_used_at` for `mu cache prune --remote` (idempotent, so a
    /// half-migrated database or a hand-added column or index is fine).
    static let steps: [[PostgresQuery]] = [[
        """
        CREATE TABLE IF NOT EXISTS mu_summaries (
            key text PRIMARY KEY,
            body_hash text NOT NULL,
            prompt_version text NOT NULL,
            model text NOT NULL,
            params text NOT NULL,
            bullets text NOT NULL,
            input_tokens bigint NOT NULL DEFAULT 0,
            output_tokens bigint NOT NULL DEFAULT 0,
            cost_usd double precision NOT NULL DEFAULT 0,
            provider text NOT NULL,
            truncated boolean NOT NULL DEFAULT false,
            created_at timestamptz NOT NULL DEFAULT now(),
            last_used_at timestamptz NOT NULL DEFAULT now())
        """,
        """
        CREATE TABLE IF NOT EXISTS mu_leases (
            key text PRIMARY KEY,
            holder text NOT NULL,
            expires_at timestamptz NOT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS mu_leases_holder ON mu_leases (holder)",
        "CREATE INDEX IF NOT EXISTS mu_summaries_model ON mu_summaries (model)",
    ], [
        "ALTER TABLE mu_summaries ADD COLUMN IF NOT EXISTS latency_ms bigint NOT NULL DEFAULT 0",
        "ALTER TABLE mu_summaries ADD COLUMN IF NOT EXISTS cache_read_tokens bigint NOT NULL DEFAULT 0",
        "ALTER TABLE mu_summaries ADD COLUMN IF NOT EXISTS cache_write_tokens bigint NOT NULL DEFAULT 0",
    ], [
        "CREATE INDEX IF NOT EXISTS mu_summaries_last_used ON mu_summaries (last_used_at)",
    ]]

    /// The version stored in `mu_meta`, or nil when mu's tables do not exist yet.
    static func storedVersion(_ connection: PostgresConnection, logger: Logger) async throws -> Int? {
        let exists = try await connection.query("SELECT to_regclass('mu_meta') IS NOT NULL", logger: logger)
        for try await (present) in exists.decode(Bool.self) where !present { return nil }
        let rows = try await connection.query("SELECT value FROM mu_meta WHERE key = 'schema_version'", logger: logger)
        for try await (value) in rows.decode(String.self) { return Int(value) ?? 0 }
        return nil
    }

    /// Brings the database to `version`. Returns the version found before.
    @discardableResult
    static func migrate(_ connection: PostgresConnection, location: String, logger: Logger) async throws -> Int? {
        // Fast path without a lock or DDL: a role that may only read and write rows can use a
        // cache someone else set up.
        if let found = try await storedVersion(connection, logger: logger), found >= version {
            if found > version { throw RemoteCacheError.newerSchema(location: location, found: found, supported: version) }
            return found
        }
        return try await connection.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS mu_meta (key text PRIMARY KEY, value text NOT NULL)",
                                       logger: logger)
            let found = try await storedVersion(connection, logger: logger)
            let current = found ?? 0
            if current > version {
                throw RemoteCacheError.newerSchema(location: location, found: current, supported: version)
            }
            for step in steps[current..<version] {
                for statement in step { try await connection.query(statement, logger: logger) }
            }
            let text = String(version)
            try await connection.query("""
                INSERT INTO mu_meta (key, value) VALUES ('schema_version', \(text))
                ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
                """, logger: logger)
            return found
        }
    }
}
