/// What a body returns, read from its `return` statements: "the result of merge_setting",
/// "a boolean", "self._closed", "a new Response" — the facts behind a "Returns …" bullet.
///
/// Works on scrubbed code (``SourceScrubber``: comments gone, string literals reduced to `""`), over
/// UTF-8 bytes: every character that matters here is ASCII, so the scan is right for any text.
enum ReturnValues {
    /// The distinct phrases for the returned values, in order of first appearance; `None`, `null`,
    /// `nil` and bare `return`s add "None" only beside another value.
    static func phrases(in code: String, family: LanguageFamily) -> [String] {
        var phrases: [String] = []
        var returnsNothing = false
        for expression in expressions(in: code, family: family) {
            switch describe(expression, family: family) {
            case .nothing: returnsNothing = returnsNothing || !expression.isEmpty
            case .unknown: continue
            case .phrase(let phrase): if !phrases.contains(phrase) { phrases.append(phrase) }
            }
        }
        if returnsNothing, !phrases.isEmpty { phrases.append(family == .python ? "None" : "null") }
        return phrases
    }

    /// The text after each `return` keyword up to the statement's end (a newline or `;` outside brackets).
    static func expressions(in code: String, family: LanguageFamily) -> [String] {
        let bytes = Array(code.utf8)
        var result: [String] = []
        var index = 0
        let keyword = Array("return".utf8)
        while index + keyword.count <= bytes.count {
            guard bytes[index] == keyword[0], bytes[index..<(index + keyword.count)].elementsEqual(keyword) else {
                index += 1
                continue
            }
            let end = index + keyword.count
            let before = index > 0 ? bytes[index - 1] : 0x20
            let after = end < bytes.count ? bytes[end] : 0x20
            guard !isIdentifierByte(before), before != UInt8(ascii: "."), !isIdentifierByte(after) else {
                index = end
                continue
            }
            var depth = 0
            var stop = end
            scan: while stop < bytes.count {
                switch bytes[stop] {
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if depth == 0 { break scan }
                    depth -= 1
                case UInt8(ascii: ";") where depth == 0: break scan
                case UInt8(ascii: "\n") where depth == 0:
                    // A Python line ending in `\` continues.
                    if stop > end, bytes[stop - 1] == UInt8(ascii: "\\") { break }
                    break scan
                default: break
                }
                stop += 1
            }
            result.append(String(decoding: bytes[end..<stop], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            index = stop
        }
        return result
    }

    enum Description: Equatable { case nothing, unknown, phrase(String) }

    static func describe(_ raw: String, family: LanguageFamily) -> Description {
        var text = raw
        if text.hasPrefix("await ") { text = String(text.dropFirst(6)).trimmingCharacters(in: .whitespaces) }
        if text.hasSuffix("\\") { text.removeLast() }
        text = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        if text.isEmpty || ["None", "null", "nil", "undefined", "NULL", "nullptr", "void 0", "()"].contains(text) {
            return .nothing
        }
        if ["True", "False", "true", "false"].contains(text) { return .phrase("a boolean") }
        let top = topLevel(text)
        if family == .python, top.contains(" if ") { return .unknown }
        if top.contains("?") && top.contains(":") { return .unknown }
        if top.hasPrefix("not ") || (top.hasPrefix("!") && !top.hasPrefix("!=")) { return .phrase("a boolean") }
        for operator_ in ["==", "!=", "<=", ">=", " is ", " in ", " instanceof ", "&&", "||"] where top.contains(operator_) {
            return .phrase("a boolean")
        }
        if family == .python, top.contains(",") { return .phrase("a tuple") }
        guard let first = text.first else { return .nothing }
        if first == "\"" || first == "'" || first == "`" { return .phrase("a string") }
        if ["f\"", "b\"", "r\"", "u\"", "rb\"", "br\"", "f'", "b'", "r'"].contains(where: text.hasPrefix) { return .phrase("a string") }
        if first.isNumber || (first == "-" && text.dropFirst().first?.isNumber == true) {
            return isPlainNumber(text) ? .phrase("a number") : .unknown
        }
        if first == "[" { return .phrase(family == .python ? "a list" : "an array") }
        if first == "{" { return .phrase(family == .python ? "a dict" : "an object") }
        if text.hasPrefix("lambda") || text.hasPrefix("function") || top.contains("=>") { return .phrase("a function") }
        if text.hasPrefix("new ") {
            let type = String(text.dropFirst(4).prefix { isIdentifierCharacter($0) || $0 == "." })
            return type.isEmpty ? .unknown : .phrase("a new \(type)")
        }
        if text == "self" || text == "this" { return .phrase("itself") }
        // An identifier chain with calls and indexes only: `self._merge(a, b)`, `os.path.join(x)`, `self.name`.
        guard isChain(top) else { return .unknown }
        if top.hasSuffix("()") {
            // `head(...)`: the chain before the last call.
            var callee = String(top.dropLast(2)).replacingOccurrences(of: "()", with: "").replacingOccurrences(of: "[]", with: "")
            callee = stripReceiver(callee)
            let parts = callee.split(whereSeparator: { $0 == "." || $0 == ":" || $0 == ">" || $0 == "-" })
            guard let last = parts.last else { return .unknown }
            if parts.count == 1, last.first?.isUppercase == true, family != .go, family != .c {
                return .phrase("a new \(last)")
            }
            return .phrase("the result of " + parts.suffix(2).joined(separator: "."))
        }
        if top.contains("()") || top.contains("[]") { return .unknown }
        // A bare variable: one- or two-letter names say nothing.
        if !top.contains("."), top.count <= 2 { return .unknown }
        return .phrase(top)
    }

    /// `text` with the inside of every bracket pair removed: `f(a, g(b))[0]` → `f()[]`.
    static func topLevel(_ text: String) -> String {
        var output = ""
        var depth = 0
        for character in text {
            switch character {
            case "(", "[", "{":
                if depth == 0 { output.append(character) }
                depth += 1
            case ")", "]", "}":
                depth = max(0, depth - 1)
                if depth == 0 { output.append(character) }
            default:
                if depth == 0 { output.append(character) }
            }
        }
        return output
    }

    static func isChain(_ text: String) -> Bool {
        guard let first = text.first, isIdentifierCharacter(first), !first.isNumber else { return false }
        return text.allSatisfy { isIdentifierCharacter($0) || ".()[]:->".contains($0) }
    }

    static func stripReceiver(_ callee: String) -> String {
        for prefix in ["self.", "this.", "Self::", "self->", "this->", "@"] where callee.hasPrefix(prefix) {
            return String(callee.dropFirst(prefix.count))
        }
        return callee
    }

    static func isPlainNumber(_ text: String) -> Bool {
        text.allSatisfy { $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" || $0 == "x" || $0.isHexDigit || $0 == "L" }
    }

    static func isIdentifierCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "$"
    }

    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        byte.isASCIIWord || byte == UInt8(ascii: "$") || byte >= 0x80
    }
}
