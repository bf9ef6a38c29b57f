import Foundation
import MuTestSupport
import Testing
@testable import MuStore

/// The PostgreSQL layer against a real server: a throw-away cluster started by the tests.
@Suite("RemoteSummaryCache: real PostgreSQL")
struct RemoteSummaryCacheTests {
    static func summary(_ key: String, model: String = "m1") -> Summary {
        Summary(key: key, bodyHash: "h-\(key)", promptVersion: "p1", model: model, params: "t=0",
                bullets: ["Does \(key).", "Returns the result."], inputTokens: 100, outputTokens: 20, costUSD: 0.001,
                latencyMS: 850, cacheReadTokens: 512, cacheWriteTokens: 16, provider: "test", truncated: key.hasSuffix("t"), createdAt: Date(timeIntervalSince1970: 1_700_000_000))
    }

    static func connect(_ cluster: PostgresTestCluster, database: String,
                        options: RemoteCacheOptions = RemoteCacheOptions()) async throws -> RemoteSummaryCache {
        let location = try RemoteCacheLocation(url: cluster.url(database: database, password: cluster.password),
                                               fromEnvironment: true, environmentPassword: nil)
        return try await RemoteSummaryCache.connect(location, options: options)
    }

    @Test func storesAndFindsSummariesInBatches() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let database = try await cluster.createDatabase()
        let cache = try await Self.connect(cluster, database: database)
        defer { cache.shutdown() }
        let summaries = (0..<1500).map { Self.summary("k\($0)") } + [Self.summary("kt")]
        #expect(try await cache.insert(summaries) == 1501)
        // Never overwrites: the same keys again insert nothing.
        var changed = Self.summary("k1")
        changed.bullets = ["Something else."]
        #expect(try await cache.insert([changed]) == 0)

        let found = try await cache.lookup(["k1", "k1499", "kt", "absent"])
        let byKey = Dictionary(uniqueKeysWithValues: found.map { ($0.key, $0) })
        #expect(Set(byKey.keys) == ["k1", "k1499", "kt"])
        #expect(byKey["k1"] == Self.summary("k1"))
        #expect(byKey["kt"]?.truncated == true)
        #expect(try await cache.missingKeys(["k1", "new1", "new2"]).sorted() == ["new1", "new2"])

        let stats = try await cache.stats()
        #expect(stats.entries == 1501)
        #expect(stats.textBytes > 1501 * 20)
        #expect(stats.tableBytes > 0)
    }

    @Test func twoMachinesStartingAtOnceCreateTheSchemaOnce() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let database = try await cluster.createDatabase()
        let caches = try await withThrowingTaskGroup(of: RemoteSummaryCache.self) { group in
            for _ in 0..<6 { group.addTask { try await Self.connect(cluster, database: database) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(caches.count == 6)
        let health = try await caches[0].health()
        #expect(health.schemaVersion == RemoteSchema.version && health.missingPrivileges.isEmpty)
        #expect(try await cluster.query("SELECT value FROM mu_meta WHERE key = 'schema_version'", database: database)
            .trimmingCharacters(in: .whitespacesAndNewlines) == String(RemoteSchema.version))
        for cache in caches { cache.shutdown() }
    }

    /// A cache set up by a schema-1 mu (no provenance columns) gains them on connect; its rows read back with zeros.
    @Test func aVersion1CacheMigratesAndKeepsItsRows() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let database = try await cluster.createDatabase()
        for statement in RemoteSchema.steps[0] {
            _ = try await cluster.query(statement.sql, database: database)
        }
        _ = try await cluster.query("CREATE TABLE mu_meta (key text PRIMARY KEY, value text NOT NULL)", database: database)
        _ = try await cluster.query("INSERT INTO mu_meta VALUES ('schema_version', '1')", database: database)
        _ = try await cluster.query("""
            INSERT INTO mu_summaries (key, body_hash, prompt_version, model, params, bullets, provider)
            VALUES ('old', 'h', 'p1', 'm1', 't=0', '["Reads the file."]', 'anthropic')
            """, database: database)
        let cache = try await Self.connect(cluster, database: database)
        defer { cache.shutdown() }
        #expect(try await cache.health().schemaVersion == RemoteSchema.version)
        #expect(try await cluster.query("SELECT to_regclass('mu_summaries_last_used') IS NOT NULL", database: database)
            .trimmingCharacters(in: .whitespacesAndNewlines) == "t")
        let old = try #require(try await cache.lookup(["old"]).first)
        #expect(old.bullets == ["Reads the file."])
        #expect(old.latencyMS == 0 && old.cacheReadTokens == 0 && old.cacheWriteTokens == 0)
        #expect(try await cache.insert([Self.summary("new")]) == 1)
        let new = try #require(try await cache.lookup(["new"]).first)
        #expect(new.latencyMS == 850 && new.cacheReadTokens == 512 && new.cacheWriteTokens == 16)
    }

    /// Last use is recorded in one statement for many keys (rows marked within the hour are left
    /// alone); pruning removes the summaries unused since the cutoff and the leases of dead runs,
    /// never a lease a live run holds.
    @Test func pruningDropsUnusedSummariesAndDeadLeasesOnly() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let database = try await cluster.createDatabase()
        let cache = try await Self.connect(cluster, database: database)
        defer { cache.shutdown() }
        try await cache.insert(["old", "hit", "new"].map { Self.summary($0) })
        try await cluster.query("UPDATE mu_summaries SET last_used_at = now() - interval '100 days' WHERE key <> 'new'",
                                database: database)
        #expect(try await cache.markUsed(["hit", "new", "absent"]) == 1)  // "new" was used within the hour
        #expect(try await cache.claim(["live"]).claimed == ["live"])
        try await cluster.query("INSERT INTO mu_leases VALUES ('dead', 'gone:1:x', now() - interval '1 minute')",
                                database: database)

        let pruned = try await cache.prune(unusedSince: Date().addingTimeInterval(-90 * 86_400))
        #expect(pruned == RemotePruneResult(summaries: 1, expiredLeases: 1))
        #expect(Set(try await cache.lookup(["old", "hit", "new"]).map(\.key)) == ["hit", "new"])
        #expect(try await cluster.query("SELECT key FROM mu_leases", database: database)
            .trimmingCharacters(in: .whitespacesAndNewlines) == "live")
        // Nothing older than a day left to prune: a second run removes nothing.
        #expect(try await cache.prune(unusedSince: Date().addingTimeInterval(-86_400))
            == RemotePruneResult(summaries: 0, expiredLeases: 0))
    }

    /// A role without UPDATE on mu_summaries reads and writes, cannot record last use, and
    /// `health` names the missing privilege.
    @Test func aRoleWithoutUpdateWorksAndDoctorNamesWhatIsMissing() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let database = try await cluster.createDatabase()
        try await Self.connect(cluster, database: database).shutdown()  // the owner sets the schema up
        let role = "reader_\(UUID().uuidString.prefix(6).lowercased())"
        try await cluster.query("CREATE ROLE \(role) LOGIN PASSWORD 'pw'", database: database)
        try await cluster.query("GRANT SELECT, INSERT ON mu_summaries, mu_meta TO \(role)", database: database)
        try await cluster.query("GRANT SELECT, INSERT, UPDATE, DELETE ON mu_leases TO \(role)", database: database)
        let location = try RemoteCacheLocation(url: cluster.url(database: database, user: role, password: "pw"),
                                               fromEnvironment: true, environmentPassword: nil)
        let cache = try await RemoteSummaryCache.connect(location)
        defer { cache.shutdown() }
        #expect(try await cache.insert([Self.summary("r")]) == 1)
        #expect(try await cache.lookup(["r"]).count == 1)
        #expect(try await cache.health().missingPrivileges == ["UPDATE on mu_summaries (to record last use)"])
        let refused = await Self.failure { _ = try await cache.markUsed(["r"]) }
        guard case .permissionDenied? = refused else {
            Issue.record("expected permission denied, got \(String(describing: refused))")
            return
        }
    }

    @Test func refusesASchemaFromANewerMu() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let database = try await cluster.createDatabase()
        try await Self.connect(cluster, database: database).shutdown()
        try await cluster.query("UPDATE mu_meta SET value = '99' WHERE key = 'schema_version'", database: database)
        await #expect(throws: RemoteCacheError.self) { try await Self.connect(cluster, database: database) }
        do {
            _ = try await Self.connect(cluster, database: database)
        } catch let error as RemoteCacheError {
            #expect(error.description.contains("newer mu (schema 99 > \(RemoteSchema.version))"))
        }
    }

    @Test func aKeyIsClaimedByOneHolderAtATime() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let database = try await cluster.createDatabase()
        let a = try await Self.connect(cluster, database: database)
        let b = try await Self.connect(cluster, database: database)
        defer { a.shutdown(); b.shutdown() }
        #expect(a.holder != b.holder)
        try await a.insert([Self.summary("done")])

        let first = try await a.claim(["x", "y", "done"])
        #expect(first.claimed == ["x", "y"])
        #expect(first.found.map(\.key) == ["done"])
        let second = try await b.claim(["x", "y", "z"])
        #expect(second.claimed == ["z"])
        // Claiming again what one already holds renews it.
        #expect(try await a.claim(["x"]).claimed == ["x"])

        // A published result releases the lease; the key is then a hit, never claimed again.
        try await a.publish([Self.summary("x")])
        let third = try await b.claim(["x"])
        #expect(third.claimed.isEmpty && third.found.map(\.key) == ["x"])
        // A released lease (a failed call) can be taken by another.
        try await a.release(["y"])
        #expect(try await b.claim(["y"]).claimed == ["y"])
        #expect(try await b.renewLeases() == 2)
    }

    @Test func anExpiredLeaseIsTakenOver() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let database = try await cluster.createDatabase()
        let short = RemoteCacheOptions(leaseSeconds: 3)
        let dead = try await Self.connect(cluster, database: database, options: short)
        let other = try await Self.connect(cluster, database: database, options: short)
        defer { other.shutdown() }
        let clock = ContinuousClock()
        let claimedAt = clock.now
        #expect(try await dead.claim(["a", "b"]).claimed == ["a", "b"])
        dead.shutdown()  // the machine died holding its leases
        let early = try await other.claim(["a", "b"]).claimed
        if clock.now - claimedAt < .seconds(2.5) { #expect(early.isEmpty) }
        try await Task.sleep(until: claimedAt + .seconds(3.5))
        #expect(try await other.claim(["a", "b"]).claimed == ["a", "b"])
    }

    @Test func wrongPasswordIsOneClearLine() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let database = try await cluster.createDatabase()
        let location = try RemoteCacheLocation(url: cluster.url(database: database, password: "wrong"),
                                               fromEnvironment: true, environmentPassword: nil)
        let error = await Self.failure { try await RemoteSummaryCache.connect(location) }
        #expect(error == .authenticationFailed(location: location.description, user: cluster.superuser))
        #expect(error?.description.contains("wrong") == false || location.description.contains("***"))
        #expect(error?.description.contains("wrong password?") == true)
        #expect(error?.description.contains("\n") == false)

        // No password at all: the server asks for one.
        let none = try RemoteCacheLocation(url: cluster.url(database: database), fromEnvironment: true,
                                           environmentPassword: nil)
        let missing = await Self.failure { try await RemoteSummaryCache.connect(none) }
        #expect(missing == .passwordRequired(location: none.description, user: cluster.superuser))
    }

    @Test func wrongDatabaseIsOneClearLine() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let location = try RemoteCacheLocation(url: cluster.url(database: "no_such_db", password: cluster.password),
                                               fromEnvironment: true, environmentPassword: nil)
        let error = await Self.failure { try await RemoteSummaryCache.connect(location) }
        #expect(error == .databaseMissing(location: location.description, database: "no_such_db"))
        #expect(error?.description.contains(cluster.password) == false)
    }

    @Test func tlsRequiredButNotOfferedIsOneClearLine() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let database = try await cluster.createDatabase()
        for mode in ["require", "verify-full"] {
            let location = try RemoteCacheLocation(url: cluster.url(database: database, password: cluster.password,
                                                                    sslmode: mode),
                                                   fromEnvironment: true, environmentPassword: nil)
            let error = await Self.failure { try await RemoteSummaryCache.connect(location) }
            #expect(error == .tlsNotOffered(location: location.description))
        }
        // prefer: falls back to a plain connection.
        let prefer = try RemoteCacheLocation(url: cluster.url(database: database, password: cluster.password,
                                                              sslmode: "prefer"),
                                             fromEnvironment: true, environmentPassword: nil)
        try await RemoteSummaryCache.connect(prefer).shutdown()
    }

    /// A server that speaks TLS only (its pg_hba.conf has `hostssl` lines only): `require` connects
    /// without checking the certificate, `verify-full` connects when `sslrootcert` names the
    /// authority that signed it, and refuses, in one line, a server signed by another authority.
    @Test func tlsConnectsAndVerifiesTheServerCertificate() async throws {
        let cluster = try await PostgresTestCluster.start(tls: true)
        defer { cluster.stop() }
        let authority = try #require(cluster.certificates).authority
        let database = try await cluster.createDatabase()
        func location(_ mode: String, root: URL? = nil) throws -> RemoteCacheLocation {
            let url = cluster.url(database: database, password: cluster.password, sslmode: mode)
                + (root.map { "&sslrootcert=\($0.path)" } ?? "")
            return try RemoteCacheLocation(url: url, fromEnvironment: true, environmentPassword: nil)
        }

        // The server refuses plain connections, so every success below went over TLS.
        let plain = await Self.failure { try await RemoteSummaryCache.connect(try location("disable")) }
        #expect(plain != nil)

        let required = try await RemoteSummaryCache.connect(try location("require"))
        #expect(try await required.insert([Self.summary("over-tls")]) == 1)
        required.shutdown()

        let verified = try await RemoteSummaryCache.connect(try location("verify-full", root: authority))
        #expect(try await verified.lookup(["over-tls"]).map(\.key) == ["over-tls"])
        verified.shutdown()

        // Another authority, or none (the system store does not know this one): refused, one line.
        let otherDirectory = cluster.directory.appendingPathComponent("other-ca")
        let other = try await PostgresTestCluster.offload {  // openssl blocks: not on the cooperative pool
            try TestCertificates.make(in: otherDirectory, name: "someone else's CA")
        }
        for root in [other.authority, nil] {
            let wrong = try location("verify-full", root: root)
            let error = await Self.failure { try await RemoteSummaryCache.connect(wrong) }
            guard case .tlsFailed? = error else {
                Issue.record("expected a TLS failure, got \(String(describing: error))")
                continue
            }
            let line = error?.description ?? ""
            #expect(line.contains("TLS failed: the server's certificate is not signed by ")
                && line.contains(root.map { "the CA in \($0.path)" } ?? "a CA in the system store"))
            #expect(!line.contains("\n") && !line.contains(cluster.password))
        }
    }

    @Test func anUnreachableServerFailsFast() async throws {
        let port = try PostgresTestCluster.freePort()
        let location = RemoteCacheLocation(host: "127.0.0.1", port: port, user: "mu", database: "mu",
                                           sslMode: .disable, password: "x")
        let clock = ContinuousClock()
        let started = clock.now
        let error = await Self.failure { try await RemoteSummaryCache.connect(location) }
        // Within the connect deadline (3 + 10 s), with slack for a loaded 2-core machine running
        // every suite at once; alone it takes milliseconds.
        #expect(clock.now - started < .seconds(20))
        switch error {
        case .unreachable(_, let reason)?: #expect(reason == "connection refused")
        case .timedOut?: break  // the machine was too busy to even see the refusal in time: still not a hang
        default: Issue.record("expected unreachable, got \(String(describing: error))")
        }
    }

    @Test func aStoppedServerFailsEachCallWithinItsDeadline() async throws {
        let cluster = try await PostgresTestCluster.start()
        defer { cluster.stop() }
        let database = try await cluster.createDatabase()
        let cache = try await Self.connect(cluster, database: database)
        defer { cache.shutdown() }
        try await cache.insert([Self.summary("k")])
        try await cluster.stopServer()
        let clock = ContinuousClock()
        let started = clock.now
        let error = await Self.failure { _ = try await cache.lookup(["k"]) }
        #expect(error != nil)
        #expect(clock.now - started < .seconds(20))  // the deadline is 13 s; a refused connection is much faster
    }

    static func failure(_ body: () async throws -> Void) async -> RemoteCacheError? {
        do {
            try await body()
            return nil
        } catch let error as RemoteCacheError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    static func failure(_ body: () async throws -> RemoteSummaryCache) async -> RemoteCacheError? {
        await failure { () async throws -> Void in _ = try await body() }
    }
}

@Suite("RemoteCacheLocation: URLs and secrets")
struct RemoteCacheLocationTests {
    @Test func parsesAndMasks() throws {
        let location = try RemoteCacheLocation(url: "postgres://team:s3cret@db.example:6543/summaries?sslmode=require",
                                               fromEnvironment: true, environmentPassword: "other")
        #expect(location.host == "db.example" && location.port == 6543 && location.user == "team")
        #expect(location.database == "summaries" && location.sslMode == .require && location.password == "s3cret")
        #expect(location.description == "postgres://team:***@db.example:6543/summaries?sslmode=require")
        #expect(!location.description.contains("s3cret"))
    }

    @Test func passwordComesFromTheEnvironmentOnly() throws {
        let location = try RemoteCacheLocation(url: "postgresql://team@db/summaries", fromEnvironment: false,
                                               environmentPassword: "from-pgpassword")
        #expect(location.password == "from-pgpassword" && location.port == 5432 && location.sslMode == .prefer)
        #expect(throws: RemoteCacheError.passwordInFile) {
            try RemoteCacheLocation(url: "postgres://team:s3cret@db/summaries", fromEnvironment: false,
                                    environmentPassword: nil)
        }
    }

    @Test func badURLsAreClearAndMasked() {
        for (url, fragment) in [("mysql://a@b/c", "expected postgres://"), ("postgres://a@b", "no database"),
                                ("postgres://b/c", "no user"), ("postgres://a@b/c?sslmode=maybe", "sslmode must be"),
                                ("postgres://a:pw@b/c?foo=1", "unknown parameter foo")] {
            do {
                _ = try RemoteCacheLocation(url: url, fromEnvironment: true, environmentPassword: nil)
                Issue.record("\(url) accepted")
            } catch {
                #expect(error.description.contains(fragment), "\(url): \(error)")
                #expect(!error.description.contains("pw@"))
            }
        }
        #expect(RemoteCacheLocation.mask("postgres://u:secret@h/d") == "postgres://u:***@h/d")
    }
}
