import MuCore

/// Moves a function's first line up over its decorators and attributes (`@app.route(...)`,
/// `#[test]`, `[Fact]`, `@Override`) and, in C and C++, over a return type or `template<...>`
/// written on the lines above the name.
enum DeclarationStart {
    /// 0-based first line of the declaration whose name is on `line`.
    static func firstLine(in text: SourceText, nameLine line: Int, language: Language) -> Int {
        var start = line
        var steps = 0
        while start > 0, steps < 40 {
            steps += 1
            let prev = start - 1
            if text.isBlankCode(prev) { break }
            let code = trimmed(text.codeLine(prev))
            if isAttributeLine(code, language: language) {
                start = prev
                continue
            }
            // A multi-line attribute: an earlier line opens it and the brackets close on `prev`.
            if let opener = multiLineAttributeStart(in: text, endingAt: prev, language: language) {
                start = opener
                continue
            }
            if (language == .c || language == .cpp), steps <= 3, isTypePrefixLine(code) {
                start = prev
                continue
            }
            break
        }
        return start
    }

    static func trimmed(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var a = s.startIndex, b = s.endIndex
        while a < b, s[a].isSpaceByte { a += 1 }
        while b > a, s[b - 1].isSpaceByte { b -= 1 }
        return s[a..<b]
    }

    static func isAttributeLine(_ code: ArraySlice<UInt8>, language: Language) -> Bool {
        guard let first = code.first else { return false }
        switch language {
        case .python, .java, .kotlin, .typescript, .tsx, .javascript:
            return first == UInt8(ascii: "@") && balanced(code)
        case .rust, .php:
            return code.starts(with: Array("#[".utf8)) && balanced(code)
        case .csharp:
            return first == UInt8(ascii: "[") && code.last == UInt8(ascii: "]") && balanced(code)
        case .cpp, .c:
            return code.starts(with: Array("[[".utf8)) && code.last == UInt8(ascii: "]")
        default:
            return false
        }
    }

    static func balanced(_ code: ArraySlice<UInt8>) -> Bool { bracketBalance(code) == 0 }

    static func bracketBalance(_ code: ArraySlice<UInt8>) -> Int {
        var d = 0
        for b in code {
            if b == UInt8(ascii: "(") || b == UInt8(ascii: "[") || b == UInt8(ascii: "{") { d += 1 }
            if b == UInt8(ascii: ")") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}") { d -= 1 }
        }
        return d
    }

    static func multiLineAttributeStart(in text: SourceText, endingAt last: Int, language: Language) -> Int? {
        guard bracketBalance(text.codeLine(last)) < 0 else { return nil }
        var balance = 0
        var l = last
        while l >= 0, last - l < 30 {
            balance += bracketBalance(text.codeLine(l))
            let code = trimmed(text.codeLine(l))
            if balance == 0 {
                guard let first = code.first else { return nil }
                let opens: Bool
                switch language {
                case .rust, .php: opens = code.starts(with: Array("#[".utf8))
                case .csharp: opens = first == UInt8(ascii: "[")
                case .python, .java, .kotlin, .typescript, .tsx, .javascript: opens = first == UInt8(ascii: "@")
                default: opens = false
                }
                return opens ? l : nil
            }
            if balance > 0 { return nil }
            l -= 1
        }
        return nil
    }

    /// `static int`, `PyObject *`, `template <typename T>`, `inline std::vector<int>` — a line that is
    /// only a type or specifiers, continuing onto the name's line.
    static func isTypePrefixLine(_ code: ArraySlice<UInt8>) -> Bool {
        guard let first = code.first, let last = code.last else { return false }
        if first == UInt8(ascii: "#") { return false }
        if code.starts(with: Array("template".utf8)) { return last == UInt8(ascii: ">") }
        if ";{}),:=".utf8.contains(last) { return false }
        // Parentheses only inside specifiers such as `__attribute__((always_inline)) int`, which end in a type.
        let endsInType = last.isIdentifierByte || last == UInt8(ascii: "*") || last == UInt8(ascii: "&")
        for b in code where !(b.isIdentifierByte || b == 32 || b == 9 || b == UInt8(ascii: "*") || b == UInt8(ascii: "&")
                               || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: ":") || b == UInt8(ascii: ",")
                               || ((b == UInt8(ascii: "(") || b == UInt8(ascii: ")")) && endsInType)) {
            return false
        }
        // Keywords that end statements rather than start declarations.
        let text = String(decoding: code, as: UTF8.self)
        for stop in ["return", "else", "case", "goto", "public:", "private:", "protected:", "default"] where text.hasPrefix(stop) {
            return false
        }
        return true
    }
}
