/// A roll-up summary: what a file, a directory or the whole repository is for, made from its
/// children's summaries.
public struct Rollup: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case file, directory, repository
    }

    /// Repository-relative path; `.` for the repository.
    public var path: String
    public var kind: Kind
    public var childrenHash: String
    public var summaryKey: String
    /// The summary, when the cache still holds it.
    public var summary: Summary?

    public init(path: String, kind: Kind, childrenHash: String, summaryKey: String, summary: Summary? = nil) {
        self.path = path
        self.kind = kind
        self.childrenHash = childrenHash
        self.summaryKey = summaryKey
        self.summary = summary
    }
}
