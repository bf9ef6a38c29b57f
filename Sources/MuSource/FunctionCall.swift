/// One call a function makes: the callee's name as written (the method name of a member call,
/// `a.b.c()` → `c`) and the 1-based line of the call. Resolved to functions only at query time.
public struct FunctionCall: Sendable, Hashable, Codable {
    public var name: String
    public var line: Int

    public init(name: String, line: Int) {
        self.name = name
        self.line = line
    }
}
