/// When `mu summarize` merges the search index into one segment (`SymbolIndex.compactSearchIndex`):
/// after a run that rewrote at least a tenth of it (a first run, a pull that touched much of the tree,
/// a model switch), so later searches read one segment per word. Smaller runs, such as the hook's after
/// a commit, leave it to FTS5's own incremental merging: compacting costs about one read of the index.
enum SearchCompaction {
    static func isWorthwhile(filesChanged: Int, filesScanned: Int, summarized: Int, functions: Int) -> Bool {
        guard filesChanged > 0 || summarized > 0 else { return false }
        return filesChanged * 10 >= filesScanned || summarized * 10 >= functions
    }
}
