/// A call stored with a function in the `calls` table: the callee's name as written (`fetch`,
/// `self.fetch`, `os.path.join`, `Vec::new`) and the call's 1-based line.
public struct CallRecord: Sendable, Hashable, Codable {
    public var calleeName: String
    public var line: Int

    public init(calleeName: String, line: Int) {
        self.calleeName = calleeName
        self.line = line
    }

    /// The last component of the called name (`join` in `os.path.join`, `new` in `Vec::new`),
    /// the name a callee function is indexed under.
    public var bareName: String { CallRecord.bareName(calleeName) }

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
