import Foundation

/// What the extractive summary needs from a declaration: parameter names,
/// the return type, and whether it is async or can fail.
struct ParsedSignature: Sendable, Hashable {
    var parameters: [String] = []
    /// Return type as written, `nil` when none or void.
    var returnType: String?
    var isAsync = false
    /// Declared failure: `throws`, Java `throws X`, Rust `Result`, Go `error`.
    var canFail = false
    /// Declared exception types (Java `throws IOException`).
    var thrownTypes: [String] = []
    /// Where the parameter list closes in the analysed text (to skip the header when scanning a body).
    var headerEnd: String.Index?
}

/// Language-aware parsing of a declaration, tolerant of anything it does not understand.
enum SignatureAnalyzer {
    static func parse(_ declaration: String, name: String, family: LanguageFamily) -> ParsedSignature {
        var result = ParsedSignature()
        guard let (open, close) = parameterList(in: declaration, name: name) else {
            result.isAsync = containsWord("async", in: declaration)
            return result
        }
        let head = String(declaration[..<open])
        let inner = String(declaration[declaration.index(after: open)..<close])
        var tail = String(declaration[declaration.index(after: close)...])
        if let brace = tail.firstIndex(of: "{") { tail = String(tail[..<brace]) }
        result.headerEnd = declaration.index(after: close)
        result.parameters = parameterNames(inner, family: family)
        result.isAsync = containsWord("async", in: head) || containsWord("async", in: tail)

        switch family {
        case .python:
            result.returnType = after("->", in: tail, stoppingAt: [":"])
        case .swift:
            result.returnType = after("->", in: tail, stoppingAt: ["where"])
            result.canFail = containsWord("throws", in: tail) || containsWord("rethrows", in: tail)
            if let typed = tail.range(of: #"throws\s*\(([^)]+)\)"#, options: .regularExpression) {
                let inside = tail[typed].drop { $0 != "(" }.dropFirst().dropLast()
                result.thrownTypes = [String(inside).trimmingCharacters(in: .whitespaces)]
            }
        case .rust:
            result.returnType = after("->", in: tail, stoppingAt: ["where"])
            result.canFail = result.returnType.map { $0.hasPrefix("Result") || $0.contains("Result<") } ?? false
        case .go:
            let trimmed = tail.trimmingCharacters(in: .whitespaces)
            result.returnType = trimmed.isEmpty ? nil : trimmed
            result.canFail = trimmed.range(of: #"\berror\b"#, options: .regularExpression) != nil
        case .javascript:
            let trimmed = tail.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(":") {
                result.returnType = after(":", in: trimmed, stoppingAt: ["=>"])
            }
            if let type = result.returnType, type.hasPrefix("Promise") { result.isAsync = true }
        case .java, .c:
            result.returnType = returnTypeBeforeName(head)
            if let throwsRange = tail.range(of: #"\bthrows\s+"#, options: .regularExpression) {
                result.thrownTypes = tail[throwsRange.upperBound...]
                    .split(separator: ",")
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                    .map { String($0.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) }
                    .filter { !$0.isEmpty }
                result.canFail = !result.thrownTypes.isEmpty
            }
            // Kotlin / Scala style `fun f(x: Int): Int`.
            if result.returnType == nil, tail.trimmingCharacters(in: .whitespaces).hasPrefix(":") {
                result.returnType = after(":", in: tail, stoppingAt: ["=", "where"])
            }
        case .ruby, .other:
            if let arrow = after("->", in: tail, stoppingAt: [":"]) { result.returnType = arrow }
        }
        if let type = result.returnType, isVoid(type) { result.returnType = nil }
        return result
    }

    /// The parentheses of the parameter list: the first `(` after `name` (skipping generics).
    static func parameterList(in text: String, name: String) -> (String.Index, String.Index)? {
        var searchStart = text.startIndex
        while !name.isEmpty, let found = text.range(of: name, range: searchStart..<text.endIndex) {
            searchStart = found.upperBound
            // Must be a whole identifier.
            if found.lowerBound > text.startIndex {
                let before = text[text.index(before: found.lowerBound)]
                if before.isLetter || before.isNumber || before == "_" { continue }
            }
            var index = found.upperBound
            if index < text.endIndex, text[index].isLetter || text[index].isNumber || text[index] == "_" { continue }
            index = skipSpaces(text, from: index)
            if index < text.endIndex, text[index] == "<" || text[index] == "[" {
                guard let closeGeneric = matching(text, from: index) else { continue }
                index = skipSpaces(text, from: text.index(after: closeGeneric))
            }
            // JS `name = async (…) =>` / `name: function (…)`.
            if index < text.endIndex, text[index] == "=" || text[index] == ":" {
                if let paren = text[index...].firstIndex(of: "("), let close = matching(text, from: paren) {
                    let between = text[text.index(after: index)..<paren]
                    if between.allSatisfy({ $0.isLetter || $0 == " " }) { return (paren, close) }
                }
                continue
            }
            guard index < text.endIndex, text[index] == "(", let close = matching(text, from: index) else { continue }
            return (index, close)
        }
        // No name match (anonymous or mangled): fall back to the first parenthesis.
        if let open = text.firstIndex(of: "("), let close = matching(text, from: open) { return (open, close) }
        return nil
    }

    /// Index of the bracket closing the one at `open`, counting nesting.
    static func matching(_ text: String, from open: String.Index) -> String.Index? {
        let pairs: [Character: Character] = ["(": ")", "<": ">", "[": "]", "{": "}"]
        guard let closer = pairs[text[open]] else { return nil }
        let opener = text[open]
        var depth = 0
        var index = open
        while index < text.endIndex {
            let character = text[index]
            if character == opener {
                depth += 1
            } else if character == closer {
                // `->` inside generics is not a closing angle bracket.
                let isArrow = closer == ">" && index > text.startIndex && text[text.index(before: index)] == "-"
                if !isArrow {
                    depth -= 1
                    if depth == 0 { return index }
                }
            }
            index = text.index(after: index)
        }
        return nil
    }

    static func parameterNames(_ inner: String, family: LanguageFamily) -> [String] {
        splitTopLevel(inner).compactMap { parameterName($0, family: family) }
    }

    static func parameterName(_ raw: String, family: LanguageFamily) -> String? {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        // Drop annotations and attributes: `@Nonnull String s`, `#[allow] x: T`.
        while text.hasPrefix("@") || text.hasPrefix("#[") {
            if let space = text.firstIndex(of: " ") { text = String(text[space...]).trimmingCharacters(in: .whitespaces) } else { return nil }
        }
        if let equal = text.firstIndex(of: "="), family != .go { text = String(text[..<equal]) }
        text = text.trimmingCharacters(in: .whitespaces)
        if text.isEmpty || text == "/" || text == "*" || text == "void" || text == "..." { return nil }
        if text.hasPrefix("{") { return "an options object" }
        if text.hasPrefix("[") && family == .javascript { return "an array" }

        var name: String
        switch family {
        case .python, .ruby, .javascript:
            name = String(text.prefix { $0 != ":" && $0 != "?" && $0 != " " })
        case .swift:
            let label = text.split(separator: ":", maxSplits: 1).first.map(String.init) ?? text
            name = label.split(separator: " ").last.map(String.init) ?? label
        case .rust:
            let binding = text.split(separator: ":", maxSplits: 1).first.map(String.init) ?? text
            name = binding.split(separator: " ").last.map(String.init) ?? binding
        case .go:
            name = text.split(separator: " ").first.map(String.init) ?? text
        case .java, .c, .other:
            if text.contains(":") && !text.contains("::") {
                // Kotlin / TypeScript-like `name: Type`.
                name = text.split(separator: ":").first.map(String.init) ?? text
                name = name.split(separator: " ").last.map(String.init) ?? name
            } else {
                var withoutArrays = text
                while withoutArrays.hasSuffix("]"), let open = withoutArrays.lastIndex(of: "[") {
                    withoutArrays = String(withoutArrays[..<open])
                }
                let tokens = withoutArrays.split(whereSeparator: { " *&\t".contains($0) })
                guard tokens.count >= 2, let last = tokens.last else { return nil }  // a bare type: unnamed parameter
                name = String(last)
            }
        }
        name = name.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "*&.$:")))
        if name.hasPrefix("mut ") { name.removeFirst(4) }
        let ignored: Set<String> = ["self", "cls", "this", "_", "&self", "&mut", "mut", ""]
        if ignored.contains(name) { return nil }
        guard name.first.map({ $0.isLetter || $0 == "_" }) ?? false else { return nil }
        return name
    }

    /// Splits on commas outside brackets and strings.
    static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for character in text {
            if let open = quote {
                current.append(character)
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'": quote = character; current.append(character)
            case "(", "[", "{", "<": depth += 1; current.append(character)
            case ")", "]", "}", ">": depth -= 1; current.append(character)
            case "," where depth == 0:
                parts.append(current); current = ""
            default: current.append(character)
            }
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { parts.append(current) }
        return parts
    }

    /// For C-family heads (`public static List<String> name`): the type before the name.
    static func returnTypeBeforeName(_ head: String) -> String? {
        let modifiers: Set<String> = ["public", "private", "protected", "internal", "static", "final", "abstract",
                                      "synchronized", "native", "inline", "virtual", "extern", "constexpr", "override",
                                      "default", "async", "explicit", "friend", "unsafe", "open", "suspend", "fun",
                                      "def", "function", "func", "fn", "transient", "volatile", "strictfp", "sealed"]
        var tokens = head.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
        tokens = tokens.filter { !$0.hasPrefix("@") && !$0.hasPrefix("[[") }
        guard var name = tokens.popLast() else { return nil }
        // `char *name`: the pointer belongs to the type.
        var pointer = ""
        while let first = name.first, first == "*" || first == "&" {
            pointer.append(first)
            name.removeFirst()
        }
        while let first = tokens.first, modifiers.contains(first) || first.hasPrefix("<") { tokens.removeFirst() }
        let type = (tokens.joined(separator: " ") + pointer).trimmingCharacters(in: .whitespaces)
        return type.isEmpty ? nil : type
    }

    static func after(_ marker: String, in text: String, stoppingAt stops: [String]) -> String? {
        guard let range = text.range(of: marker) else { return nil }
        var rest = String(text[range.upperBound...])
        for stop in stops {
            if let stopRange = rest.range(of: stop, options: .backwards), stop == ":" {
                rest = String(rest[..<stopRange.lowerBound])
            } else if let stopRange = rest.range(of: stop) {
                rest = String(rest[..<stopRange.lowerBound])
            }
        }
        let trimmed = rest.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    static func isVoid(_ type: String) -> Bool {
        ["void", "Void", "()", "None", "unit", "Unit", "undefined", "Promise<void>"].contains(type)
    }

    static func containsWord(_ word: String, in text: String) -> Bool {
        text.range(of: "\\b\(word)\\b", options: .regularExpression) != nil
    }

    static func skipSpaces(_ text: String, from start: String.Index) -> String.Index {
        var index = start
        while index < text.endIndex, text[index] == " " || text[index] == "\t" { index = text.index(after: index) }
        return index
    }
}
