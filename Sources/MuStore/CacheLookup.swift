/// Where `SummaryCache.lookup` found a summary: reported separately so a run can print
/// memory and disk hits.
public enum CacheLookup: Sendable, Hashable {
    /// Found in the in-process LRU.
    case memory(Summary)
    /// Found in the SQLite `summaries` table (and now also in memory).
    case disk(Summary)
    /// Not cached (or the stored row was unreadable).
    case miss

    /// The summary, whatever layer held it.
    public var summary: Summary? {
        switch self {
        case .memory(let summary), .disk(let summary): return summary
        case .miss: return nil
        }
    }
}
