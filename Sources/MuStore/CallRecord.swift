/// A call stored with a function in the `calls` table: the callee's name and the call's line.
public struct CallRecord: Sendable, Hashable, Codable {
    public var calleeName: String
    public var line: Int

    public init(calleeName: String, line: Int) {
        self.calleeName = calleeName
        self.line = line
    }
}
