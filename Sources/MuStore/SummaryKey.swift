/// Everything that changes a summary's text, and nothing else: the cache key's components.
///
/// MuStore cannot hash (it may import only Foundation and GRDB), so the caller hashes
/// `material` with SHA-256 (MuSource's hasher) and passes the hex string as the key.
public struct SummaryKey: Sendable, Hashable, Codable {
    /// SHA-256 of the normalized function body.
    public var bodyHash: String
    /// Version of the prompt template (`PROMPT_VERSION`).
    public var promptVersion: String
    /// Model identifier as sent to the provider.
    public var model: String
    /// Fingerprint of the generation parameters (temperature, max tokens, strategy…).
    public var params: String

    public init(bodyHash: String, promptVersion: String, model: String, params: String) {
        self.bodyHash = bodyHash
        self.promptVersion = promptVersion
        self.model = model
        self.params = params
    }

    /// The text to hash. Each component is prefixed by its UTF-8 length, so no two
    /// different tuples share a material (`("ab", "c")` vs `("a", "bc")`).
    public var material: String {
        "mu-summary-key-v1;" + [bodyHash, promptVersion, model, params]
            .map { "\($0.utf8.count):\($0);" }
            .joined()
    }

    /// The hex key, computed with the caller's SHA-256 function.
    public func hex(using sha256Hex: (String) -> String) -> String {
        sha256Hex(material)
    }
}
