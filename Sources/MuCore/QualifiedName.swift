/// Helpers for dotted or `::`-separated function names.
public enum QualifiedName {
    /// The last component: `Session.request` → `request`; `a::b::c` → `c`; `a#b` → `b`; `a/b` → `b`.
    public static func lastComponent(of qualifiedName: String) -> String {
        if let index = qualifiedName.lastIndex(where: { $0 == "." || $0 == ":" || $0 == "#" || $0 == "/" }) {
            let tail = qualifiedName[qualifiedName.index(after: index)...]
            if !tail.isEmpty { return String(tail) }
        }
        return qualifiedName
    }
}
