import MuCore

/// One function as the offline summarizer reads it: what the extractor found, nothing about
/// prompts or providers.
public struct ExtractiveInput: Sendable, Hashable {
    public var language: Language
    /// Short name, e.g. `request` (a qualified form such as `Parser::parse` is shortened).
    public var name: String
    /// Qualified name, e.g. `Session.request`.
    public var qualifiedName: String
    public var kind: FunctionKind
    /// The declaration as written, without the body; empty when unknown (then read from the body).
    public var signature: String
    /// The full source text of the function, declaration included.
    public var body: String
    /// The doc comment above the function, markers included or not; Python docstrings are read
    /// from the body when this is nil.
    public var docComment: String?
    /// The enclosing type or scope (`Session` for `Session.request`), when there is one.
    public var enclosingType: String?

    public init(language: Language, name: String? = nil, qualifiedName: String, kind: FunctionKind = .function,
                signature: String, body: String, docComment: String? = nil, enclosingType: String? = nil) {
        self.language = language
        self.name = name ?? QualifiedName.lastComponent(of: qualifiedName)
        self.qualifiedName = qualifiedName
        self.kind = kind
        self.signature = signature
        self.body = body
        self.docComment = docComment
        self.enclosingType = enclosingType
    }
}
