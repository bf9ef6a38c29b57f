/// What sort of function a unit is: the stable names used in JSON output, the index and prompts.
public enum FunctionKind: String, Sendable, Hashable, Codable, CaseIterable {
    case function, method, initializer, deinitializer, closure, getter, setter, accessor, `subscript`, `operator`
}
