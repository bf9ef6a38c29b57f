import MuCore
import CTreeSitter

/// Turns one file's tree-sitter syntax tree into function units, driven by the language's
/// `TreeSitterRules`: named functions with their qualified names, spans (first decorator or
/// attribute line to the body's last line), signature, doc comment and the calls each makes.
struct SyntaxTreeWalker {
    let file: SourceFile
    let bytes: [UInt8]
    let rules: TreeSitterRules
    let table: GrammarTable

    private var units: [FunctionUnit] = []
    /// Lines where each line starts, for the body text's first-line padding.
    private let lineStarts: [Int]

    init(file: SourceFile, bytes: [UInt8], rules: TreeSitterRules, table: GrammarTable) {
        self.file = file
        self.bytes = bytes
        self.rules = rules
        self.table = table
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 10 { starts.append(i + 1) }
        lineStarts = starts
    }

    /// One enclosing scope: a type, namespace, object or function name (nil: anonymous).
    struct Scope {
        var name: String?
        var isType: Bool
    }

    /// Walks the tree rooted at `root` and returns the units, ordered by position.
    mutating func units(root: TSNode) -> [FunctionUnit] {
        var cursor = ts_tree_cursor_new(root)
        defer { ts_tree_cursor_delete(&cursor) }
        visit(&cursor, scopes: [], unit: nil)
        return units.sorted { ($0.startLine, $0.endLine) < ($1.startLine, $1.endLine) }
    }

    private mutating func visit(_ cursor: inout TSTreeCursor, scopes: [Scope], unit: Int?) {
        let node = ts_tree_cursor_current_node(&cursor)
        var scopes = scopes
        var unit = unit
        switch table.role(of: node) {
        case .function(let kind):
            if let index = makeUnit(node, fixedKind: kind, value: false, scopes: scopes) {
                unit = index
                scopes.append(Scope(name: units[index].name, isType: false))
            }
        case .value:
            if let index = makeUnit(node, fixedKind: nil, value: true, scopes: scopes) {
                unit = index
                scopes.append(Scope(name: units[index].name, isType: false))
            }
        case .scope(let kind):
            let parts = scopeName(node)
            for part in parts { scopes.append(Scope(name: part, isType: kind == .type)) }
            if parts.isEmpty, kind == .type { scopes.append(Scope(name: nil, isType: true)) }
        case .anonymousType:
            scopes.append(Scope(name: nil, isType: true))
        case .object:
            if let binding = binding(of: node) {
                for part in binding.qualifier + [binding.name] { scopes.append(Scope(name: part, isType: true)) }
            } else {
                scopes.append(Scope(name: nil, isType: true))
            }
        case .call(let field):
            if let unit, let name = calleeName(node, field: field) {
                units[unit].calls.append(FunctionCall(name: name, line: Int(ts_node_start_point(node).row) + 1))
            }
        case .none:
            break
        }
        if ts_tree_cursor_goto_first_child(&cursor) {
            repeat { visit(&cursor, scopes: scopes, unit: unit) } while ts_tree_cursor_goto_next_sibling(&cursor)
            ts_tree_cursor_goto_parent(&cursor)
        }
    }

    // MARK: - Units

    private mutating func makeUnit(_ node: TSNode, fixedKind: FunctionKind??, value: Bool, scopes: [Scope]) -> Int? {
        var qualifier: [String] = []
        var name: String
        var outer = node
        var isClosure = false
        if value {
            if let binding = binding(of: node) {
                name = binding.name
                qualifier = binding.qualifier
                outer = binding.outer
                isClosure = !hasField(node, "name")
            } else if let own = child(node, "name").map(text) {
                name = own
            } else {
                return nil
            }
        } else if let found = functionName(node) {
            name = found.name
            qualifier = found.qualifier
        } else {
            return nil
        }
        let body = bodyNode(node)
        if body == nil && rules.requiresBody { return nil }
        if file.language == .csharp, fixedKind == .some(.deinitializer), !name.hasPrefix("~") { name = "~" + name }
        // Wrappers (decorated_definition, template_declaration, export_statement) and preceding
        // attributes/decorators belong to the function's span.
        while let parent = nonNull(ts_node_parent(outer)), table.isWrapper(parent) { outer = parent }
        var first = outer
        while let previous = nonNull(ts_node_prev_named_sibling(first)), table.isAttribute(previous) { first = previous }

        let scopeNames = scopes.compactMap(\.name) + qualifier
        let innermostIsType = !qualifier.isEmpty || (scopes.last?.isType ?? false)
        let kind = unitKind(node, fixed: fixedKind, name: name, isClosure: isClosure,
                            innermostIsType: innermostIsType, enclosing: qualifier.last ?? scopes.last(where: { $0.isType })?.name)
        let startByte = Int(ts_node_start_byte(first))
        let endByte = Int(ts_node_end_byte(node))
        let startLine = Int(ts_node_start_point(first).row)
        let endLine = lastLine(node)
        let signatureEnd = body.map { Int(ts_node_start_byte($0)) } ?? min(endByte, lineEnd(startLine))
        let bodyText = paddedText(from: startByte, to: endByte)
        let unit = FunctionUnit(
            path: file.path, language: file.language, name: name,
            qualifiedName: (scopeNames + [name]).joined(separator: "."),
            kind: kind, signature: collapse(startByte, max(startByte, signatureEnd)),
            startLine: startLine + 1, endLine: endLine + 1,
            body: bodyText, hash: BodyHasher.hash(bodyText),
            docComment: docComment(before: first) ?? (rules.docstrings ? docstring(body) : nil))
        units.append(unit)
        return units.count - 1
    }

    private func unitKind(_ node: TSNode, fixed: FunctionKind??, name: String, isClosure: Bool,
                          innermostIsType: Bool, enclosing: String?) -> FunctionKind {
        if case .some(.some(let kind)) = fixed {
            if kind == .accessor { return name == "get" ? .getter : name == "set" || name == "init" ? .setter : .accessor }
            return kind
        }
        if isClosure { return .closure }
        if rules.values.contains(table.typeName(node)) { return .function }
        if name.hasPrefix("~") { return .deinitializer }
        if file.language == .cpp, name.hasPrefix("operator") { return .operator }
        if rules.initializerNames.contains(name) { return .initializer }
        if rules.constructorIsTypeName, let enclosing, name == enclosing { return .initializer }
        if [.javascript, .typescript, .tsx].contains(file.language), let accessor = accessorKeyword(node) { return accessor }
        return innermostIsType ? .method : .function
    }

    /// `get`/`set` before a JavaScript method's name.
    private func accessorKeyword(_ node: TSNode) -> FunctionKind? {
        let count = ts_node_child_count(node)
        var i: UInt32 = 0
        while i < count {
            let c = ts_node_child(node, i)
            if ts_node_is_named(c) { return nil }
            switch String(cString: ts_node_type(c)) {
            case "get": return .getter
            case "set": return .setter
            default: break
            }
            i += 1
        }
        return nil
    }

    // MARK: - Names

    /// A function's own name (and any `Type::` qualifier written with it, C++).
    private func functionName(_ node: TSNode) -> (name: String, qualifier: [String])? {
        if let name = child(node, "name") {
            return (literalName(name), receiverScope(node))
        }
        // C/C++: the name sits at the end of a chain of declarators, below a function declarator.
        // A macro after the parameters (`void f() NOEXCEPT {`) makes the parser take the macro for
        // the name and put the real declarator in an ERROR node: prefer that function declarator.
        guard let declarator = child(node, "declarator") else { return nil }
        if let resolved = resolveDeclarator(declarator), resolved.underFunction { return (resolved.name, resolved.qualifier) }
        if let function = functionDeclarator(in: node, depth: 0), let inner = child(function, "declarator"),
           let resolved = resolveDeclarator(inner) {
            return (resolved.name, resolved.qualifier)
        }
        return resolveDeclarator(declarator).map { ($0.name, $0.qualifier) }
    }

    private func resolveDeclarator(_ start: TSNode) -> (name: String, qualifier: [String], underFunction: Bool)? {
        var current: TSNode? = start
        var depth = 0
        var underFunction = false
        while let d = current, depth < 12 {
            depth += 1
            switch table.typeName(d) {
            case "identifier", "field_identifier", "destructor_name", "operator_name", "type_identifier":
                return (text(d).filter { $0 != " " }, [], underFunction)
            case "qualified_identifier":
                var qualifier: [String] = []
                var q: TSNode? = d
                while let part = q, table.typeName(part) == "qualified_identifier" {
                    if let scope = child(part, "scope") { qualifier.append(typeBaseName(text(scope))) }
                    q = child(part, "name")
                }
                guard let last = q else { return nil }
                let name = table.typeName(last) == "template_function" ? child(last, "name").map(text) ?? text(last) : text(last)
                return (name.filter { $0 != " " }, qualifier.filter { !$0.isEmpty }, underFunction)
            case "template_function":
                return child(d, "name").map { (text($0), [], underFunction) }
            default:
                if table.typeName(d) == "function_declarator" { underFunction = true }
                current = child(d, "declarator") ?? nonNull(ts_node_named_child(d, 0))
                if current.map(table.typeName) == "parameter_list" { return nil }
            }
        }
        return nil
    }

    /// The first function declarator inside a function definition's head (ERROR nodes included), not its body.
    private func functionDeclarator(in node: TSNode, depth: Int) -> TSNode? {
        guard depth < 6 else { return nil }
        let count = ts_node_named_child_count(node)
        var i: UInt32 = 0
        while i < count {
            let c = ts_node_named_child(node, i)
            i += 1
            let type = table.typeName(c)
            if type == "compound_statement" || type == "field_initializer_list" { continue }
            if type == "function_declarator" { return c }
            if let found = functionDeclarator(in: c, depth: depth + 1) { return found }
        }
        return nil
    }

    /// A Go method's receiver type: `(s *Server)` → `Server`.
    private func receiverScope(_ node: TSNode) -> [String] {
        guard file.language == .go, let receiver = child(node, "receiver"),
              let parameter = nonNull(ts_node_named_child(receiver, 0)), let type = child(parameter, "type") else { return [] }
        let base = typeBaseName(text(namedType(type)))
        return base.isEmpty ? [] : [base]
    }

    /// The named type inside references, pointers, generics and paths: `&mut Vec<T>` → `Vec`,
    /// `*Server[T]` → `Server`, `fmt::Display` → `Display`.
    private func namedType(_ node: TSNode) -> TSNode {
        var current = node
        for _ in 0..<8 {
            switch table.typeName(current) {
            case "reference_type", "pointer_type", "generic_type", "scoped_type_identifier", "qualified_type",
                 "parenthesized_type", "abstract_type", "dynamic_type":
                guard let next = child(current, "type") ?? child(current, "name") ?? nonNull(ts_node_named_child(current, ts_node_named_child_count(current) - 1)) else { return current }
                current = next
            default:
                return current
            }
        }
        return current
    }

    /// The name a scope node gives what it contains (`impl Parser<'a>` → `Parser`, `A::B` → `A`, `B`).
    private func scopeName(_ node: TSNode) -> [String] {
        let named = child(node, "name") ?? (file.language == .rust ? child(node, "type").map(namedType) : nil)
        guard let named else { return [] }
        let raw = withoutTemplateArguments(text(named))
        if file.language == .ruby || file.language == .cpp || file.language == .rust {
            return raw.components(separatedBy: "::").map(typeBaseName).filter { !$0.isEmpty }
        }
        let base = typeBaseName(raw)
        return base.isEmpty ? [] : [base]
    }

    /// `a<b::c>::d` → `a::d`: template arguments out before a name is split on `::`.
    private func withoutTemplateArguments(_ raw: String) -> String {
        guard raw.contains("<") else { return raw }
        var out = ""
        var depth = 0
        for ch in raw {
            if ch == "<" { depth += 1 } else if ch == ">" { depth = max(0, depth - 1) } else if depth == 0 { out.append(ch) }
        }
        return out
    }

    /// A type's name without generic arguments: `Box<T>` → `Box`, `List[T]` → `List`.
    private func typeBaseName(_ raw: String) -> String {
        String(raw.prefix(while: { $0 != "<" && $0 != "[" && $0 != "(" && $0 != " " }))
    }

    /// The name of a key or method name node: identifiers as they are, strings unquoted,
    /// computed keys by their contents.
    private func literalName(_ node: TSNode) -> String {
        switch table.typeName(node) {
        case "string", "string_literal":
            return String(text(node).dropFirst().dropLast())
        case "computed_property_name":
            let inner = text(node).dropFirst().dropLast()
            let trimmed = inner.trimmingCharacters(in: .whitespaces)
            if let q = trimmed.first, q == "\"" || q == "'" || q == "`", trimmed.count >= 2 { return String(trimmed.dropFirst().dropLast()) }
            return trimmed
        default:
            return text(node)
        }
    }

    /// What an anonymous function value or an object literal is bound to: `const f = …`,
    /// `a.b.c = …`, `{ key: … }`, a class field; nil when it is passed or returned unnamed.
    private func binding(of node: TSNode) -> (name: String, qualifier: [String], outer: TSNode)? {
        guard let parent = nonNull(ts_node_parent(node)) else { return nil }
        switch table.typeName(parent) {
        case "variable_declarator":
            guard let name = child(parent, "name"), table.typeName(name) == "identifier" else { return nil }
            var outer = parent
            if let declaration = nonNull(ts_node_parent(parent)), ts_node_named_child_count(declaration) == 1 { outer = declaration }
            return (text(name), [], outer)
        case "assignment_expression":
            guard let left = child(parent, "left"), let right = child(parent, "right"), ts_node_eq(right, node) else { return nil }
            var outer = parent
            if let statement = nonNull(ts_node_parent(parent)), table.typeName(statement) == "expression_statement" { outer = statement }
            switch table.typeName(left) {
            case "identifier":
                return (text(left), [], outer)
            case "member_expression":
                guard let property = child(left, "property"), let object = child(left, "object") else { return nil }
                return (text(property), memberPath(object), outer)
            default:
                return nil
            }
        case "pair":
            guard let key = child(parent, "key"), let value = child(parent, "value"), ts_node_eq(value, node) else { return nil }
            let name = literalName(key)
            return name.isEmpty ? nil : (name, [], parent)
        case "field_definition", "public_field_definition":
            guard let key = child(parent, "property") ?? child(parent, "name") else { return nil }
            return (literalName(key), [], parent)
        default:
            return nil
        }
    }

    /// `module.exports.a`, `this.x`, `Foo.prototype` as a qualifier: `a`, `x`, `Foo`;
    /// nothing for computed objects (calls, subscripts).
    private func memberPath(_ node: TSNode) -> [String] {
        let raw = text(node)
        guard raw.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" || $0 == "." }) else { return [] }
        var parts = raw.split(separator: ".").map(String.init)
        if parts.first == "this" || parts.first == "self" { parts.removeFirst() }
        if parts.count >= 2, parts[0] == "module", parts[1] == "exports" { parts.removeFirst(2) }
        if parts.first == "exports" { parts.removeFirst() }
        parts.removeAll { $0 == "prototype" }
        return parts
    }

    /// The name a call calls: the callee's last identifier (`a.b.c()` → `c`, `obj.method()` → `method`).
    private func calleeName(_ node: TSNode, field: String?) -> String? {
        var target: TSNode? = field.flatMap { child(node, $0) } ?? nonNull(ts_node_named_child(node, 0))
        var depth = 0
        while let t = target, depth < 8 {
            depth += 1
            if ts_node_named_child_count(t) == 0 {
                let name = text(t)
                guard let first = name.unicodeScalars.first,
                      first == "_" || first == "$" || first == "~" || first.properties.isAlphabetic else { return nil }
                return name
            }
            target = child(t, "property") ?? child(t, "field") ?? child(t, "attribute") ?? child(t, "name")
                ?? child(t, "method") ?? child(t, "function")
                ?? nonNull(ts_node_named_child(t, ts_node_named_child_count(t) - 1))
        }
        return nil
    }

    // MARK: - Text

    private func bodyNode(_ node: TSNode) -> TSNode? {
        if let body = child(node, "body") { return body }
        guard !rules.bodyTypes.isEmpty else { return nil }
        let count = ts_node_named_child_count(node)
        var i: UInt32 = 0
        while i < count {
            let c = ts_node_named_child(node, i)
            if rules.bodyTypes.contains(table.typeName(c)) { return c }
            i += 1
        }
        return nil
    }

    /// The comment block directly above `node` (no blank line between), markers included.
    private func docComment(before node: TSNode) -> String? {
        var line = Int(ts_node_start_point(node).row)
        var start: Int?
        let end: Int? = nil
        var current = node
        var endByte = end
        while let previous = nonNull(ts_node_prev_sibling(current)), table.isComment(previous), lastLine(previous) == line - 1 {
            if endByte == nil { endByte = Int(ts_node_end_byte(previous)) }
            start = Int(ts_node_start_byte(previous))
            line = Int(ts_node_start_point(previous).row)
            current = previous
        }
        guard let start, let endByte else { return nil }
        // The comment must stand on its own lines (not trail code on the line above).
        let lineStart = lineStarts[Int(ts_node_start_point(current).row)]
        guard bytes[lineStart..<start].allSatisfy({ $0 == 32 || $0 == 9 }) else { return nil }
        let lines = String(decoding: bytes[start..<endByte], as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let joined = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return joined.isEmpty ? nil : joined
    }

    /// A Python function's docstring: the string that is the body's first statement.
    private func docstring(_ body: TSNode?) -> String? {
        guard let body, let first = nonNull(ts_node_named_child(body, 0)), table.typeName(first) == "expression_statement",
              let string = nonNull(ts_node_named_child(first, 0)), table.typeName(string) == "string" else { return nil }
        return text(string)
    }

    /// The last line a node covers (0-based); a node ending right after a newline ends on the line before.
    private func lastLine(_ node: TSNode) -> Int {
        let end = ts_node_end_point(node)
        let start = ts_node_start_point(node)
        return end.column == 0 && end.row > start.row ? Int(end.row) - 1 : Int(end.row)
    }

    private func lineEnd(_ line: Int) -> Int {
        line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : bytes.count
    }

    /// The function's text; on its first line, what precedes it becomes spaces so indentation
    /// (and so the hash) is the same as if it stood on its own line.
    private func paddedText(from start: Int, to end: Int) -> String {
        let lineStart = lineStarts[Int(lineIndex(of: start))]
        var out = [UInt8]()
        out.reserveCapacity(end - lineStart)
        for b in bytes[lineStart..<start] { out.append(b == 9 ? 9 : 32) }
        out.append(contentsOf: bytes[start..<max(start, end)])
        return String(decoding: out, as: UTF8.self)
    }

    private func lineIndex(of offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The signature on one line: runs of whitespace become one space, at most 300 characters.
    private func collapse(_ start: Int, _ end: Int) -> String {
        var out = [UInt8]()
        var pendingSpace = false
        for b in bytes[start..<min(end, bytes.count)] {
            if b == 32 || b == 10 || b == 9 || b == 13 { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.append(32); pendingSpace = false }
            out.append(b)
        }
        if file.language == .python, out.last == UInt8(ascii: ":") { out.removeLast() }
        while out.last == 32 { out.removeLast() }
        var s = String(decoding: out, as: UTF8.self)
        if s.count > 300 { s = String(s.prefix(300)) + "…" }
        return s
    }

    private func text(_ node: TSNode) -> String {
        let start = Int(ts_node_start_byte(node)), end = Int(ts_node_end_byte(node))
        guard start < end, end <= bytes.count else { return "" }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private func child(_ node: TSNode, _ field: String) -> TSNode? {
        guard let id = table.fields[field], id != 0 else { return nil }
        return nonNull(ts_node_child_by_field_id(node, id))
    }

    private func hasField(_ node: TSNode, _ field: String) -> Bool { child(node, field) != nil }

    private func nonNull(_ node: TSNode) -> TSNode? { ts_node_is_null(node) ? nil : node }
}

import Foundation
