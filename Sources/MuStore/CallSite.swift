/// One call inside a function's body, as the extractor saw it.
public struct CallSite: Sendable, Hashable, Codable {
    /// The called name as written: `fetch`, `self.fetch`, `os.path.join`, `Vec::new`.
    public var calleeName: String
    /// 1-based line of the call in its file.
    public var line: Int

    public init(calleeName: String, line: Int) {
        self.calleeName = calleeName
        self.line = line
    }

    /// The last component of the called name (`join` in `os.path.join`, `new` in `Vec::new`),
    /// the name a callee function is indexed under.
    public var bareName: String { CallSite.bareName(calleeName) }

    /// The receiver or qualifier before the bare name (`self`, `os.path`, `Vec`), nil when none.
    public var qualifier: String? {
        let bare = bareName
        guard calleeName.count > bare.count else { return nil }
        var rest = calleeName.dropLast(bare.count)
        for separator in ["::", "->", ".", "#"] where rest.hasSuffix(separator) {
            rest = rest.dropLast(separator.count)
            return String(rest)
        }
        return String(rest)
    }

    static func bareName(_ name: String) -> String {
        var start = name.startIndex
        for separator in ["::", "->", ".", "#"] {
            if let range = name.range(of: separator, options: .backwards), range.upperBound > start,
               range.upperBound < name.endIndex {
                start = range.upperBound
            }
        }
        return String(name[start...])
    }
}
