/// Where one call site leads, resolved best-effort from names only (no types): a callee in the
/// caller's file, then in the caller's type, then the one function of that name in the repository.
/// Anything else is listed as ambiguous (several candidates) or unresolved (none indexed: a
/// library, a builtin, a dynamic call).
public enum CallResolution: Sendable, Hashable {
    case resolved(IndexedFunction, Rule)
    case ambiguous([IndexedFunction])
    case unresolved

    /// Which rule picked the callee.
    public enum Rule: String, Sendable, Hashable, Codable {
        case sameFile = "same file"
        case sameType = "same type"
        case uniqueName = "unique name"
    }

    /// Resolves a call made by `caller` among `candidates` (every indexed function whose name is
    /// the call's bare name).
    public static func resolve(_ call: CallRecord, from caller: IndexedFunction,
                               candidates: [IndexedFunction]) -> CallResolution {
        guard !candidates.isEmpty else { return .unresolved }
        let callerType = typeName(of: caller)
        let qualifier = call.qualifier
        let selfCall = qualifier.map { ["self", "this", "Self", "super", "cls", "@"].contains($0) } ?? false
        if let qualifier, !selfCall {
            // `Session.request`, `Vec::new`: a method of the named type.
            let typed = candidates.filter { typeName(of: $0).map { $0 == qualifier || $0.hasSuffix("." + qualifier) || $0.hasSuffix("::" + qualifier) } ?? false }
            if typed.count == 1 { return .resolved(typed[0], .sameType) }
            // `obj.request`: some method of that name, or a module's function when no method has it.
            let methods = candidates.filter { typeName(of: $0) != nil }
            let pool = methods.isEmpty ? candidates : methods
            return pool.count == 1 ? .resolved(pool[0], .uniqueName) : .ambiguous(pool)
        }
        if selfCall, let callerType {
            let sameType = candidates.filter { typeName(of: $0) == callerType }
            if sameType.count == 1 { return .resolved(sameType[0], .sameType) }
        }
        let sameFile = candidates.filter { $0.path == caller.path }
        if sameFile.count == 1 { return .resolved(sameFile[0], .sameFile) }
        if let callerType {
            // Implicit self (Swift, Java, C++): a method of the caller's own type.
            let sameType = candidates.filter { typeName(of: $0) == callerType }
            if sameType.count == 1 { return .resolved(sameType[0], .sameType) }
        }
        if candidates.count == 1 { return .resolved(candidates[0], .uniqueName) }
        return .ambiguous(candidates)
    }

    /// The enclosing type of a method from its qualified name (`Session` for `Session.request`),
    /// nil for a free function.
    public static func typeName(of function: IndexedFunction) -> String? {
        let qualified = function.qualifiedName
        guard qualified.count > function.name.count, qualified.hasSuffix(function.name) else { return nil }
        var prefix = qualified.dropLast(function.name.count)
        for separator in ["::", ".", "#"] where prefix.hasSuffix(separator) {
            prefix = prefix.dropLast(separator.count)
            return prefix.isEmpty ? nil : String(prefix)
        }
        return nil
    }
}
