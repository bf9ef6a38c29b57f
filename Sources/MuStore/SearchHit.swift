/// One result of `SymbolIndex.search`.
public struct SearchHit: Sendable, Hashable, Codable {
    public var function: IndexedFunction
    /// Matching excerpt, with the matched terms between the requested markers.
    public var snippet: String
    /// BM25 score (lower is better, as SQLite reports it).
    public var score: Double

    public init(function: IndexedFunction, snippet: String, score: Double) {
        self.function = function
        self.snippet = snippet
        self.score = score
    }
}
