import Foundation
import MuKit
import MuLLM
import MuSource
import MuStore
import MuTestSupport
import Testing

@Suite struct SummarizerTests {
    @Test func coldRunIndexesAndSummarizesEveryFunctionThenANoOpRunDoesNothing() async throws {
        let repo = try TempGitRepository()
        try repo.write("app.py", threeFunctions)
        try repo.write("lib/util.go", "package lib\n\nfunc Twice(n int) int {\n\treturn n * 2\n}\n")
        try repo.commitAll()
        let provider = RecordingProvider()
        let first = try await summarize(repo, provider: provider)
        #expect(first.filesScanned == 2 && first.filesChanged == 2)
        #expect(first.functions == 4 && first.summarized == 4 && first.failed == 0)
        #expect(first.inputTokens == 400 && first.outputTokens == 80)
        #expect(await provider.callCount == 4)
        // Nothing changed: no provider call, no file read.
        let second = try await summarize(repo, provider: provider)
        #expect(second.filesChanged == 0 && second.summarized == 0 && second.llmRequests == 0)
        #expect(second.functions == 4)
        #expect(await provider.callCount == 4)
        // .mu/ is excluded from git.
        let exclude = try String(contentsOf: repo.root.appendingPathComponent(".git/info/exclude"), encoding: .utf8)
        #expect(exclude.contains(".mu/"))
        #expect(try repo.git(["status", "--porcelain"]).isEmpty)
    }

    @Test func editingOneFunctionMakesExactlyOneProviderCall() async throws {
        let repo = try TempGitRepository()
        try repo.write("app.py", threeFunctions)
        let provider = RecordingProvider()
        _ = try await summarize(repo, provider: provider)
        try repo.write("app.py", threeFunctions.replacingOccurrences(of: "return y * 2", with: "return y * 3"))
        let report = try await summarize(repo, provider: provider)
        #expect(report.filesChanged == 1)
        #expect(report.summarized == 1)
        #expect(report.cacheHitsMemory + report.cacheHitsDisk == 2)
        #expect(await provider.calls == ["alpha", "beta", "Gamma.delta", "beta"])
    }

    @Test func unchangedFilesAreNotReadAgain() async throws {
        let repo = try TempGitRepository()
        let url = try repo.write("app.py", threeFunctions)
        _ = try await summarize(repo, provider: RecordingProvider())
        // Same size, inode and mtime, different text: a re-read would change the index.
        var before = stat()
        stat(url.path, &before)
        let altered = threeFunctions.replacingOccurrences(of: "alpha", with: "omega")
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data(altered.utf8))
        try handle.close()
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, url.path, &times, 0) == 0)
        let provider = RecordingProvider()
        let report = try await summarize(repo, provider: provider)
        #expect(report.filesChanged == 0)
        #expect(await provider.callCount == 0)
        let database = try testWorkspace(repo).openDatabase(create: false)
        #expect(try await SymbolIndex(database: database).query("alpha").count == 1)
        #expect(try await SymbolIndex(database: database).query("omega").isEmpty)
    }

    @Test func deletedAndRenamedFilesMoveTheirFunctionsWithoutNewCalls() async throws {
        let repo = try TempGitRepository()
        try repo.write("a.py", threeFunctions)
        try repo.write("b.py", "def only_b():\n    return 'b'\n")
        try repo.commitAll()
        let provider = RecordingProvider()
        _ = try await summarize(repo, provider: provider)
        try repo.git(["mv", "a.py", "renamed.py"])
        try repo.remove("b.py")
        let report = try await summarize(repo, provider: provider)
        #expect(report.filesRemoved == 2)
        #expect(report.summarized == 0) // same bodies: every summary comes from the cache
        #expect(await provider.callCount == 4)
        let index = SymbolIndex(database: try testWorkspace(repo).openDatabase(create: false))
        #expect(try await index.query("only_b").isEmpty)
        let moved = try await index.query("Gamma.delta")
        #expect(moved.map(\.function.path) == ["renamed.py"])
        #expect(moved.first?.function.summary != nil)
    }

    @Test func invalidSummariesAreNeverCachedAndCountAsFailures() async throws {
        let repo = try TempGitRepository()
        try repo.write("app.py", threeFunctions)
        let provider = RecordingProvider(invalidFor: ["beta"])
        let report = try await summarize(repo, provider: provider)
        #expect(report.failed == 1 && report.summarized == 2)
        let database = try testWorkspace(repo).openDatabase(create: false)
        #expect(try await SummaryCache(database: database).stats().entries == 2)
        #expect(try await SymbolIndex(database: database).counts().withoutSummary == 1)
        // The next run retries only the failed one.
        let good = RecordingProvider()
        let retry = try await summarize(repo, provider: good)
        #expect(await good.calls == ["beta"])
        #expect(retry.failed == 0)
    }

    @Test func aProviderThatFailsMidRunKeepsEverythingBefore() async throws {
        let repo = try TempGitRepository()
        var source = ""
        for i in 0..<30 { source += "def f\(i)(x):\n    return x + \(i)\n\n\n" }
        try repo.write("many.py", source)
        let failing = RecordingProvider(refuseAfter: 12)
        let report = try await summarize(repo, provider: failing, flags: { var f = ConfigFlags(); f.concurrency = 1; return f }())
        guard case .credentialsRefused = report.stop else { Issue.record("expected a credentials stop, got \(String(describing: report.stop))"); return }
        #expect(report.summarized == 12)
        #expect(await failing.callCount == 13) // fail fast: nothing dispatched after the refusal
        let database = try testWorkspace(repo).openDatabase(create: false)
        #expect(try await SymbolIndex(database: database).counts().withSummary == 12)
        // The next run pays only for the rest.
        let good = RecordingProvider()
        let rest = try await summarize(repo, provider: good)
        #expect(await good.callCount == 18)
        #expect(rest.cacheHitsMemory + rest.cacheHitsDisk == 12)
    }

    @Test func eachKeyComponentChangesTheKey() throws {
        let repo = try TempGitRepository()
        let base = try Summarizer(workspace: testWorkspace(repo), provider: RecordingProvider(model: "m1"))
        let otherModel = try Summarizer(workspace: testWorkspace(repo), provider: RecordingProvider(model: "m2"))
        var hot = ConfigFlags(); hot.temperature = 0.9
        let otherParams = try Summarizer(workspace: testWorkspace(repo, flags: hot), provider: RecordingProvider(model: "m1"))
        let k = base.key(forBodyHash: "abc").hex
        #expect(k.count == 64)
        #expect(k == base.key(forBodyHash: "abc").hex)
        #expect(k != base.key(forBodyHash: "abd").hex)
        #expect(k != otherModel.key(forBodyHash: "abc").hex)
        #expect(k != otherParams.key(forBodyHash: "abc").hex)
        #expect(base.key(forBodyHash: "abc").components.promptVersion == PROMPT_VERSION)
    }

    @Test func changingTheModelResummarizesEverythingOnceAndSwitchingBackIsFree() async throws {
        let repo = try TempGitRepository()
        try repo.write("app.py", threeFunctions)
        _ = try await summarize(repo, provider: RecordingProvider(model: "m1"))
        let m2 = RecordingProvider(model: "m2")
        let switched = try await summarize(repo, provider: m2)
        #expect(await m2.callCount == 3)
        #expect(switched.filesChanged == 0)
        let back = RecordingProvider(model: "m1")
        let again = try await summarize(repo, provider: back)
        #expect(await back.callCount == 0)
        #expect(again.cacheHitsDisk + again.cacheHitsMemory == 3)
    }

    @Test func identicalBodiesCostOneCall() async throws {
        let repo = try TempGitRepository()
        try repo.write("a.py", "def same(x):\n    return x\n")
        try repo.write("b.py", "class K:\n    def same(x):\n        return x\n")
        let provider = RecordingProvider()
        let report = try await summarize(repo, provider: provider)
        #expect(await provider.callCount == 1)
        #expect(report.functions == 2)
        let counts = try await SymbolIndex(database: testWorkspace(repo).openDatabase(create: false)).counts()
        #expect(counts.withSummary == 2)
    }

    @Test func concurrentRunsWaitForEachOtherAndLeaveAConsistentIndex() async throws {
        let repo = try TempGitRepository()
        for i in 0..<20 { try repo.write("m\(i).py", "def f\(i)():\n    return \(i)\n") }
        async let a = summarize(repo, provider: RecordingProvider())
        async let b = summarize(repo, provider: RecordingProvider())
        let (ra, rb) = try await (a, b)
        #expect(ra.functions == 20 && rb.functions == 20)
        #expect(ra.summarized + rb.summarized == 20) // the second found the first's work
        let counts = try await SymbolIndex(database: testWorkspace(repo).openDatabase(create: false)).counts()
        #expect(counts.functions == 20 && counts.withSummary == 20)
    }

    @Test func queryAndSearchFindSummarizedFunctions() async throws {
        let repo = try TempGitRepository()
        try repo.write("net/client.py", """
            def fetch_with_retry(url):
                \"\"\"Download a URL, retrying with exponential backoff.\"\"\"
                return urllib.request.urlopen(url).read()


            def test_fetch():
                assert fetch_with_retry("x")
            """)
        _ = try await Summarizer(workspace: testWorkspace(repo), backend: OfflineBackend()).run()
        let index = SymbolIndex(database: try testWorkspace(repo).openDatabase(create: false))
        #expect(try await index.query("test_*").map(\.function.name) == ["test_fetch"])
        let hits = try await index.search("retry backoff")
        #expect(hits.first?.function.name == "fetch_with_retry")
        #expect(try await index.search("\"NEAR * -").isEmpty)
        #expect(try await index.function(at: "net/client.py", line: 3)?.name == "fetch_with_retry")
    }
}
