import MuSource
import MuStore

/// What one roll-up is made from: a file's functions, or a directory's files and subdirectories,
/// each with its summary bullets.
public struct RollupInput: Sendable, Hashable {
    public struct Child: Sendable, Hashable {
        /// A function's qualified name, or a file or directory name.
        public var name: String
        public var bullets: [String]

        public init(name: String, bullets: [String]) {
            self.name = name
            self.bullets = bullets
        }
    }

    public var path: String
    public var kind: Rollup.Kind
    public var children: [Child]

    public init(path: String, kind: Rollup.Kind, children: [Child]) {
        self.path = path
        self.kind = kind
        self.children = children
    }

    /// SHA-256 of the children's names and bullets in order: the roll-up's identity in the cache
    /// (with the roll-up version and the model), so an unchanged subtree is never summarized again.
    public var childrenHash: String {
        var text = kind.rawValue + "\n"
        for child in children {
            text += child.name + "\u{1F}" + child.bullets.joined(separator: "\u{1E}") + "\n"
        }
        return BodyHasher.sha256Hex(Array(text.utf8))
    }
}
