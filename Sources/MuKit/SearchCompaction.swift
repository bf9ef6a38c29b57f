import MuStore

/// When `mu summarize` merges the search index into one segment (`SymbolIndex.compactSearchIndex`):
/// after a run that rewrote at least a tenth of it (a first run, a pull that touched much of the tree,
/// a model switch), so later searches read one segment per word. Smaller runs, such as the hook's after
/// a commit, leave it to FTS5's own incremental merging: compacting costs about one read of the index.
enum SearchCompaction {
    /// Compacts `index` when the run `report` describes rewrote enough of it.
    static func compactIfWorthwhile(_ index: SymbolIndex, after report: SummarizeReport, trace: PhaseTimer) async throws {
        guard isWorthwhile(filesChanged: report.filesChanged, filesScanned: report.filesScanned,
                           summarized: report.summarized, functions: report.functions) else { return }
        try await index.compactSearchIndex()
        trace.mark("search index compacted")
    }

    static func isWorthwhile(filesChanged: Int, filesScanned: Int, summarized: Int, functions: Int) -> Bool {
        guard filesChanged > 0 || summarized > 0 else { return false }
        return filesChanged * 10 >= filesScanned || summarized * 10 >= functions
    }
}
