import MuStore

/// A file, directory or repository summary (made from its children's summaries) in the JSON
/// document's `rollups` array and at the head of each file's section. Schema `mu.export/1`.
public struct ExportRollupRow: Sendable, Hashable, Codable {
    /// Repository-relative path; `.` for the repository.
    public var path: String
    /// `file`, `directory` or `repository`.
    public var kind: String
    /// Hash of the children's summaries it was made from.
    public var childrenHash: String
    /// Nil when the cache no longer holds it.
    public var summary: ExportSummary?

    enum CodingKeys: String, CodingKey {
        case path, kind, summary
        case childrenHash = "children_hash"
    }

    public init(_ rollup: Rollup) {
        path = rollup.path
        kind = rollup.kind.rawValue
        childrenHash = rollup.childrenHash
        summary = rollup.summary.map(ExportSummary.init)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(kind, forKey: .kind)
        try container.encode(childrenHash, forKey: .childrenHash)
        try container.encode(summary, forKey: .summary)
    }
}
