/// How a `SymbolIndex.query` result matched, best first.
public enum MatchKind: Int, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The name equals the symbol (`request`).
    case exactName = 0
    /// The qualified name equals the symbol (`Session.request`).
    case qualifiedName = 1
    /// The qualified name ends with the symbol after a separator (`request` in
    /// `Session.request`, `Type.method` in `Outer.Type.method`).
    case suffix = 2
    /// The name or qualified name matches the symbol as a glob (`test_*`, `*Handler.handle`).
    case glob = 3
    /// Nothing above matched, but the name or qualified name equals the symbol ignoring case.
    case caseInsensitive = 4

    public static func < (lhs: MatchKind, rhs: MatchKind) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .exactName: return "exact"
        case .qualifiedName: return "qualified"
        case .suffix: return "suffix"
        case .glob: return "glob"
        case .caseInsensitive: return "case-insensitive"
        }
    }
}

/// One result of `SymbolIndex.query`.
public struct SymbolMatch: Sendable, Hashable, Codable {
    public var function: IndexedFunction
    public var kind: MatchKind

    public init(function: IndexedFunction, kind: MatchKind) {
        self.function = function
        self.kind = kind
    }
}
