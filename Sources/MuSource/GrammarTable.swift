import MuCore
import CTreeSitter

/// A language's `TreeSitterRules` resolved against its grammar: the role of every node symbol
/// (an array lookup per node instead of a string comparison) and the field ids the walker asks for.
struct GrammarTable: Sendable {
    enum Role: Sendable {
        case none
        case function(FunctionKind?)
        case value
        case scope(TreeSitterRules.ScopeKind)
        case anonymousType
        case object
        case call(field: String?)
    }

    private let roles: [Role]
    private let names: [String]
    private let wrappers: [Bool]
    private let attributes: [Bool]
    private let comments: [Bool]
    let fields: [String: UInt16]

    static let fieldNames = ["name", "body", "declarator", "type", "receiver", "function", "property", "field",
                             "attribute", "method", "left", "right", "key", "value", "object", "scope"]

    init(grammar: TreeSitterGrammar, rules: TreeSitterRules) {
        let language = grammar.language
        let count = Int(ts_language_symbol_count(language))
        var roles = [Role](repeating: .none, count: count)
        var names = [String](repeating: "", count: count)
        var wrappers = [Bool](repeating: false, count: count)
        var attributes = [Bool](repeating: false, count: count)
        var comments = [Bool](repeating: false, count: count)
        for symbol in 0..<count {
            let id = TSSymbol(symbol)
            guard ts_language_symbol_type(language, id) == TSSymbolTypeRegular,
                  let cName = ts_language_symbol_name(language, id) else { continue }
            let name = String(cString: cName)
            names[symbol] = name
            if let kind = rules.functions[name] { roles[symbol] = .function(kind) }
            else if rules.values.contains(name) { roles[symbol] = .value }
            else if let scope = rules.scopes[name] { roles[symbol] = .scope(scope) }
            else if rules.anonymousTypes.contains(name) { roles[symbol] = .anonymousType }
            else if rules.objects.contains(name) { roles[symbol] = .object }
            else if let field = rules.calls[name] { roles[symbol] = .call(field: field) }
            wrappers[symbol] = rules.wrappers.contains(name)
            attributes[symbol] = rules.attributes.contains(name)
            comments[symbol] = name.hasSuffix("comment")
        }
        var fields: [String: UInt16] = [:]
        for field in Self.fieldNames {
            let id = field.withCString { ts_language_field_id_for_name(language, $0, UInt32(field.utf8.count)) }
            if id != 0 { fields[field] = id }
        }
        self.roles = roles
        self.names = names
        self.wrappers = wrappers
        self.attributes = attributes
        self.comments = comments
        self.fields = fields
    }

    func role(of node: TSNode) -> Role {
        guard ts_node_is_named(node) else { return .none }
        let symbol = Int(ts_node_symbol(node))
        return symbol < roles.count ? roles[symbol] : .none
    }

    func typeName(_ node: TSNode) -> String {
        let symbol = Int(ts_node_symbol(node))
        return symbol < names.count ? names[symbol] : ""
    }

    func isWrapper(_ node: TSNode) -> Bool { flag(wrappers, node) }
    func isAttribute(_ node: TSNode) -> Bool { flag(attributes, node) }
    func isComment(_ node: TSNode) -> Bool { flag(comments, node) }

    private func flag(_ table: [Bool], _ node: TSNode) -> Bool {
        let symbol = Int(ts_node_symbol(node))
        return symbol < table.count && table[symbol]
    }
}
