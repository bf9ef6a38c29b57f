import Foundation
import GRDB
import MuCore
import Testing
@testable import MuStore

@Suite("SummaryCache: layers, validity, housekeeping")
struct SummaryCacheTests {
    @Test func memoryHitThenDiskHitFromANewInstance() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let database = try MuDatabase.temporary(in: dir)
        let summary = Fixture.summary("k1", bullets: ["Parses the header.", "Raises on bad input."])

        let cache = SummaryCache(database: database)
        #expect(try await cache.lookup("k1") == .miss)
        try await cache.store(summary)
        guard case .memory(let fromMemory) = try await cache.lookup("k1") else {
            Issue.record("expected a memory hit")
            return
        }
        #expect(fromMemory.bullets == summary.bullets)

        let fresh = SummaryCache(database: database)
        guard case .disk(let fromDisk) = try await fresh.lookup("k1") else {
            Issue.record("expected a disk hit")
            return
        }
        #expect(fromDisk.bullets == summary.bullets)
        #expect(fromDisk.inputTokens == 100 && fromDisk.outputTokens == 20 && fromDisk.provider == "test")
        // Now promoted to memory.
        guard case .memory = try await fresh.lookup("k1") else {
            Issue.record("expected a memory hit after the disk hit")
            return
        }
        #expect(await fresh.hitCounts == CacheHitCounts(memory: 1, disk: 1, misses: 0))
        #expect(await cache.hitCounts == CacheHitCounts(memory: 1, disk: 0, misses: 1))
    }

    @Test func memoryIsBoundedByLeastRecentUse() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let cache = SummaryCache(database: try MuDatabase.temporary(in: dir), capacity: 2)
        try await cache.store(Fixture.summary("k1"))
        try await cache.store(Fixture.summary("k2"))
        _ = try await cache.lookup("k1")               // k2 is now the least recently used
        try await cache.store(Fixture.summary("k3"))   // evicts k2
        #expect(await cache.memoryCount == 2)
        guard case .memory = try await cache.lookup("k1") else { Issue.record("k1 should stay in memory"); return }
        guard case .memory = try await cache.lookup("k3") else { Issue.record("k3 should be in memory"); return }
        guard case .disk = try await cache.lookup("k2") else { Issue.record("k2 should come from disk"); return }
    }

    @Test(arguments: [
        (["", "x"], "blank bullet"),
        ([String](), "no bullets"),
        (["  \n"], "blank bullet"),
    ])
    func invalidSummariesAreRefused(bullets: [String], reason: String) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let cache = SummaryCache(database: try MuDatabase.temporary(in: dir))
        await #expect(throws: StoreError.invalidSummary(key: "bad", reason: reason)) {
            try await cache.store(Fixture.summary("bad", bullets: bullets))
        }
        #expect(try await cache.lookup("bad") == .miss)
        #expect(try await cache.stats().entries == 0)
    }

    @Test func offlineSignatureOnlySummariesAreStoredWithoutBullets() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let database = try MuDatabase.temporary(in: dir)
        var summary = Fixture.summary("sig", bullets: [])
        summary.provider = ProviderKind.extractive.rawValue
        #expect(summary.isSignatureOnly)
        try await SummaryCache(database: database).store(summary)
        // Read back from disk by a fresh cache (no memory copy).
        guard case .disk(let stored) = try await SummaryCache(database: database).lookup("sig") else {
            Issue.record("the signature-only summary should come from disk"); return
        }
        #expect(stored.bullets.isEmpty)
        #expect(stored.isSignatureOnly)
    }

    @Test func emptyKeyIsRefused() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let cache = SummaryCache(database: try MuDatabase.temporary(in: dir))
        await #expect(throws: StoreError.self) { try await cache.store(Fixture.summary(" ")) }
    }

    @Test func clearByModelKeepsOtherModels() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let database = try MuDatabase.temporary(in: dir)
        let cache = SummaryCache(database: database)
        try await cache.store(Fixture.summary("a1", model: "model-a", bullets: ["Alpha retries."]))
        try await cache.store(Fixture.summary("a2", model: "model-a"))
        try await cache.store(Fixture.summary("b1", model: "model-b"))
        let index = SymbolIndex(database: database)
        try await index.replaceFunctions(inFile: "a.py", with: [Fixture.function("alpha", summaryKey: "a1")], commit: nil)
        #expect(try await index.search("retries").count == 1)

        #expect(try await cache.clear(model: "model-a") == 2)
        #expect(try await cache.lookup("a1") == .miss)     // gone from memory too
        #expect(try await cache.lookup("a2") == .miss)
        #expect(try await cache.lookup("b1") != .miss)
        #expect(try await cache.stats().byModel.map(\.model) == ["model-b"])
        // The search text of functions that used the cleared summaries is gone as well.
        #expect(try await index.search("retries").isEmpty)
        #expect(try await index.counts().withSummary == 0)
    }

    @Test func clearAllEmptiesTheCache() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let cache = SummaryCache(database: try MuDatabase.temporary(in: dir))
        try await cache.store(Fixture.summary("a1", model: "model-a"))
        try await cache.store(Fixture.summary("b1", model: "model-b"))
        #expect(try await cache.clearAll() == 2)
        #expect(try await cache.lookup("a1") == .miss)
        #expect(try await cache.stats().entries == 0)
    }

    @Test func pruneDropsUnreferencedSummaries() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let database = try MuDatabase.temporary(in: dir)
        let cache = SummaryCache(database: database)
        let old = Date(timeIntervalSinceNow: -90 * 86_400)
        try await cache.store(Fixture.summary("used"))
        try await cache.store(Fixture.summary("orphan-old", lastUsedAt: old))
        try await cache.store(Fixture.summary("orphan-new"))
        try await SymbolIndex(database: database).replaceFunctions(
            inFile: "a.py", with: [Fixture.function("f", summaryKey: "used")], commit: nil)

        // With an age limit (shared caches), recently used orphans survive.
        #expect(try await cache.prune(unusedSince: Date(timeIntervalSinceNow: -30 * 86_400)) == 1)
        #expect(try await cache.lookup("orphan-old") == .miss)
        #expect(try await cache.lookup("orphan-new") != .miss)

        #expect(try await cache.prune() == 1)
        #expect(try await cache.lookup("orphan-new") == .miss)
        #expect(try await cache.lookup("used") != .miss)
        #expect(try await cache.stats().entries == 1)
    }

    @Test func garbageRowsReadAsMissesNotCrashes() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let database = try MuDatabase.temporary(in: dir)
        try await database.pool.write { db in
            let insert = """
                INSERT INTO summaries (key, body_hash, prompt_version, model, params, bullets, input_tokens,
                                       output_tokens, cost_usd, provider, truncated, created_at, last_used_at)
                VALUES (?, 'h', 'p', 'm', '', ?, ?, 0, 0, 'x', 0, ?, 'garbage date')
                """
            try db.execute(sql: insert, arguments: ["not-json", "{not json", 1, "2024-01-01 00:00:00.000"])
            try db.execute(sql: insert, arguments: ["numbers", "[1, 2]", 1, "2024-01-01 00:00:00.000"])
            try db.execute(sql: insert, arguments: ["empty", "[]", 1, "2024-01-01 00:00:00.000"])
            try db.execute(sql: insert, arguments: ["odd-columns", "[\"Fine bullet.\"]", "lots", Data([0, 1])])
        }
        let cache = SummaryCache(database: database)
        #expect(try await cache.lookup("not-json") == .miss)
        #expect(try await cache.lookup("numbers") == .miss)
        #expect(try await cache.lookup("empty") == .miss)
        let odd = try await cache.lookup("odd-columns").summary
        #expect(odd?.bullets == ["Fine bullet."])
        #expect(odd?.inputTokens == 0)

        // A new valid summary replaces the garbage row.
        try await cache.store(Fixture.summary("not-json", bullets: ["Now valid."]))
        #expect(try await SummaryCache(database: database).lookup("not-json").summary?.bullets == ["Now valid."])
        // Stats survive the garbage too.
        #expect(try await cache.stats().entries == 4)
    }

    @Test func statsCountEntriesBytesAndModels() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let cache = SummaryCache(database: try MuDatabase.temporary(in: dir))
        try await cache.store(Fixture.summary("a1", model: "model-a", bullets: ["abc"]))
        try await cache.store(Fixture.summary("a2", model: "model-a", bullets: ["abc"]))
        try await cache.store(Fixture.summary("b1", model: "model-b", bullets: ["abc"]))
        let stats = try await cache.stats()
        #expect(stats.entries == 3)
        #expect(stats.textBytes == 3 * Int64(#"["abc"]"#.utf8.count))
        #expect(stats.fileBytes > 0)
        #expect(stats.memoryEntries == 3)
        #expect(stats.byModel == [
            ModelCacheStats(model: "model-a", entries: 2, inputTokens: 200, outputTokens: 40, costUSD: 0.002),
            ModelCacheStats(model: "model-b", entries: 1, inputTokens: 100, outputTokens: 20, costUSD: 0.001),
        ])
    }

    @Test func diskHitsTouchLastUsedAtOnFlush() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let database = try MuDatabase.temporary(in: dir)
        let old = Date(timeIntervalSince1970: 1_000_000)
        try await SummaryCache(database: database).store(Fixture.summary("k", lastUsedAt: old))
        let cache = SummaryCache(database: database)
        _ = try await cache.lookup("k")
        try await cache.flush()
        let lastUsed = try await database.pool.read {
            try Date.fetchOne($0, sql: "SELECT last_used_at FROM summaries WHERE key = 'k'")
        }
        #expect(try #require(lastUsed) > old.addingTimeInterval(86_400))
    }

    @Test func everyKeyComponentChangesTheMaterial() {
        let base = SummaryKey(bodyHash: "h", promptVersion: "p1", model: "m", params: "t=0.2")
        var variants = [base.material]
        for change in [\SummaryKey.bodyHash, \.promptVersion, \.model, \.params] {
            var key = base
            key[keyPath: change] += "x"
            variants.append(key.material)
        }
        #expect(Set(variants).count == 5)
        // Component boundaries are unambiguous.
        let left = SummaryKey(bodyHash: "ab", promptVersion: "c", model: "m", params: "")
        let right = SummaryKey(bodyHash: "a", promptVersion: "bc", model: "m", params: "")
        #expect(left.material != right.material)
        #expect(base.hex { "hash(\($0))" } == "hash(\(base.material))")
    }
}
