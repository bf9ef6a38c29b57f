import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// The shared summary cache on PostgreSQL: the third layer behind memory and SQLite.
///
/// One `PostgresClient` (postgres-nio's connection pool) per process. `connect` opens one
/// connection first to report a wrong password, a missing database or missing TLS as one clear
/// line, then migrates the schema. Every call has a deadline (`RemoteCacheOptions`), so a slow
/// or vanished server fails fast and the caller can go on without it.
///
/// Lookups and inserts are batched (`key = ANY($1)`, `unnest` arrays); inserts never overwrite
/// (`ON CONFLICT DO NOTHING`): a summary for a key is the same whoever paid for it.
public final class RemoteSummaryCache: Sendable {
    public let location: RemoteCacheLocation
    public let options: RemoteCacheOptions
    /// This process's lease holder id: host, pid and a random part.
    public let holder: String
    private let client: PostgresClient
    private let runTask: Task<Void, Never>
    private let logger = Logger(label: "mu.remote-cache", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(location: RemoteCacheLocation, options: RemoteCacheOptions, client: PostgresClient,
                 runTask: Task<Void, Never>) {
        self.location = location
        self.options = options
        self.client = client
        self.runTask = runTask
        self.holder = Self.makeHolderID()
    }

    deinit { runTask.cancel() }

    /// Connects, checks the credentials, database and TLS, and creates or migrates the schema.
    ///
    /// - Throws: `RemoteCacheError` with a one-line message.
    public static func connect(_ location: RemoteCacheLocation,
                               options: RemoteCacheOptions = RemoteCacheOptions()) async throws(RemoteCacheError)
        -> RemoteSummaryCache {
        do {
            let tls = try tlsSettings(location)
            let seconds = seconds(options.connectTimeout)
            let limit = options.connectTimeout + options.operationTimeout
            let connectionConfiguration = {
                var configuration = PostgresConnection.Configuration(
                    host: location.host, port: location.port, username: location.user, password: location.password,
                    database: location.database, tls: tls.connection)
                configuration.options.connectTimeout = .milliseconds(Int64(seconds * 1000))
                return configuration
            }()
            let logger = Logger(label: "mu.remote-cache", factory: { _ in SwiftLogNoOpLogHandler() })
            // One direct connection: its errors are precise (the pool would retry and wait), and it
            // migrates the schema.
            try await withDeadline(limit, onTimeout: {
                RemoteCacheError.timedOut(location: location.description, operation: "connecting",
                                          seconds: Self.seconds(limit))
            }) {
                let connection = try await PostgresConnection.connect(configuration: connectionConfiguration, id: 1,
                                                                      logger: logger)
                do {
                    try await RemoteSchema.migrate(connection, location: location.description, logger: logger)
                    try await connection.close()
                } catch {
                    try? await connection.close()
                    throw error
                }
            }
            var configuration = PostgresClient.Configuration(
                host: location.host, port: location.port, username: location.user, password: location.password,
                database: location.database, tls: tls.client)
            configuration.options.connectTimeout = options.connectTimeout
            configuration.options.maximumConnections = max(1, options.maximumConnections)
            configuration.options.keepAliveBehavior = nil
            let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
            let runTask = Task { await client.run() }
            return RemoteSummaryCache(location: location, options: options, client: client, runTask: runTask)
        } catch {
            throw RemoteCacheError.classify(error, location: location)
        }
    }

    /// Closes the pool's connections.
    public func shutdown() { runTask.cancel() }

    // MARK: Summaries

    /// The summaries stored for `keys` (any order; keys without one are absent).
    public func lookup(_ keys: [String]) async throws(RemoteCacheError) -> [Summary] {
        guard !keys.isEmpty else { return [] }
        var found: [Summary] = []
        for chunk in Array(Set(keys)).chunked(5000) {
            let batch = Array(chunk)
            found += try await run("lookup") { client, logger in
                let rows = try await client.query("""
                    SELECT key, body_hash, prompt_version, model, params, bullets, input_tokens, output_tokens,
                           cost_usd, provider, truncated, extract(epoch FROM created_at)::float8,
                           latency_ms, cache_read_tokens, cache_write_tokens
                    FROM mu_summaries WHERE key = ANY(\(batch))
                    """, logger: logger)
                var result: [Summary] = []
                for try await row in rows {
                    if let summary = Self.summary(row) { result.append(summary) }
                }
                return result
            }
        }
        return found
    }

    /// Stores summaries the remote lacks; never replaces an existing row. Returns how many were new.
    @discardableResult
    public func insert(_ summaries: [Summary]) async throws(RemoteCacheError) -> Int {
        try await publish(summaries, releasing: false)
    }

    /// Stores the summaries and, in the same statement, releases this holder's leases on their keys.
    @discardableResult
    public func publish(_ summaries: [Summary], releasing: Bool = true) async throws(RemoteCacheError) -> Int {
        let valid = summaries.filter { $0.validationFailure == nil }
        guard !valid.isEmpty else { return 0 }
        var inserted = 0
        for chunk in valid.chunked(1000) {
            let rows = Array(chunk)
            let keys = rows.map(\.key), hashes = rows.map(\.bodyHash), versions = rows.map(\.promptVersion)
            let models = rows.map(\.model), params = rows.map(\.params), bullets = rows.map(\.bulletsJSON)
            let inputs = rows.map(\.inputTokens), outputs = rows.map(\.outputTokens), costs = rows.map(\.costUSD)
            let providers = rows.map(\.provider), truncated = rows.map(\.truncated)
            let latencies = rows.map(\.latencyMS), cacheReads = rows.map(\.cacheReadTokens)
            let cacheWrites = rows.map(\.cacheWriteTokens)
            let created = rows.map(\.createdAt.timeIntervalSince1970)
            let holder = releasing ? self.holder : ""
            inserted += try await run("insert") { client, logger in
                let result = try await client.query("""
                    WITH added AS (
                        INSERT INTO mu_summaries (key, body_hash, prompt_version, model, params, bullets, input_tokens,
                                                  output_tokens, cost_usd, provider, truncated, created_at, last_used_at,
                                                  latency_ms, cache_read_tokens, cache_write_tokens)
                        SELECT k, h, v, m, p, b, i, o, c, pr, t, to_timestamp(cr), now(), l, cw, cx
                        FROM unnest(\(keys)::text[], \(hashes)::text[], \(versions)::text[], \(models)::text[],
                                    \(params)::text[], \(bullets)::text[], \(inputs)::int8[], \(outputs)::int8[],
                                    \(costs)::float8[], \(providers)::text[], \(truncated)::bool[], \(created)::float8[],
                                    \(latencies)::int8[], \(cacheReads)::int8[], \(cacheWrites)::int8[])
                             AS u(k, h, v, m, p, b, i, o, c, pr, t, cr, l, cw, cx)
                        ORDER BY k
                        ON CONFLICT (key) DO NOTHING
                        RETURNING key),
                    released AS (
                        DELETE FROM mu_leases WHERE holder = \(holder) AND key = ANY(\(keys)) RETURNING key)
                    SELECT (SELECT count(*) FROM added)::int8
                    """, logger: logger)
                for try await (count) in result.decode(Int.self) { return count }
                return 0
            }
        }
        return inserted
    }

    /// Of `keys`, those the remote has no summary for (what `mu cache push` uploads).
    public func missingKeys(_ keys: [String]) async throws(RemoteCacheError) -> [String] {
        guard !keys.isEmpty else { return [] }
        var missing: [String] = []
        for chunk in keys.chunked(5000) {
            let batch = Array(chunk)
            missing += try await run("lookup") { client, logger in
                let rows = try await client.query("""
                    SELECT k FROM unnest(\(batch)::text[]) AS k
                    WHERE NOT EXISTS (SELECT 1 FROM mu_summaries s WHERE s.key = k)
                    """, logger: logger)
                var result: [String] = []
                for try await (key) in rows.decode(String.self) { result.append(key) }
                return result
            }
        }
        return missing
    }

    // MARK: Last use and pruning

    /// Records that `keys` were used now (remote hits), one statement per 5,000 keys. Rows marked
    /// in the last hour are left alone, so a team reading the same summaries all day writes each
    /// row about once an hour, not once per hit. Returns how many rows were marked.
    @discardableResult
    public func markUsed(_ keys: [String]) async throws(RemoteCacheError) -> Int {
        guard !keys.isEmpty else { return 0 }
        var marked = 0
        for chunk in Array(Set(keys)).sorted().chunked(5000) {
            let batch = Array(chunk)
            marked += try await run("recording last use") { client, logger in
                let rows = try await client.query("""
                    WITH marked AS (
                        UPDATE mu_summaries SET last_used_at = now()
                        WHERE key = ANY(\(batch)) AND last_used_at < now() - interval '1 hour'
                        RETURNING 1)
                    SELECT count(*)::int8 FROM marked
                    """, logger: logger)
                for try await (count) in rows.decode(Int.self) { return count }
                return 0
            }
        }
        return marked
    }

    /// Deletes the summaries nobody used (published or hit) since `cutoff`, 10,000 rows per
    /// statement so each stays within the operation deadline, and the leases that expired (runs
    /// that died). A lease a live run holds is never touched.
    public func prune(unusedSince cutoff: Date) async throws(RemoteCacheError) -> RemotePruneResult {
        let seconds = cutoff.timeIntervalSince1970
        var result = RemotePruneResult(summaries: 0, expiredLeases: 0)
        while true {
            let removed: Int = try await run("pruning") { client, logger in
                let rows = try await client.query("""
                    WITH gone AS (
                        DELETE FROM mu_summaries WHERE key IN (
                            SELECT key FROM mu_summaries WHERE last_used_at < to_timestamp(\(seconds)) LIMIT 10000)
                        RETURNING 1)
                    SELECT count(*)::int8 FROM gone
                    """, logger: logger)
                for try await (count) in rows.decode(Int.self) { return count }
                return 0
            }
            result.summaries += removed
            if removed < 10000 { break }
        }
        result.expiredLeases = try await run("pruning") { client, logger in
            let rows = try await client.query("""
                WITH gone AS (DELETE FROM mu_leases WHERE expires_at < now() RETURNING 1)
                SELECT count(*)::int8 FROM gone
                """, logger: logger)
            for try await (count) in rows.decode(Int.self) { return count }
            return 0
        }
        return result
    }

    // MARK: Leases

    /// Claims the keys nobody else holds (new, released or expired leases) for `options.leaseSeconds`.
    ///
    /// Keys that already have a summary (or got one meanwhile) are not claimed but returned in
    /// `found`, so the caller never pays for a body someone already paid for.
    public func claim(_ keys: [String]) async throws(RemoteCacheError) -> LeaseClaim {
        let sorted = Array(Set(keys)).sorted()
        guard !sorted.isEmpty else { return LeaseClaim(claimed: [], found: []) }
        let holder = self.holder
        let ttl = options.leaseSeconds
        let claimed: [String] = try await run("claim") { client, logger in
            let rows = try await client.query("""
                INSERT INTO mu_leases (key, holder, expires_at)
                SELECT k, \(holder), now() + make_interval(secs => \(ttl))
                FROM unnest(\(sorted)::text[]) AS k
                WHERE NOT EXISTS (SELECT 1 FROM mu_summaries s WHERE s.key = k)
                ORDER BY k
                ON CONFLICT (key) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
                    WHERE mu_leases.expires_at < now() OR mu_leases.holder = EXCLUDED.holder
                RETURNING key
                """, logger: logger)
            var result: [String] = []
            for try await (key) in rows.decode(String.self) { result.append(key) }
            return result
        }
        // Summaries of the keys not claimed because they are done, and of claimed keys whose holder
        // published between our snapshot and our insert (those leases are given back at once).
        let found = try await lookup(sorted)
        let foundKeys = Set(found.map(\.key))
        let needless = claimed.filter { foundKeys.contains($0) }
        if !needless.isEmpty { try await release(needless) }
        return LeaseClaim(claimed: Set(claimed).subtracting(foundKeys), found: found)
    }

    /// Gives up this holder's leases on `keys` (a failed call: someone else may try).
    public func release(_ keys: [String]) async throws(RemoteCacheError) {
        guard !keys.isEmpty else { return }
        let holder = self.holder
        try await run("release") { client, logger in
            try await client.query("DELETE FROM mu_leases WHERE holder = \(holder) AND key = ANY(\(keys))",
                                   logger: logger)
        }
    }

    /// Extends every lease this holder has; returns how many.
    @discardableResult
    public func renewLeases() async throws(RemoteCacheError) -> Int {
        let holder = self.holder
        let ttl = options.leaseSeconds
        return try await run("renew") { client, logger in
            let rows = try await client.query("""
                WITH renewed AS (
                    UPDATE mu_leases SET expires_at = now() + make_interval(secs => \(ttl))
                    WHERE holder = \(holder) RETURNING key)
                SELECT count(*)::int8 FROM renewed
                """, logger: logger)
            for try await (count) in rows.decode(Int.self) { return count }
            return 0
        }
    }

    // MARK: Stats and health

    /// Entries, bytes and live leases.
    public func stats() async throws(RemoteCacheError) -> RemoteCacheStats {
        try await run("stats") { client, logger in
            let rows = try await client.query("""
                SELECT (SELECT count(*) FROM mu_summaries)::int8,
                       (SELECT coalesce(sum(octet_length(bullets)), 0) FROM mu_summaries)::int8,
                       pg_total_relation_size('mu_summaries')::int8,
                       (SELECT count(*) FROM mu_leases WHERE expires_at > now())::int8
                """, logger: logger)
            for try await (entries, text, table, leases) in rows.decode((Int, Int, Int, Int).self) {
                return RemoteCacheStats(entries: entries, textBytes: Int64(text), tableBytes: Int64(table),
                                        activeLeases: leases)
            }
            return RemoteCacheStats(entries: 0, textBytes: 0, tableBytes: 0, activeLeases: 0)
        }
    }

    /// Schema version and the privileges mu needs (`mu doctor`).
    public func health() async throws(RemoteCacheError) -> RemoteCacheHealth {
        try await run("health check") { client, logger in
            let rows = try await client.query("""
                SELECT coalesce((SELECT value FROM mu_meta WHERE key = 'schema_version'), '0'),
                       has_table_privilege('mu_summaries', 'SELECT'),
                       has_table_privilege('mu_summaries', 'INSERT'),
                       has_table_privilege('mu_summaries', 'UPDATE'),
                       has_table_privilege('mu_leases', 'INSERT'),
                       has_table_privilege('mu_leases', 'UPDATE'),
                       has_table_privilege('mu_leases', 'DELETE'),
                       current_setting('server_version')
                """, logger: logger)
            for try await (version, select, insert, update, leaseInsert, leaseUpdate, leaseDelete, server)
                in rows.decode((String, Bool, Bool, Bool, Bool, Bool, Bool, String).self) {
                var missing: [String] = []
                if !select { missing.append("SELECT on mu_summaries") }
                if !insert { missing.append("INSERT on mu_summaries") }
                if !update { missing.append("UPDATE on mu_summaries (to record last use)") }
                if !(leaseInsert && leaseUpdate && leaseDelete) { missing.append("INSERT, UPDATE, DELETE on mu_leases") }
                return RemoteCacheHealth(schemaVersion: Int(version) ?? 0, supportedVersion: RemoteSchema.version,
                                         serverVersion: server, missingPrivileges: missing)
            }
            throw RemoteCacheError.failed(location: self.location.description, reason: "no answer to the health check")
        }
    }

    // MARK: Plumbing

    /// Runs one operation on the pool with the operation deadline, translating every error.
    private func run<T: Sendable>(_ operation: String,
                                  _ body: @escaping @Sendable (PostgresClient, Logger) async throws -> T)
        async throws(RemoteCacheError) -> T {
        let client = self.client, logger = self.logger, location = self.location
        let limit = options.operationTimeout + options.connectTimeout
        do {
            return try await withDeadline(limit, onTimeout: {
                RemoteCacheError.timedOut(location: location.description, operation: operation,
                                          seconds: Self.seconds(limit))
            }) { try await body(client, logger) }
        } catch {
            throw RemoteCacheError.classify(error, location: location)
        }
    }

    private static func summary(_ row: PostgresRow) -> Summary? {
        let cells = row.makeRandomAccess()
        guard let key = try? cells[0].decode(String.self),
              let json = try? cells[5].decode(String.self),
              let bullets = try? JSONDecoder().decode([String].self, from: Data(json.utf8)), !bullets.isEmpty
        else { return nil }
        let created = (try? cells[11].decode(Double.self)) ?? 0
        return Summary(key: key, bodyHash: (try? cells[1].decode(String.self)) ?? "",
                       promptVersion: (try? cells[2].decode(String.self)) ?? "",
                       model: (try? cells[3].decode(String.self)) ?? "",
                       params: (try? cells[4].decode(String.self)) ?? "", bullets: bullets,
                       inputTokens: (try? cells[6].decode(Int.self)) ?? 0,
                       outputTokens: (try? cells[7].decode(Int.self)) ?? 0,
                       costUSD: (try? cells[8].decode(Double.self)) ?? 0,
                       latencyMS: (try? cells[12].decode(Int.self)) ?? 0,
                       cacheReadTokens: (try? cells[13].decode(Int.self)) ?? 0,
                       cacheWriteTokens: (try? cells[14].decode(Int.self)) ?? 0,
                       provider: (try? cells[9].decode(String.self)) ?? "",
                       truncated: (try? cells[10].decode(Bool.self)) ?? false,
                       createdAt: Date(timeIntervalSince1970: created))
    }

    /// TLS settings for the probe connection and for the pool, from `sslmode`.
    private static func tlsSettings(_ location: RemoteCacheLocation) throws
        -> (connection: PostgresConnection.Configuration.TLS, client: PostgresClient.Configuration.TLS) {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch location.sslMode {
        case .disable:
            return (.disable, .disable)
        case .prefer, .require:
            configuration.certificateVerification = .none
        case .verifyFull:
            configuration.certificateVerification = .fullVerification
            if let root = location.sslRootCertificate {
                configuration.trustRoots = .file(root)
            }
        }
        let context = try NIOSSLContext(configuration: configuration)
        return location.sslMode == .prefer
            ? (.prefer(context), .prefer(configuration))
            : (.require(context), .require(configuration))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func makeHolderID() -> String {
        let host = ProcessInfo.processInfo.hostName
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return "\(host):\(getpid()):\(random)"
    }
}

/// The outcome of `RemoteSummaryCache.claim`.
public struct LeaseClaim: Sendable, Hashable {
    /// Keys this holder now holds: it should send them and publish the results.
    public var claimed: Set<String>
    /// Keys whose summary appeared meanwhile (not claimed).
    public var found: [Summary]

    public init(claimed: Set<String>, found: [Summary]) {
        self.claimed = claimed
        self.found = found
    }
}

/// What `mu cache prune --remote` removed.
public struct RemotePruneResult: Sendable, Hashable {
    /// Summaries unused since the cutoff.
    public var summaries: Int
    /// Leases of runs that stopped renewing them (never a live run's).
    public var expiredLeases: Int
}

/// What `mu cache stats` shows about the remote layer.
public struct RemoteCacheStats: Sendable, Hashable, Codable {
    public var entries: Int
    /// Bytes of summary text (the JSON bullets).
    public var textBytes: Int64
    /// Bytes of the table with its indexes and TOAST.
    public var tableBytes: Int64
    /// Leases not yet expired (work in progress on some machine).
    public var activeLeases: Int
}

/// What `mu doctor` checks on the remote layer.
public struct RemoteCacheHealth: Sendable, Hashable {
    public var schemaVersion: Int
    public var supportedVersion: Int
    public var serverVersion: String
    /// Privileges mu needs and the role lacks (empty when all is well).
    public var missingPrivileges: [String]
}
