import Foundation
import MuKit
import MuStore
import MuTestSupport
import Testing

/// The shared PostgreSQL layer in real runs: a real server (throw-away cluster), real git
/// repositories, and the provider faked on 127.0.0.1 (ollama wire format) so calls can be counted.
@Suite("Shared cache on PostgreSQL: runs on several machines")
struct SharedCacheTests {
    /// Warnings a run printed, collected for assertions.
    final class Warnings: @unchecked Sendable {
        // @unchecked Sendable: `lines` is only touched under `lock`.
        private let lock = NSLock()
        private var stored: [String] = []
        func add(_ line: String) { lock.lock(); stored.append(line); lock.unlock() }
        var lines: [String] { lock.lock(); defer { lock.unlock() }; return stored }
    }

    /// A checkout with `count` distinct functions (the same content in every clone).
    static func checkout(functions count: Int) throws -> TempGitRepository {
        let repo = try TempGitRepository()
        var source = ""
        for i in 0..<count { source += "def work\(i)(value):\n    return value * \(i) + \(i * 7)\n\n\n" }
        try repo.write("jobs.py", source)
        try repo.commitAll()
        return repo
    }

    /// A workspace whose configuration names the fake provider and, through `MU_CACHE_URL`, the server.
    static func workspace(_ repo: TempGitRepository, provider: FakeProviderServer, cacheURL: String?,
                          concurrency: Int = 4) throws -> (Workspace, [String: String]) {
        try repo.write(".murc.toml", """
            [llm]
            provider = "ollama"
            model = "llama3.2"
            concurrency = \(concurrency)
            max_retries = 0
            [llm.ollama]
            base_url = "\(provider.baseURL.absoluteString)"
            """)
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        if let cacheURL { environment["MU_CACHE_URL"] = cacheURL }
        let loader = ConfigLoader(environment: environment, homeDirectory: repo.root.appendingPathComponent(".home"))
        return (try Workspace(path: repo.root.path, loader: loader), environment)
    }

    /// Four files in two directories, three functions each: 12 function summaries and 7 roll-ups
    /// (4 files, `lib`, `tools`, the repository).
    static func tree() throws -> TempGitRepository {
        let repo = try TempGitRepository()
        for (file, base) in [("lib/a.py", 0), ("lib/b.py", 3), ("tools/c.py", 6), ("tools/d.py", 9)] {
            var source = ""
            for i in base..<(base + 3) { source += "def step\(i)(value):\n    return value * \(i) + \(i * 7)\n\n\n" }
            try repo.write(file, source)
        }
        try repo.commitAll()
        return repo
    }

    static func run(_ repo: TempGitRepository, provider: FakeProviderServer, cacheURL: String?,
                    options: RemoteCacheOptions = RemoteCacheOptions(), warnings: Warnings = Warnings(),
                    rollups: Bool = false) async throws -> SummarizeReport {
        let (workspace, environment) = try workspace(repo, provider: provider, cacheURL: cacheURL)
        var summarizer = try Summarizer(workspace: workspace)
        summarizer.rollups = rollups
        summarizer.sharedCache = try await SharedCacheLayer.open(workspace.config, environment: environment,
                                                                 required: false, options: options,
                                                                 warn: { warnings.add($0) })
        let report = try await summarizer.run()
        await summarizer.sharedCache?.close()
        return report
    }

    @Test func aSecondCloneWithItsOwnLocalCachePaysNothing() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let database = try await cluster.createDatabase()
        let url = cluster.url(database: database, password: cluster.password)
        let provider = try await FakeProviderServer.start(.ollama)
        defer { Task { await provider.stop() } }
        let first = try Self.checkout(functions: 12)
        let second = try Self.checkout(functions: 12)

        let paid = try await Self.run(first, provider: provider, cacheURL: url)
        #expect(paid.summarized == 12 && paid.cacheHitsRemote == 0)
        #expect(await provider.requestCount() == 12)
        // As if last used long ago: the second clone's remote hits mark them used again.
        try await cluster.query("UPDATE mu_summaries SET last_used_at = now() - interval '100 days'",
                                database: database)

        let free = try await Self.run(second, provider: provider, cacheURL: url)
        #expect(await provider.requestCount() == 12)  // not one more call
        #expect(free.cacheHitsRemote == 12 && free.summarized == 0 && free.failed == 0)
        // Remote hits were copied into the second clone's own SQLite layer.
        let (workspace, _) = try Self.workspace(second, provider: provider, cacheURL: nil)
        let local = SummaryCache(database: try workspace.openDatabase(create: false))
        #expect(try await local.stats().entries == 12)
        let index = SymbolIndex(database: try workspace.openDatabase(create: false))
        #expect(try await index.query("work3").first?.function.summary?.bullets.isEmpty == false)
        #expect(try await cluster.query("SELECT count(*) FROM mu_summaries WHERE last_used_at > now() - interval '1 hour'",
                                        database: database).trimmingCharacters(in: .whitespacesAndNewlines) == "12")
    }

    /// `publish` queues and returns; one statement carries whatever queued meanwhile, and `flush`
    /// waits until all of it is in the shared cache with its leases released.
    @Test func resultsArePublishedInBatchesOffTheCallersPath() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let database = try await cluster.createDatabase()
        let provider = try await FakeProviderServer.start(.ollama)
        defer { Task { await provider.stop() } }
        let repo = try Self.checkout(functions: 1)
        let (workspace, environment) = try Self.workspace(
            repo, provider: provider, cacheURL: cluster.url(database: database, password: cluster.password))
        let layer = try #require(try await SharedCacheLayer.open(workspace.config, environment: environment,
                                                                 required: true, warn: { _ in }))
        let keys = (0..<100).map { "k\($0)" }
        #expect(await layer.claim(keys).claimed.count == 100)
        for key in keys {
            await layer.publish([Summary(key: key, bodyHash: "h", promptVersion: "p", model: "m", params: "",
                                         bullets: ["Does \(key)."], inputTokens: 1, outputTokens: 1, costUSD: 0,
                                         provider: "test")])
        }
        await layer.flush()
        let activity = await layer.activity
        #expect(activity.publishes.keys == 100 && activity.claims.keys == 100 && activity.claimed == 100)
        #expect(activity.publishes.roundTrips < 50)  // one per summary before; batched now
        #expect(await layer.published == 100)
        #expect(try await cluster.query("SELECT count(*) FROM mu_leases", database: database)
            .trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        await layer.close()
    }

    @Test func twoRunsAtOnceOnTheSameMissesPayEachKeyOnce() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let url = cluster.url(database: try await cluster.createDatabase(), password: cluster.password)
        let provider = try await FakeProviderServer.start(.ollama, latency: 0.05)
        defer { Task { await provider.stop() } }
        let clones = try (0..<3).map { _ in try Self.checkout(functions: 40) }
        let reports = try await withThrowingTaskGroup(of: SummarizeReport.self) { group in
            for clone in clones { group.addTask { try await Self.run(clone, provider: provider, cacheURL: url) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(await provider.requestCount() == 40)
        #expect(reports.map(\.summarized).reduce(0, +) == 40)
        for report in reports {
            #expect(report.failed == 0)
            #expect(report.summarized + report.cacheHitsRemote == 40)
        }
        // The work was shared, not done by one run while the others waited.
        #expect(reports.filter { $0.summarized > 0 }.count >= 2)
    }

    /// Roll-ups (file, directory, repository summaries) a model wrote are shared like functions: a
    /// second machine pays nothing for them, and runs at once pay each one once.
    @Test func rollUpsArePaidOnceAcrossMachines() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let url = cluster.url(database: try await cluster.createDatabase(), password: cluster.password)
        let provider = try await FakeProviderServer.start(.ollama, latency: 0.05)
        defer { Task { await provider.stop() } }

        let first = try await Self.run(try Self.tree(), provider: provider, cacheURL: url, rollups: true)
        #expect(first.summarized == 12 && first.rollupsSummarized == 7 && first.rollupsFailed == 0)
        #expect(await provider.requestCount() == 19)
        let second = try await Self.run(try Self.tree(), provider: provider, cacheURL: url, rollups: true)
        #expect(await provider.requestCount() == 19)   // not one more call
        #expect(second.cacheHitsRemote == 12 && second.rollupsSummarized == 0 && second.rollupsReused == 7)

        // Three fresh machines at once against another database: every function and roll-up paid once.
        let url2 = cluster.url(database: try await cluster.createDatabase(), password: cluster.password)
        let before = await provider.requestCount()
        let clones = try (0..<3).map { _ in try Self.tree() }
        let reports = try await withThrowingTaskGroup(of: SummarizeReport.self) { group in
            for clone in clones { group.addTask { try await Self.run(clone, provider: provider, cacheURL: url2, rollups: true) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(await provider.requestCount() - before == 19)
        #expect(reports.map(\.rollupsSummarized).reduce(0, +) == 7)
        for report in reports { #expect(report.rollupsSummarized + report.rollupsReused == 7 && report.rollupsFailed == 0) }
    }

    @Test func keysHeldByARunThatDiedAreTakenOverAfterTheirLeaseExpires() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let database = try await cluster.createDatabase()
        let url = cluster.url(database: database, password: cluster.password)
        let provider = try await FakeProviderServer.start(.ollama)
        defer { Task { await provider.stop() } }
        // Learn the keys the run will need (a local-only run on another clone, same settings).
        let scout = try Self.checkout(functions: 6)
        _ = try await Self.run(scout, provider: provider, cacheURL: nil)
        let (scoutWorkspace, _) = try Self.workspace(scout, provider: provider, cacheURL: nil)
        let summarizer = try Summarizer(workspace: scoutWorkspace)
        let functions = try await SymbolIndex(database: try scoutWorkspace.openDatabase(create: false)).functions()
        let keys = functions.map { summarizer.key(forBodyHash: $0.bodyHash).hex }
        #expect(keys.count == 6)
        let before = await provider.requestCount()

        // A machine claims them all, then dies (stops renewing).
        let location = try RemoteCacheLocation(url: url, fromEnvironment: true, environmentPassword: nil)
        let dead = try await RemoteSummaryCache.connect(location, options: RemoteCacheOptions(leaseSeconds: 1.5))
        #expect(try await dead.claim(keys).claimed.count == 6)
        dead.shutdown()

        let clock = ContinuousClock()
        let started = clock.now
        let report = try await Self.run(try Self.checkout(functions: 6), provider: provider, cacheURL: url)
        #expect(clock.now - started >= .seconds(1))  // it waited for the leases ...
        #expect(report.summarized == 6 && report.failed == 0)  // ... then paid for each key itself, once
        #expect(await provider.requestCount() - before == 6)
    }

    @Test func aServerStoppedMidRunLeavesTheRunOnItsLocalLayers() async throws {
        // The fake first: its 5 s listening deadline is not spent waiting behind a cluster's initdb
        // on a loaded machine (every suite at once on 2 cores).
        let provider = try await FakeProviderServer.start(.ollama, latency: 0.05)
        defer { Task { await provider.stop() } }
        let cluster = try await PostgresTestCluster.start()
        defer { cluster.stop() }
        let url = cluster.url(database: try await cluster.createDatabase(), password: cluster.password)
        let repo = try Self.checkout(functions: 60)
        let warnings = Warnings()
        let stopper = Task {
            // Mid-run: once the run has sent a few requests (so it is connected and holds leases).
            while await provider.requestCount() < 5 { try await Task.sleep(for: .milliseconds(10)) }
            try await cluster.stopServer()
        }
        let options = RemoteCacheOptions()
        let report = try await Self.run(repo, provider: provider, cacheURL: url, options: options, warnings: warnings)
        try await stopper.value
        #expect(report.summarized == 60 && report.failed == 0)
        #expect(report.remoteFailure != nil)
        #expect(warnings.lines.count == 1)
        #expect(warnings.lines.first?.contains("continuing on the local cache") == true)
        #expect(await provider.requestCount() == 60)
    }

    @Test func aBadConnectionIsOneWarningLineOrAnErrorWhenRequired() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let database = try await cluster.createDatabase()
        let cases: [(String, String)] = [
            (cluster.url(database: database, password: "wrong"), "wrong password?"),
            (cluster.url(database: "missing_db", password: cluster.password), "database missing_db does not exist"),
            (cluster.url(database: database, password: cluster.password, sslmode: "require"),
             "TLS required but the server does not offer it"),
        ]
        let provider = try await FakeProviderServer.start(.ollama)
        defer { Task { await provider.stop() } }
        for (url, expected) in cases {
            let repo = try Self.checkout(functions: 2)
            let warnings = Warnings()
            let report = try await Self.run(repo, provider: provider, cacheURL: url, warnings: warnings)
            #expect(report.summarized == 2)
            #expect(warnings.lines.count == 1)
            let line = warnings.lines.first ?? ""
            #expect(line.contains(expected), "\(line)")
            #expect(!line.contains("\n") && !line.contains(":wrong@") && !line.contains(cluster.password))

            let (workspace, environment) = try Self.workspace(repo, provider: provider, cacheURL: url)
            await #expect(throws: RemoteCacheError.self) {
                _ = try await SharedCacheLayer.open(workspace.config, environment: environment, required: true,
                                                    warn: { _ in })
            }
        }
    }

    @Test func pushUploadsWhatTheRemoteLacks() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let url = cluster.url(database: try await cluster.createDatabase(), password: cluster.password)
        let provider = try await FakeProviderServer.start(.ollama)
        defer { Task { await provider.stop() } }
        let repo = try Self.checkout(functions: 9)
        _ = try await Self.run(repo, provider: provider, cacheURL: nil)  // local only
        let (workspace, _) = try Self.workspace(repo, provider: provider, cacheURL: nil)
        let local = SummaryCache(database: try workspace.openDatabase(create: false))
        let location = try RemoteCacheLocation(url: url, fromEnvironment: true, environmentPassword: nil)
        let remote = try await RemoteSummaryCache.connect(location)
        defer { remote.shutdown() }
        #expect(try await RemotePush.run(local, remote) == RemoteCachePush.Outcome(checked: 9, uploaded: 9))
        #expect(try await RemotePush.run(local, remote) == RemoteCachePush.Outcome(checked: 9, uploaded: 0))
        #expect(try await remote.stats().entries == 9)
        // A fresh clone now pays nothing.
        let before = await provider.requestCount()
        let report = try await Self.run(try Self.checkout(functions: 9), provider: provider, cacheURL: url)
        let after = await provider.requestCount()
        #expect(report.cacheHitsRemote == 9 && after == before)
    }
}

enum RemotePush {
    static func run(_ local: SummaryCache, _ remote: RemoteSummaryCache) async throws -> RemoteCachePush.Outcome {
        try await RemoteCachePush.push(from: local, to: remote, pageSize: 4)
    }
}
