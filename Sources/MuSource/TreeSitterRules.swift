import MuCore
/// What the syntax-tree walker needs to know about one language's grammar: which node types are
/// functions, which name a scope, which are calls. One table per language drives the single
/// `SyntaxTreeWalker`; node type names are the grammars' own (see each grammar's node-types.json).
struct TreeSitterRules: Sendable {
    /// Function node types and the kind they always are (`nil`: decided from the name and scope).
    var functions: [String: FunctionKind?] = [:]
    /// Anonymous function values (arrows, function expressions) named by what they are bound to.
    var values: Set<String> = []
    /// Nodes that open a named scope for what they contain, and whether functions inside are methods.
    var scopes: [String: ScopeKind] = [:]
    /// Nodes that open an unnamed type scope (anonymous classes, object expressions).
    var anonymousTypes: Set<String> = []
    /// Object literals: a scope named by their binding, like a bound function value.
    var objects: Set<String> = []
    /// Call nodes and the field holding the callee (nil: the first named child).
    var calls: [String: String?] = [:]
    /// Parents that belong to the function they wrap: its span starts with them (decorators, templates, `export`).
    var wrappers: Set<String> = []
    /// Preceding siblings that belong to the next declaration (decorators, attributes).
    var attributes: Set<String> = []
    /// Child types that hold a body when there is no `body` field (Kotlin's `function_body`).
    var bodyTypes: Set<String> = []
    /// Whether a function node without a body is a declaration only (prototype, abstract, interface).
    var requiresBody = true
    /// Names that make a function an initializer (`__init__`, `constructor`, `initialize`).
    var initializerNames: Set<String> = []
    /// Whether a function named like its enclosing type is its constructor (Java, C++, C#, Kotlin).
    var constructorIsTypeName = false
    /// Whether the leading docstring of the body is the doc comment when no comment stands above.
    /// Off for Python: the docstring is inside the body, where the summarizers already read it
    /// (attaching it too would put it twice in every prompt and change cached summaries' inputs).
    var docstrings = false

    enum ScopeKind: Sendable {
        /// A class, struct, trait, impl, module: functions directly inside are methods.
        case type
        /// A namespace or module of free functions: functions inside are functions.
        case namespace
    }

    static func rules(for language: Language) -> TreeSitterRules? {
        switch language {
        case .python: python
        case .javascript: javascript
        case .typescript, .tsx: typescript
        case .java: java
        case .go: go
        case .rust: rust
        case .c: c
        case .cpp: cpp
        case .ruby: ruby
        case .csharp: csharp
        case .kotlin: kotlin
        case .php: php
        case .swift: nil
        }
    }

    static let python = TreeSitterRules(
        functions: ["function_definition": nil],
        scopes: ["class_definition": .type],
        calls: ["call": "function"],
        wrappers: ["decorated_definition"],
        requiresBody: false,
        initializerNames: ["__init__"])

    static let javascript = TreeSitterRules(
        functions: ["function_declaration": nil, "generator_function_declaration": nil, "method_definition": nil],
        values: ["arrow_function", "function_expression", "function", "generator_function"],
        scopes: ["class_declaration": .type, "class": .type],
        objects: ["object"],
        calls: ["call_expression": "function"],
        wrappers: ["export_statement"],
        attributes: ["decorator"],
        initializerNames: ["constructor"])

    static let typescript: TreeSitterRules = {
        var rules = javascript
        rules.scopes["abstract_class_declaration"] = .type
        rules.scopes["internal_module"] = .namespace
        rules.scopes["module"] = .namespace
        return rules
    }()

    static let java = TreeSitterRules(
        functions: ["method_declaration": nil, "constructor_declaration": .initializer,
                    "compact_constructor_declaration": .initializer],
        scopes: ["class_declaration": .type, "interface_declaration": .type, "enum_declaration": .type,
                 "record_declaration": .type, "annotation_type_declaration": .type, "enum_constant": .type],
        anonymousTypes: ["object_creation_expression"],
        calls: ["method_invocation": "name"],
        constructorIsTypeName: true)

    static let go = TreeSitterRules(
        functions: ["function_declaration": nil, "method_declaration": .method],
        calls: ["call_expression": "function"])

    static let rust = TreeSitterRules(
        functions: ["function_item": nil],
        scopes: ["impl_item": .type, "trait_item": .type, "mod_item": .namespace],
        calls: ["call_expression": "function"],
        attributes: ["attribute_item"])

    static let c = TreeSitterRules(
        functions: ["function_definition": nil],
        calls: ["call_expression": "function"])

    static let cpp = TreeSitterRules(
        functions: ["function_definition": nil],
        scopes: ["class_specifier": .type, "struct_specifier": .type, "union_specifier": .type,
                 "namespace_definition": .namespace],
        calls: ["call_expression": "function"],
        wrappers: ["template_declaration"],
        constructorIsTypeName: true)

    static let ruby = TreeSitterRules(
        functions: ["method": nil, "singleton_method": .method],
        scopes: ["class": .type, "module": .type],
        calls: ["call": "method"],
        requiresBody: false,
        initializerNames: ["initialize"])

    static let csharp = TreeSitterRules(
        functions: ["method_declaration": nil, "constructor_declaration": .initializer,
                    "destructor_declaration": .deinitializer, "operator_declaration": .operator,
                    "local_function_statement": nil, "accessor_declaration": .accessor],
        scopes: ["class_declaration": .type, "struct_declaration": .type, "interface_declaration": .type,
                 "record_declaration": .type, "namespace_declaration": .namespace, "property_declaration": .type],
        calls: ["invocation_expression": "function"],
        bodyTypes: ["arrow_expression_clause"],
        constructorIsTypeName: true)

    static let kotlin = TreeSitterRules(
        functions: ["function_declaration": nil, "secondary_constructor": .initializer],
        scopes: ["class_declaration": .type, "object_declaration": .type, "companion_object": .type],
        anonymousTypes: ["object_literal"],
        calls: ["call_expression": nil],
        bodyTypes: ["function_body", "block"],
        constructorIsTypeName: true)

    static let php = TreeSitterRules(
        functions: ["function_definition": nil, "method_declaration": nil],
        scopes: ["class_declaration": .type, "interface_declaration": .type, "trait_declaration": .type,
                 "enum_declaration": .type],
        calls: ["function_call_expression": "function", "member_call_expression": "name",
                "scoped_call_expression": "name", "nullsafe_member_call_expression": "name"],
        attributes: [],
        initializerNames: ["__construct"])
}
