import MuStore

/// The remote layer's part of `mu cache stats`: not configured, unusable (one line why), or its totals.
public struct RemoteCacheStatsFormat: Sendable {
    /// The masked URL, nil when no remote cache is configured.
    public var location: String?
    public var stats: RemoteCacheStats?
    /// Why the remote cache could not be read.
    public var failure: String?
    /// Functions the last `mu summarize` with a remote cache found there.
    public var lastRunHits: Int?

    public init(location: String? = nil, stats: RemoteCacheStats? = nil, failure: String? = nil, lastRunHits: Int? = nil) {
        self.location = location
        self.stats = stats
        self.failure = failure
        self.lastRunHits = lastRunHits
    }

    /// One line for the human output, nil when nothing is configured.
    public var text: String? {
        if let failure { return "remote: \(failure)" }
        guard let stats, let location else { return nil }
        return "remote: \(stats.entries) summaries, \(HumanFormat.bytes(stats.textBytes)) of text, "
            + "table \(HumanFormat.bytes(stats.tableBytes)), \(stats.activeLeases) keys being summarized now, "
            + "last run \(lastRunHits ?? 0) remote hits (\(location))"
    }

    /// The `remote` value of `mu cache stats --json`: null, `{url, error}` or the totals.
    public var json: String {
        guard location != nil || failure != nil else { return "null" }
        var line = JSONLine().field("url", location)
        if let failure { return line.field("error", failure).text }
        if let stats {
            line = line.field("entries", stats.entries).field("text_bytes", Int(stats.textBytes))
                .field("table_bytes", Int(stats.tableBytes)).field("active_leases", stats.activeLeases)
                .field("last_run_hits", lastRunHits ?? 0)
        }
        return line.text
    }
}
