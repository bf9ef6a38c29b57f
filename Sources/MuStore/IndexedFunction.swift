import GRDB

/// A function as stored in the index, with its summary when the cache holds one.
public struct IndexedFunction: Sendable, Hashable, Codable {
    /// Row id; stable until the function's file is re-indexed.
    public var id: Int64
    public var path: String
    public var language: String
    public var name: String
    public var qualifiedName: String
    public var kind: String
    public var signature: String
    public var startLine: Int
    public var endLine: Int
    public var bodyHash: String
    /// The cache key this function's summary has (or will have) under the last used settings.
    public var summaryKey: String?
    /// Commit that was HEAD when the function was indexed (nil outside git or when dirty).
    public var indexedCommit: String?
    /// The summary, when `summaryKey` names a cached one.
    public var summary: Summary?

    public init(id: Int64, path: String, language: String, name: String, qualifiedName: String,
                kind: String, signature: String, startLine: Int, endLine: Int, bodyHash: String,
                summaryKey: String?, indexedCommit: String?, summary: Summary?) {
        self.id = id
        self.path = path
        self.language = language
        self.name = name
        self.qualifiedName = qualifiedName
        self.kind = kind
        self.signature = signature
        self.startLine = startLine
        self.endLine = endLine
        self.bodyHash = bodyHash
        self.summaryKey = summaryKey
        self.indexedCommit = indexedCommit
        self.summary = summary
    }

    /// The extractor-side view of this function.
    public var record: FunctionRecord {
        FunctionRecord(path: path, language: language, name: name, qualifiedName: qualifiedName, kind: kind,
                       signature: signature, startLine: startLine, endLine: endLine, bodyHash: bodyHash,
                       summaryKey: summaryKey)
    }
}

extension IndexedFunction {
    /// Select list for `main.functions AS f LEFT JOIN <summaries> AS s`.
    static func selection(summariesAlias: String = "s") -> String {
        "f.*, " + Summary.columns(of: summariesAlias, prefix: "s_")
    }

    /// FROM clause joining the functions with their summaries.
    static func source(summariesTable: String) -> String {
        "main.functions AS f LEFT JOIN \(summariesTable) AS s ON s.key = f.summary_key"
    }

    /// Decodes a row of `selection()`; nil only when the id is unreadable.
    init?(row: Row) {
        self.init(columns: LenientRow(row))
    }

    /// Decodes the function (and summary) columns of a row already being decoded.
    init?(columns: LenientRow) {
        guard let id = columns.int64("id") else { return nil }
        self.init(
            id: id,
            path: columns.string("path") ?? "",
            language: columns.string("language") ?? "",
            name: columns.string("name") ?? "",
            qualifiedName: columns.string("qualified_name") ?? "",
            kind: columns.string("kind") ?? "",
            signature: columns.string("signature") ?? "",
            startLine: columns.int("start_line") ?? 0,
            endLine: columns.int("end_line") ?? 0,
            bodyHash: columns.string("body_hash") ?? "",
            summaryKey: columns.string("summary_key"),
            indexedCommit: columns.string("indexed_commit"),
            summary: Summary(columns: columns, prefix: "s_"))
    }
}
