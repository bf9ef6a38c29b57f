/// A function as the extractor found it: what `SymbolIndex.replaceFunctions` stores.
///
/// Lines are 1-based and inclusive; `startLine` is the declaration (attributes and
/// decorators included).
public struct FunctionRecord: Sendable, Hashable, Codable {
    /// Path relative to the repository root, with `/` separators.
    public var path: String
    public var language: String
    public var name: String
    /// Name with its enclosing types (`Session.request`).
    public var qualifiedName: String
    /// `function`, `method`, `initializer`…
    public var kind: String
    public var signature: String
    public var startLine: Int
    public var endLine: Int
    /// SHA-256 hex of the normalized body.
    public var bodyHash: String
    /// Key of the summary in the cache, when already known.
    public var summaryKey: String?
    /// The calls the function makes, stored in the `calls` table with it.
    public var calls: [CallRecord]

    public init(path: String, language: String, name: String, qualifiedName: String, kind: String,
                signature: String, startLine: Int, endLine: Int, bodyHash: String, summaryKey: String? = nil,
                calls: [CallRecord] = []) {
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
        self.calls = calls
    }
}
