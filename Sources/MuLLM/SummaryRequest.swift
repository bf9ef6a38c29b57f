/// One function to summarize: everything a prompt (or the offline extractive
/// provider) needs, and nothing about where it came from beyond a path.
///
/// `id` is opaque to MuLLM; the caller uses it to match results to functions
/// (results also come back in request order).
public struct SummaryRequest: Sendable, Hashable, Codable {
    /// Caller-chosen identifier, echoed in the outcome.
    public var id: String
    /// Language name as the extractor reports it, e.g. "python", "swift", "typescript".
    public var language: String
    /// Short name of the function, e.g. `request`.
    public var name: String
    /// Qualified name, e.g. `Session.request`.
    public var qualifiedName: String
    /// Kind of unit: "function", "method", "initializer", "closure"…
    public var kind: String
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
        language: String,
        name: String? = nil,
        qualifiedName: String,
        kind: String = "function",
        signature: String,
        body: String,
        docComment: String? = nil,
        filePath: String,
        enclosingType: String? = nil
    ) {
        self.id = id
        self.language = language
        self.name = name ?? SummaryRequest.lastComponent(of: qualifiedName)
        self.qualifiedName = qualifiedName
        self.kind = kind
        self.signature = signature
        self.body = body
        self.docComment = docComment
        self.filePath = filePath
        self.enclosingType = enclosingType
    }

    /// `Session.request` → `request`; `a::b::c` → `c`.
    static func lastComponent(of qualifiedName: String) -> String {
        if PlainText.isPlain(qualifiedName) {
            return PlainText.withBytes(qualifiedName) { bytes in
                guard let index = bytes.lastIndex(where: {
                    $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "/")
                }), index + 1 < bytes.count else { return qualifiedName }
                return PlainText.string(bytes[(index + 1)...])
            }
        }
        if let index = qualifiedName.lastIndex(where: { $0 == "." || $0 == ":" || $0 == "#" || $0 == "/" }) {
            let tail = qualifiedName[qualifiedName.index(after: index)...]
            if !tail.isEmpty { return String(tail) }
        }
        return qualifiedName
    }
}
