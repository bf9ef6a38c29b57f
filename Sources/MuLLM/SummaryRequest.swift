import MuCore

/// One function to summarize: everything a prompt (or the offline extractive
/// provider) needs, and nothing about where it came from beyond a path.
///
/// `id` is opaque to MuLLM; the caller uses it to match results to functions
/// (results also come back in request order).
public struct SummaryRequest: Sendable, Hashable, Codable {
    /// Caller-chosen identifier, echoed in the outcome.
    public var id: String
    public var language: Language
    /// Short name of the function, e.g. `request`.
    public var name: String
    /// Qualified name, e.g. `Session.request`.
    public var qualifiedName: String
    public var kind: FunctionKind
    /// The declaration line(s) as written, without the body.
    public var signature: String
    /// The full source text of the function, declaration included.
    public var body: String
    /// The doc comment attached to the function, markers included or not.
    public var docComment: String?
    /// Path of the file relative to the repository root.
    public var filePath: String
    /// Name of the enclosing type or module scope, when there is one.
    public var enclosingType: String?

    public init(
        id: String,
        language: Language,
        name: String? = nil,
        qualifiedName: String,
        kind: FunctionKind = .function,
        signature: String,
        body: String,
        docComment: String? = nil,
        filePath: String,
        enclosingType: String? = nil
    ) {
        self.id = id
        self.language = language
        self.name = name ?? QualifiedName.lastComponent(of: qualifiedName)
        self.qualifiedName = qualifiedName
        self.kind = kind
        self.signature = signature
        self.body = body
        self.docComment = docComment
        self.filePath = filePath
        self.enclosingType = enclosingType
    }
}
