import MuCore

/// Finds the body of a function in brace languages by matching `{` and `}` in the code mask.
///
/// Written by hand: ctags 5.9 gives no end lines for JavaScript, TypeScript or Rust, and its
/// end lines elsewhere are not string-aware in every parser.
enum BraceScanner {
    /// Where a function body was found, as byte offsets into the source.
    struct Body: Equatable {
        /// Offset of the opening `{` (or of the first byte of an expression body).
        var open: Int
        /// Offset of the closing `}` (or the last byte of an expression body).
        var close: Int
    }

    /// The body of the function whose name starts at `offset`: the first `{` at bracket depth 0
    /// after it, matched to its `}`. Nil when a `;` (or a stray `}`) comes first: a declaration,
    /// abstract or interface method, or overload signature without a body.
    static func body(in text: SourceText, after offset: Int, language: Language, limit: Int = 200_000) -> Body? {
        let code = text.code
        let end = min(code.count, offset + limit)
        var depth = 0
        var sawInitializerColon = false
        var closedParams = false
        var k = offset
        while k < end {
            let b = code[k]
            switch b {
            case UInt8(ascii: "("), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                depth -= 1
                if depth < 0 { return nil }
                if depth == 0 { closedParams = true }
            case UInt8(ascii: ";") where depth == 0:
                return nil
            case UInt8(ascii: "}") where depth == 0:
                return nil
            case UInt8(ascii: ":") where depth == 0 && closedParams && language == .cpp:
                if k + 1 < end, code[k + 1] == UInt8(ascii: ":") { k += 1 } else { sawInitializerColon = true }
            case UInt8(ascii: "=") where depth == 0 && closedParams:
                let isArrow = k + 1 < end && code[k + 1] == UInt8(ascii: ">")
                switch language {
                case .javascript, .typescript, .tsx, .csharp:
                    // `(a) => ...`; C# expression-bodied members `int F() => x;`
                    if isArrow { return arrowBody(in: text, arrow: k) }
                case .kotlin:
                    // `fun f() = expr`
                    if !isArrow, k + 1 < end, code[k + 1] != UInt8(ascii: "=") { return arrowBody(in: text, arrow: k - 1) }
                default:
                    break
                }
            case 10 where depth == 0 && closedParams && optionalSemicolons(language):
                // No `;` ends a bodiless declaration here: stop unless the body's `{` opens the next line
                // or this line plainly continues (ends in an operator, `,`, `:` or `->`).
                var j = k + 1
                while j < end, code[j].isSpaceByte { j += 1 }
                var p = k - 1
                while p > offset, code[p] == 32 || code[p] == 9 || code[p] == 13 { p -= 1 }
                let nextOpens = j < end && code[j] == UInt8(ascii: "{")
                let continues = p > offset && ",:>=|&(".utf8.contains(code[p])
                let nextContinues = j < end && ":.=|&".utf8.contains(code[j])
                if !(nextOpens || continues || nextContinues) { return nil }
            case UInt8(ascii: "{") where depth == 0:
                if sawInitializerColon, isBraceInitializer(code, at: k) {
                    guard let close = matching(code, open: k) else { return nil }
                    k = close
                } else {
                    guard let close = matching(code, open: k) else { return nil }
                    return Body(open: k, close: close)
                }
            default:
                break
            }
            k += 1
        }
        return nil
    }

    static func optionalSemicolons(_ language: Language) -> Bool {
        language == .kotlin || language == .javascript || language == .typescript || language == .tsx
    }

    /// In a C++ constructor's initializer list, `member{value}` is not the body.
    static func isBraceInitializer(_ code: [UInt8], at k: Int) -> Bool {
        var j = k - 1
        while j >= 0, code[j].isSpaceByte { j -= 1 }
        guard j >= 0 else { return false }
        return code[j].isIdentifierByte || code[j] == UInt8(ascii: ">")
    }

    /// Offset of the `}` matching the `{` at `open`, or nil if the file ends first.
    static func matching(_ code: [UInt8], open: Int) -> Int? {
        var depth = 0
        var k = open
        let n = code.count
        while k < n {
            let b = code[k]
            if b == UInt8(ascii: "{") { depth += 1 }
            else if b == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return k }
            }
            k += 1
        }
        return nil
    }

    /// The body of a JS/TS arrow function whose `=>` is at `arrow`: a `{...}` block, or an
    /// expression that runs to the first `;` or `,` at depth 0, an unmatched closing bracket, or a
    /// line end where the next line does not continue the expression.
    static func arrowBody(in text: SourceText, arrow: Int) -> Body? {
        let code = text.code
        var k = arrow + 2
        while k < code.count, code[k].isSpaceByte { k += 1 }
        guard k < code.count else { return nil }
        if code[k] == UInt8(ascii: "{") {
            guard let close = matching(code, open: k) else { return nil }
            return Body(open: k, close: close)
        }
        let start = k
        var depth = 0
        var last = k
        while k < code.count {
            let b = code[k]
            switch b {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                if depth == 0 { return Body(open: start, close: last) }
                depth -= 1
            case UInt8(ascii: ";"), UInt8(ascii: ","):
                if depth == 0 { return Body(open: start, close: last) }
            case 10 where depth == 0:
                // Continue only if the next line starts with an operator or the line ends with one.
                var j = k + 1
                while j < code.count, code[j] == 32 || code[j] == 9 || code[j] == 13 { j += 1 }
                let next: UInt8 = j < code.count ? code[j] : 0
                let prev = code[last]
                let continues = ".?:+-*/%&|=<>".utf8.contains(next) || "=+-*/%&|?:,<>(".utf8.contains(prev)
                if !continues { return Body(open: start, close: last) }
            default:
                break
            }
            if !b.isSpaceByte { last = k }
            k += 1
        }
        return Body(open: start, close: last)
    }
}
