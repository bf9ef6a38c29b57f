import Testing
@testable import MuKit

/// `mu summarize` compacts the search index after runs that rewrote a tenth of it or more, and
/// leaves small runs (the hook's) to FTS5's incremental merging.
@Suite("SearchCompaction: when a run merges the search index")
struct SearchCompactionTests {
    @Test func aFirstRunOrABigChangeCompacts() {
        #expect(SearchCompaction.isWorthwhile(filesChanged: 1_790, filesScanned: 1_790, summarized: 58_000, functions: 58_000))
        #expect(SearchCompaction.isWorthwhile(filesChanged: 200, filesScanned: 1_790, summarized: 0, functions: 58_000))
        // Every summary remade (a model switch) while no file changed.
        #expect(SearchCompaction.isWorthwhile(filesChanged: 0, filesScanned: 1_790, summarized: 6_000, functions: 58_000))
    }

    @Test func smallRunsAndNoOpRunsDoNot() {
        #expect(!SearchCompaction.isWorthwhile(filesChanged: 1, filesScanned: 1_790, summarized: 1, functions: 58_000))
        #expect(!SearchCompaction.isWorthwhile(filesChanged: 0, filesScanned: 1_790, summarized: 0, functions: 58_000))
        #expect(!SearchCompaction.isWorthwhile(filesChanged: 0, filesScanned: 0, summarized: 0, functions: 0))
    }
}
