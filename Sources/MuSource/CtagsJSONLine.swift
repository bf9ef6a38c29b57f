/// Reads one line of ctags' JSON output (a flat object of strings, integers and booleans) into a tag.
///
/// Written by hand: Foundation's JSONDecoder took a tenth of the time of `mu functions` on
/// CPython's standard library (87,000 lines); this reads the same lines in a fraction of that.
/// Lines it does not understand are skipped, as JSONDecoder's failures were.
enum CtagsJSONLine {
    static func parse(_ line: ArraySlice<UInt8>) -> CtagsRunner.Tag? {
        var p = Parser(bytes: line, i: line.startIndex)
        var tag = CtagsRunner.Tag(name: "", path: "", line: nil, kind: nil, scope: nil, scopeKind: nil, signature: nil, end: nil)
        var hasName = false, hasPath = false
        p.skipSpace()
        guard p.eat(UInt8(ascii: "{")) else { return nil }
        while true {
            p.skipSpace()
            if p.eat(UInt8(ascii: "}")) { break }
            guard let key = p.string() else { return nil }
            p.skipSpace()
            guard p.eat(UInt8(ascii: ":")) else { return nil }
            p.skipSpace()
            switch key {
            case "name": guard let v = p.string() else { return nil }; tag.name = v; hasName = true
            case "path": guard let v = p.string() else { return nil }; tag.path = v; hasPath = true
            case "kind": tag.kind = p.string()
            case "scope": tag.scope = p.string()
            case "scopeKind": tag.scopeKind = p.string()
            case "signature": tag.signature = p.string()
            case "line": tag.line = p.integer()
            case "end": tag.end = p.integer()
            default: guard p.skipValue() else { return nil }
            }
            p.skipSpace()
            if p.eat(UInt8(ascii: ",")) { continue }
            if p.eat(UInt8(ascii: "}")) { break }
            return nil
        }
        return hasName && hasPath ? tag : nil
    }

    struct Parser {
        let bytes: ArraySlice<UInt8>
        var i: Int

        mutating func skipSpace() { while i < bytes.endIndex, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 13 { i += 1 } }

        mutating func eat(_ b: UInt8) -> Bool {
            guard i < bytes.endIndex, bytes[i] == b else { return false }
            i += 1
            return true
        }

        mutating func integer() -> Int? {
            var value = 0
            var any = false
            var negative = false
            if i < bytes.endIndex, bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
            while i < bytes.endIndex, bytes[i] >= 48, bytes[i] <= 57 {
                value = value &* 10 &+ Int(bytes[i] - 48)
                any = true
                i += 1
            }
            return any ? (negative ? -value : value) : nil
        }

        mutating func string() -> String? {
            guard eat(34) else { _ = skipValue(); return nil }
            var out = [UInt8]()
            while i < bytes.endIndex {
                let b = bytes[i]
                if b == 34 { i += 1; return String(decoding: out, as: UTF8.self) }
                if b == 92, i + 1 < bytes.endIndex {
                    let e = bytes[i + 1]
                    i += 2
                    switch e {
                    case UInt8(ascii: "n"): out.append(10)
                    case UInt8(ascii: "t"): out.append(9)
                    case UInt8(ascii: "r"): out.append(13)
                    case UInt8(ascii: "b"): out.append(8)
                    case UInt8(ascii: "f"): out.append(12)
                    case UInt8(ascii: "u"):
                        guard i + 4 <= bytes.endIndex, let code = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else { return nil }
                        i += 4
                        var scalarValue = code
                        // A surrogate pair: \uD83D\uDE00
                        if (0xD800...0xDBFF).contains(code), i + 6 <= bytes.endIndex, bytes[i] == 92, bytes[i + 1] == UInt8(ascii: "u"),
                           let low = UInt32(String(decoding: bytes[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16), (0xDC00...0xDFFF).contains(low) {
                            scalarValue = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            i += 6
                        }
                        out.append(contentsOf: Array(String(Unicode.Scalar(scalarValue).map(Character.init) ?? "\u{FFFD}").utf8))
                    default: out.append(e) // \" \\ \/
                    }
                    continue
                }
                out.append(b)
                i += 1
            }
            return nil
        }

        /// Skips a string, number, literal, or (defensively) a nested object or array.
        mutating func skipValue() -> Bool {
            guard i < bytes.endIndex else { return false }
            let b = bytes[i]
            if b == 34 { return string() != nil }
            if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                var depth = 0
                var inString = false
                while i < bytes.endIndex {
                    let c = bytes[i]
                    if inString {
                        if c == 92 { i += 2; continue }
                        if c == 34 { inString = false }
                    } else if c == 34 { inString = true }
                    else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { depth += 1 }
                    else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") { depth -= 1; if depth == 0 { i += 1; return true } }
                    i += 1
                }
                return false
            }
            while i < bytes.endIndex, bytes[i] != UInt8(ascii: ","), bytes[i] != UInt8(ascii: "}") { i += 1 }
            return true
        }
    }
}
