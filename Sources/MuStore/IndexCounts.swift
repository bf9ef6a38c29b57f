/// Totals for `mu status`.
public struct IndexCounts: Sendable, Hashable, Codable {
    /// Functions in the index.
    public var functions: Int
    /// Functions whose summary is in the cache.
    public var withSummary: Int
    /// Functions without a cached summary (never summarized, failed, or cleared).
    public var withoutSummary: Int { functions - withSummary }
    /// Distinct files with at least one indexed function.
    public var filesWithFunctions: Int
    /// Files recorded by the `FileStateCache` (all indexed files, with or without functions).
    public var files: Int

    public init(functions: Int, withSummary: Int, filesWithFunctions: Int, files: Int) {
        self.functions = functions
        self.withSummary = withSummary
        self.filesWithFunctions = filesWithFunctions
        self.files = files
    }
}
