import MuCore

/// One named function, method, initializer or named closure found in a source file.
///
/// Lines are 1-based and inclusive. `startLine` is the first decorator or attribute line
/// when there is one, else the line of the declaration keyword; `endLine` holds the closing
/// brace or the last line of the body.
public struct FunctionUnit: Sendable, Hashable, Codable {
    /// Path relative to the repository root, `/`-separated.
    public var path: String
    public var language: Language
    public var name: String
    /// Dotted name including enclosing types and functions: `Outer.Inner.method`.
    public var qualifiedName: String
    public var kind: FunctionKind
    /// The declaration as written, up to its body, on one line.
    public var signature: String
    public var startLine: Int
    public var endLine: Int
    /// The source text of the whole function, from its first attribute to its last line.
    public var body: String
    /// `BodyHasher` hash of `body`: hex SHA-256 of the normalized text.
    public var hash: String
    /// The comment block directly above the declaration, markers included; nil when there is none.
    /// Not part of `body` or `hash` (Python docstrings are inside the body).
    public var docComment: String?

    public init(path: String, language: Language, name: String, qualifiedName: String, kind: FunctionKind,
                signature: String, startLine: Int, endLine: Int, body: String, hash: String,
                docComment: String? = nil) {
        self.path = path
        self.language = language
        self.name = name
        self.qualifiedName = qualifiedName
        self.kind = kind
        self.signature = signature
        self.startLine = startLine
        self.endLine = endLine
        self.body = body
        self.hash = hash
        self.docComment = docComment
    }
}
