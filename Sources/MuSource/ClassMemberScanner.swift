/// Finds the methods and function-valued fields of JavaScript/TypeScript classes.
///
/// ctags 5.9's TypeScript parser stops reporting a class's members after a typed field such as
/// `protected cache: Map<string, T> = new Map();`, a common pattern. This scanner reads class
/// bodies in the code mask and reports members as extra tags; duplicates of ctags' own tags are
/// dropped later by body span.
enum ClassMemberScanner {
    static let modifiers: Set<String> = [
        "public", "private", "protected", "static", "readonly", "abstract", "async", "override", "declare",
        "get", "set", "accessor",
    ]
    static let notNames: Set<String> = ["if", "for", "while", "switch", "catch", "return", "function", "new", "constructor_"]

    static func tags(in text: SourceText, path: String) -> [CtagsRunner.Tag] {
        let code = text.code
        let n = code.count
        var tags: [CtagsRunner.Tag] = []
        // Stack of open braces: the class name for class bodies, nil for any other block.
        var stack: [String?] = []
        var k = 0
        var memberStart = false
        while k < n {
            let b = code[k]
            if b == UInt8(ascii: "{") {
                stack.append(className(beforeBrace: k, code: code))
                memberStart = stack.last! != nil
                k += 1
                continue
            }
            if b == UInt8(ascii: "}") {
                if !stack.isEmpty { stack.removeLast() }
                memberStart = (stack.last ?? nil) != nil
                k += 1
                continue
            }
            if let owner = stack.last ?? nil, memberStart, !b.isSpaceByte {
                memberStart = false
                if b == UInt8(ascii: ";") { memberStart = true; k += 1; continue }
                if let (tag, resume) = member(at: k, code: code, text: text, owner: owner, path: path) {
                    if let tag { tags.append(tag) }
                    k = resume
                    memberStart = true
                    continue
                }
            }
            if b == UInt8(ascii: ";"), (stack.last ?? nil) != nil { memberStart = true }
            k += 1
        }
        return tags
    }

    /// The class name if the `{` at `brace` opens a class body (`class Name<T> extends B implements C {`).
    static func className(beforeBrace brace: Int, code: [UInt8]) -> String? {
        // Walk back over the head to the previous statement boundary.
        var j = brace - 1
        var depth = 0
        while j >= 0 {
            let c = code[j]
            if c == UInt8(ascii: ")") || c == UInt8(ascii: "]") || c == UInt8(ascii: ">") { depth += 1 }
            else if c == UInt8(ascii: "(") || c == UInt8(ascii: "[") || c == UInt8(ascii: "<") { depth -= 1 }
            else if depth <= 0 && (c == UInt8(ascii: ";") || c == UInt8(ascii: "{") || c == UInt8(ascii: "}") || c == UInt8(ascii: "=") && j + 1 < code.count && code[j + 1] != UInt8(ascii: ">")) { break }
            if brace - j > 600 { return nil }
            j -= 1
        }
        let head = code[(j + 1)..<brace]
        let words = identifierWords(head)
        guard let idx = words.firstIndex(where: { $0 == "class" }) else { return nil }
        let next = idx + 1 < words.count ? words[idx + 1] : "default"
        return ["extends", "implements"].contains(next) ? "default" : next
    }

    static func identifierWords(_ s: ArraySlice<UInt8>) -> [String] {
        var words: [String] = []
        var current = [UInt8]()
        for c in s {
            if c.isIdentifierByte { current.append(c) } else if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)); current.removeAll() }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }

    /// Parses one member head at `start`; returns a tag when it is a method or a function-valued
    /// field, and where to resume scanning (at the body's `{` so braces stay balanced, or after the head).
    static func member(at start: Int, code: [UInt8], text: SourceText, owner: String, path: String) -> (CtagsRunner.Tag?, Int)? {
        let n = code.count
        var k = start
        func skipSpace() { while k < n, code[k].isSpaceByte { k += 1 } }
        func word() -> (String, Int)? {
            var e = k
            if e < n, code[e] == UInt8(ascii: "#") { e += 1 }
            while e < n, code[e].isIdentifierByte { e += 1 }
            guard e > k else { return nil }
            return (String(decoding: code[k..<e], as: UTF8.self), e)
        }
        // Decorators: @name, @a.b(...)
        while k < n, code[k] == UInt8(ascii: "@") {
            k += 1
            while k < n, code[k].isIdentifierByte || code[k] == UInt8(ascii: ".") { k += 1 }
            if k < n, code[k] == UInt8(ascii: "(") { k = skipBalanced(code, from: k) }
            skipSpace()
        }
        var kind = "method"
        var nameInfo: (String, Int, Int)? = nil // name, offset, end
        while true {
            skipSpace()
            if k < n, code[k] == UInt8(ascii: "*") { k += 1; continue }
            guard let (w, e) = word() else { break }
            let offset = k
            k = e
            skipSpace()
            let next: UInt8 = k < n ? code[k] : 0
            if modifiers.contains(w), next.isIdentifierByte || next == UInt8(ascii: "#") || next == UInt8(ascii: "*") || next == UInt8(ascii: "[") {
                if w == "get" { kind = "getter" } else if w == "set" { kind = "setter" }
                continue
            }
            nameInfo = (w, offset, e)
            break
        }
        guard let (name, offset, _) = nameInfo, !notNames.contains(name) else { return nil }
        skipSpace()
        if k < n, code[k] == UInt8(ascii: "?") || code[k] == UInt8(ascii: "!") { k += 1; skipSpace() }
        if k < n, code[k] == UInt8(ascii: "<") {
            var depth = 0
            while k < n {
                if code[k] == UInt8(ascii: "<") { depth += 1 }
                if code[k] == UInt8(ascii: ">") { depth -= 1; if depth == 0 { k += 1; break } }
                if code[k] == UInt8(ascii: "{") || code[k] == UInt8(ascii: ";") { return nil }
                k += 1
            }
            skipSpace()
        }
        let line = text.lineIndex(of: offset) + 1
        if k < n, code[k] == UInt8(ascii: "(") {
            // A method: its body (if any) is matched later by BraceScanner from the tag.
            let tag = CtagsRunner.Tag(name: name, path: path, line: line, kind: kind, scope: owner, scopeKind: "class", signature: nil, end: nil)
            let afterParams = skipBalanced(code, from: k)
            // Resume at the body's `{` (so the brace stack sees it) or at the terminating `;`.
            var r = afterParams
            var depth = 0
            while r < n {
                let c = code[r]
                if c == UInt8(ascii: "(") || c == UInt8(ascii: "[") || c == UInt8(ascii: "<") { depth += 1 }
                if c == UInt8(ascii: ")") || c == UInt8(ascii: "]") || c == UInt8(ascii: ">") && (r == 0 || code[r - 1] != UInt8(ascii: "=")) { depth -= 1 }
                if depth <= 0 && (c == UInt8(ascii: "{") || c == UInt8(ascii: ";") || c == UInt8(ascii: "}")) { break }
                if depth <= 0 && c == 10 {
                    var j = r + 1
                    while j < n, code[j].isSpaceByte { j += 1 }
                    if j < n, code[j] != UInt8(ascii: "{"), code[j] != UInt8(ascii: ":"), code[j] != UInt8(ascii: "|"), code[j] != UInt8(ascii: "&") { break }
                }
                r += 1
            }
            return (tag, r)
        }
        if k < n, code[k] == UInt8(ascii: "=") || code[k] == UInt8(ascii: ":") {
            // A field: a function when bound to an arrow or function expression.
            let tag = CtagsRunner.Tag(name: name, path: path, line: line, kind: "field", scope: owner, scopeKind: "class", signature: nil, end: nil)
            // Resume after the initializer's statement: at `;` or newline at depth 0.
            var r = k
            var depth = 0
            while r < n {
                let c = code[r]
                if c == UInt8(ascii: "(") || c == UInt8(ascii: "[") || c == UInt8(ascii: "{") { depth += 1 }
                if c == UInt8(ascii: ")") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
                    if depth == 0 { break }
                    depth -= 1
                }
                if depth == 0 && c == UInt8(ascii: ";") { r += 1; break }
                r += 1
            }
            return (tag, r)
        }
        return nil
    }

    static func skipBalanced(_ code: [UInt8], from k0: Int) -> Int {
        var depth = 0
        var k = k0
        while k < code.count {
            if code[k] == UInt8(ascii: "(") { depth += 1 }
            if code[k] == UInt8(ascii: ")") { depth -= 1; if depth == 0 { return k + 1 } }
            k += 1
        }
        return k
    }
}
