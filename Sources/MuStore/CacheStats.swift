/// What `mu cache stats` prints.
public struct CacheStats: Sendable, Hashable, Codable {
    /// Summaries stored on disk.
    public var entries: Int
    /// Bytes of summary text (the JSON bullets) stored on disk.
    public var textBytes: Int64
    /// Bytes on disk of the file holding the summaries (with its WAL).
    public var fileBytes: Int64
    /// Entries in the in-process LRU.
    public var memoryEntries: Int
    /// Totals per model, most entries first.
    public var byModel: [ModelCacheStats]
    /// Lookups answered by this `SummaryCache` instance since it was created.
    public var hits: CacheHitCounts

    public init(entries: Int, textBytes: Int64, fileBytes: Int64, memoryEntries: Int,
                byModel: [ModelCacheStats], hits: CacheHitCounts) {
        self.entries = entries
        self.textBytes = textBytes
        self.fileBytes = fileBytes
        self.memoryEntries = memoryEntries
        self.byModel = byModel
        self.hits = hits
    }
}

/// Cache totals for one model.
public struct ModelCacheStats: Sendable, Hashable, Codable {
    public var model: String
    public var entries: Int
    public var inputTokens: Int
    public var outputTokens: Int
    public var costUSD: Double

    public init(model: String, entries: Int, inputTokens: Int, outputTokens: Int, costUSD: Double) {
        self.model = model
        self.entries = entries
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costUSD = costUSD
    }
}

/// Lookup outcomes counted by a `SummaryCache`.
public struct CacheHitCounts: Sendable, Hashable, Codable {
    public var memory: Int = 0
    public var disk: Int = 0
    public var misses: Int = 0

    public init(memory: Int = 0, disk: Int = 0, misses: Int = 0) {
        self.memory = memory
        self.disk = disk
        self.misses = misses
    }
}
