import MuStore

/// One function of the index with its summary and provenance: a line of `mu export --format jsonl`
/// and an element of `functions` in the JSON document. Schema `mu.export/1` (docs/export.md).
public struct ExportFunctionRow: Sendable, Hashable, Codable {
    /// The row schema's name and version; changes whenever a field changes meaning or goes away.
    public static let schemaName = "mu.export/1"

    public var schema: String
    public var repository: ExportRepositoryRef
    /// The commit HEAD was at when the function was indexed (nil for a dirty or unborn tree).
    public var commit: String?
    public var path: String
    public var span: ExportSpan
    public var language: String
    public var name: String
    public var qualifiedName: String
    public var kind: String
    public var signature: String
    /// SHA-256 of the normalized body (the first component of the summary's cache key).
    public var bodyHash: String
    /// The summary, or nil when the index holds none for this body under the last settings.
    public var summary: ExportSummary?

    enum CodingKeys: String, CodingKey {
        case schema, repository, commit, path, span, language, name, kind, signature, summary
        case qualifiedName = "qualified_name"
        case bodyHash = "body_hash"
    }

    public init(_ function: IndexedFunction, repository: ExportRepository) {
        schema = Self.schemaName
        self.repository = ExportRepositoryRef(root: repository.root, remoteURL: repository.remoteURL)
        commit = function.indexedCommit
        path = function.path
        span = ExportSpan(startLine: function.startLine, endLine: function.endLine)
        language = function.language
        name = function.name
        qualifiedName = function.qualifiedName
        kind = function.kind
        signature = function.signature
        bodyHash = function.bodyHash
        summary = function.summary.map(ExportSummary.init)
    }

    /// Every key is written, `null` included (`commit`, `summary`), so a consumer sees the whole schema.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schema, forKey: .schema)
        try container.encode(repository, forKey: .repository)
        try container.encode(commit, forKey: .commit)
        try container.encode(path, forKey: .path)
        try container.encode(span, forKey: .span)
        try container.encode(language, forKey: .language)
        try container.encode(name, forKey: .name)
        try container.encode(qualifiedName, forKey: .qualifiedName)
        try container.encode(kind, forKey: .kind)
        try container.encode(signature, forKey: .signature)
        try container.encode(bodyHash, forKey: .bodyHash)
        try container.encode(summary, forKey: .summary)
    }
}

/// The repository a row belongs to (the root and origin of ``ExportRepository``).
public struct ExportRepositoryRef: Sendable, Hashable, Codable {
    public var root: String
    public var remoteURL: String?

    enum CodingKeys: String, CodingKey {
        case root
        case remoteURL = "remote_url"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(root, forKey: .root)
        try container.encode(remoteURL, forKey: .remoteURL)
    }
}

/// A function's lines, 1-based and inclusive.
public struct ExportSpan: Sendable, Hashable, Codable {
    public var startLine: Int
    public var endLine: Int

    enum CodingKeys: String, CodingKey {
        case startLine = "start_line"
        case endLine = "end_line"
    }
}
