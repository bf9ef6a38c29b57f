import Foundation
@testable import MuKit
import MuLLM
@testable import MuSource
import MuStore
import MuTestSupport
import Testing

/// Stage 4 alone: real index, real sessions (the offline summarizer; a loopback provider refusing keys).
@Suite struct MissDispatcherTests {
    struct Fixture {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mu-dispatch-\(UUID().uuidString)")
        let index: SymbolIndex
        let cache: SummaryCache
        let misses: [FileRecorder.Miss]

        /// Three functions in one file; `a` and `c` have the same body.
        init(identity: SummaryBackendIdentity) async throws {
            let database = try MuDatabase(path: dir.appendingPathComponent("mu.db").path)
            index = SymbolIndex(database: database)
            cache = SummaryCache(database: database)
            let body = { (name: String) in "def \(name)(x):\n    return x + 1" }
            let units = [("a", "h1"), ("b", "h2"), ("c", "h1")].enumerated().map { i, item in
                FunctionUnit(path: "m.py", language: .python, name: item.0, qualifiedName: item.0, kind: .function,
                             signature: "def \(item.0)(x):", startLine: i * 3 + 1, endLine: i * 3 + 2,
                             body: body(item.1 == "h1" ? "a" : item.0), hash: item.1)
            }
            let file = FileFunctions(file: SourceFile(path: "m.py", language: .python), units: units)
            let recorder = FileRecorder(index: index, cache: cache, identity: identity, commit: nil)
            misses = try await recorder.record(file, walked: WalkedFile(file: file.file, size: 1, mtimeNs: 1, inode: 1, blobID: nil)).misses
        }
    }

    @Test func oneRequestPerDistinctBodyAndEveryWaiterLinked() async throws {
        let backend = OfflineBackend()
        let fixture = try await Fixture(identity: backend.identity)
        defer { try? FileManager.default.removeItem(at: fixture.dir) }
        #expect(fixture.misses.count == 3)
        var dispatcher = MissDispatcher(session: try backend.start(observed: nil), cache: fixture.cache, index: fixture.index,
                                        limit: 1, storeBatch: 256, onProgress: { _ in })
        for miss in fixture.misses { dispatcher.add(miss) }
        #expect(dispatcher.progress.summariesQueued == 2)
        try await withThrowingTaskGroup(of: (MissDispatcher.Job, SummaryOutcome).self) { group in
            try await dispatcher.dispatch(&group)
            try await dispatcher.finish(&group)
        }
        #expect(dispatcher.report.summarized == 2 && dispatcher.report.failed == 0 && !dispatcher.stopped)
        #expect(dispatcher.progress.summariesDone == 2)
        let stored = try await fixture.index.functions(inPath: "m.py")
        #expect(stored.count == 3 && stored.allSatisfy { $0.summary != nil })
        #expect(stored[0].summary?.bullets == stored[2].summary?.bullets)
    }

    @Test func aRefusedKeyStopsTheStage() async throws {
        let server = try await FakeProviderServer.start(.openAI)
        await server.setPersistentFault(.unauthorized)
        let provider = try ProviderFactory.make(ProviderSettings(kind: .openAI, model: "gpt-4.1-mini", baseURL: server.baseURL,
                                                                 apiKey: "sk-test"))
        let backend = LLMBackend(provider: provider, configuration: PoolConfiguration(concurrency: 1), catalog: .builtIn)
        let fixture = try await Fixture(identity: backend.identity)
        defer { try? FileManager.default.removeItem(at: fixture.dir) }
        var dispatcher = MissDispatcher(session: try backend.start(observed: nil), cache: fixture.cache, index: fixture.index,
                                        limit: 1, storeBatch: 1, onProgress: { _ in })
        for miss in fixture.misses { dispatcher.add(miss) }
        try await withThrowingTaskGroup(of: (MissDispatcher.Job, SummaryOutcome).self) { group in
            try await dispatcher.dispatch(&group)
            try await dispatcher.finish(&group)
            try await dispatcher.dispatch(&group)   // nothing more is sent once stopped
        }
        await server.stop()
        #expect(dispatcher.stopped)
        if case .credentialsRefused? = dispatcher.report.stop {} else { Issue.record("stop: \(String(describing: dispatcher.report.stop))") }
        #expect(dispatcher.report.summarized == 0)
        #expect(await server.requestCount() == 1)
        #expect(try await fixture.index.functions(inPath: "m.py").allSatisfy { $0.summary == nil })
    }

    /// The provider's measured latency is stored with each summary, in milliseconds.
    @Test func storedSummariesCarryTheProviderLatency() async throws {
        let server = try await FakeProviderServer.start(.openAI)
        await server.setLatency(0.15)
        let provider = try ProviderFactory.make(ProviderSettings(kind: .openAI, model: "gpt-4.1-mini", baseURL: server.baseURL,
                                                                 apiKey: "sk-test"))
        let backend = LLMBackend(provider: provider, configuration: PoolConfiguration(concurrency: 2), catalog: .builtIn)
        let fixture = try await Fixture(identity: backend.identity)
        defer { try? FileManager.default.removeItem(at: fixture.dir) }
        var dispatcher = MissDispatcher(session: try backend.start(observed: nil), cache: fixture.cache, index: fixture.index,
                                        limit: 2, storeBatch: 1, onProgress: { _ in })
        for miss in fixture.misses { dispatcher.add(miss) }
        try await withThrowingTaskGroup(of: (MissDispatcher.Job, SummaryOutcome).self) { group in
            try await dispatcher.dispatch(&group)
            try await dispatcher.finish(&group)
        }
        await server.stop()
        #expect(dispatcher.report.summarized == 2)
        let stored = try await fixture.index.functions(inPath: "m.py").compactMap(\.summary)
        #expect(stored.count == 3)
        for summary in stored {
            #expect(summary.latencyMS >= 150 && summary.latencyMS < 60_000, "latency_ms \(summary.latencyMS)")
        }
    }

    @Test func latencySecondsBecomeWholeMilliseconds() {
        #expect(MissDispatcher.milliseconds(0.1504) == 150)
        #expect(MissDispatcher.milliseconds(2.0) == 2000)
        #expect(MissDispatcher.milliseconds(0) == 0)
        #expect(MissDispatcher.milliseconds(-1) == 0)
        #expect(MissDispatcher.milliseconds(.nan) == 0)
    }
}
