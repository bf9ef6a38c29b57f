import Foundation
import MuCore
import MuSummaryText

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
            result.isAsync = PlainText.containsWord("async", in: declaration)
            return result
        }
        let head = String(declaration[..<open])
        let inner = String(declaration[declaration.index(after: open)..<close])
        var tail = String(declaration[declaration.index(after: close)...])
        if let brace = tail.firstIndex(of: "{") { tail = String(tail[..<brace]) }
        result.headerEnd = declaration.index(after: close)
        result.parameters = parameterNames(inner, family: family)
        result.isAsync = PlainText.containsWord("async", in: head) || PlainText.containsWord("async", in: tail)

        switch family {
        case .python:
            result.returnType = after("->", in: tail, stoppingAt: [":"])
        case .swift:
            result.returnType = after("->", in: tail, stoppingAt: ["where"])
            result.canFail = PlainText.containsWord("throws", in: tail) || PlainText.containsWord("rethrows", in: tail)
            if let typed = typedThrows?.firstRange(in: tail) {
                let inside = tail[typed].drop { $0 != "(" }.dropFirst().dropLast()
                result.thrownTypes = [String(inside).trimmingCharacters(in: .whitespaces)]
            }
        case .rust:
            result.returnType = after("->", in: tail, stoppingAt: ["where"])
            result.canFail = result.returnType.map { $0.hasPrefix("Result") || $0.contains("Result<") } ?? false
        case .go:
            let trimmed = PlainText.trimmingSpaces(tail)
            result.returnType = trimmed.isEmpty ? nil : trimmed
            result.canFail = PlainText.containsWord("error", in: trimmed)
        case .javascript:
            let trimmed = PlainText.trimmingSpaces(tail)
            if trimmed.hasPrefix(":") {
                result.returnType = after(":", in: trimmed, stoppingAt: ["=>"])
            }
            if let type = result.returnType, type.hasPrefix("Promise") { result.isAsync = true }
        case .java, .c:
            result.returnType = returnTypeBeforeName(head)
            if let throwsRange = throwsClause?.firstRange(in: tail) {
                result.thrownTypes = tail[throwsRange.upperBound...]
                    .split(separator: ",")
                    .map { PlainText.trimmingSpaces($0) }
                    .map { String($0.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) }
                    .filter { !$0.isEmpty }
                result.canFail = !result.thrownTypes.isEmpty
            }
            // Kotlin / Scala style `fun f(x: Int): Int`.
            if result.returnType == nil, PlainText.trimmingSpaces(tail).hasPrefix(":") {
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
        if PlainText.isPlain(text), PlainText.isPlain(name) {
            let found = PlainText.withBytes(text) { bytes in
                PlainText.withBytes(name) { parameterListPlain(in: bytes, name: $0) }
            }
            guard let (open, close) = found else { return nil }
            let utf8 = text.utf8
            return (utf8.index(utf8.startIndex, offsetBy: open), utf8.index(utf8.startIndex, offsetBy: close))
        }
        return parameterListGeneral(in: text, name: name)
    }

    /// ``parameterList(in:name:)`` for any text, character by character.
    static func parameterListGeneral(in text: String, name: String) -> (String.Index, String.Index)? {
        var searchStart = text.startIndex
        while !name.isEmpty, let found = occurrence(of: name, in: text, from: searchStart) {
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

    /// What follows the parameter list (``parameterList(in:name:)``) in `text`, or `nil` without one.
    static func textAfterParameterList(in text: String, name: String) -> String? {
        if PlainText.isPlain(text), PlainText.isPlain(name) {
            return PlainText.withBytes(text) { bytes in
                PlainText.withBytes(name) { parameterListPlain(in: bytes, name: $0) }.map { PlainText.string(bytes[($0.1 + 1)...]) }
            }
        }
        return parameterListGeneral(in: text, name: name).map { String(text[text.index(after: $0.1)...]) }
    }

    /// ``parameterList(in:name:)`` over the bytes of plain text (byte offsets).
    static func parameterListPlain(in text: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        func isWord(_ byte: UInt8) -> Bool { byte.isASCIILetter || byte.isASCIIDigit || byte == UInt8(ascii: "_") }
        func skipSpaces(_ start: Int) -> Int {
            var index = start
            while index < text.count, text[index].isSpaceOrTab { index += 1 }
            return index
        }
        var searchStart = 0
        while !name.isEmpty, let found = PlainText.firstOffset(of: name, in: text, from: searchStart) {
            searchStart = found + name.count
            // Must be a whole identifier.
            if found > 0, isWord(text[found - 1]) { continue }
            var index = found + name.count
            if index < text.count, isWord(text[index]) { continue }
            index = skipSpaces(index)
            if index < text.count, text[index] == UInt8(ascii: "<") || text[index] == UInt8(ascii: "[") {
                guard let closeGeneric = matchingPlain(text, from: index) else { continue }
                index = skipSpaces(closeGeneric + 1)
            }
            // JS `name = async (…) =>` / `name: function (…)`.
            if index < text.count, text[index] == UInt8(ascii: "=") || text[index] == UInt8(ascii: ":") {
                if let paren = text[index...].firstIndex(of: UInt8(ascii: "(")), let close = matchingPlain(text, from: paren) {
                    let between = text[(index + 1)..<paren]
                    if between.allSatisfy({ $0.isASCIILetter || $0 == 0x20 }) { return (paren, close) }
                }
                continue
            }
            guard index < text.count, text[index] == UInt8(ascii: "("), let close = matchingPlain(text, from: index) else { continue }
            return (index, close)
        }
        // No name match (anonymous or mangled): fall back to the first parenthesis.
        if let open = text.firstIndex(of: UInt8(ascii: "(")), let close = matchingPlain(text, from: open) { return (open, close) }
        return nil
    }

    /// ``matching(_:from:)`` over bytes.
    static func matchingPlain(_ text: UnsafeBufferPointer<UInt8>, from open: Int) -> Int? {
        let opener = text[open]
        let closer: UInt8
        switch opener {
        case UInt8(ascii: "("): closer = UInt8(ascii: ")")
        case UInt8(ascii: "<"): closer = UInt8(ascii: ">")
        case UInt8(ascii: "["): closer = UInt8(ascii: "]")
        case UInt8(ascii: "{"): closer = UInt8(ascii: "}")
        default: return nil
        }
        var depth = 0
        var index = open
        while index < text.count {
            let byte = text[index]
            if byte == opener {
                depth += 1
            } else if byte == closer {
                // `->` inside generics is not a closing angle bracket.
                let isArrow = closer == UInt8(ascii: ">") && index > 0 && text[index - 1] == UInt8(ascii: "-")
                if !isArrow {
                    depth -= 1
                    if depth == 0 { return index }
                }
            }
            index += 1
        }
        return nil
    }

    /// `text.range(of: name, range: start..<text.endIndex)`, by bytes in plain text.
    static func occurrence(of name: String, in text: String, from start: String.Index) -> Range<String.Index>? {
        guard PlainText.isPlain(text), PlainText.isPlain(name) else {
            return text.range(of: name, range: start..<text.endIndex)
        }
        let utf8 = text.utf8
        let startOffset = utf8.distance(from: utf8.startIndex, to: start)
        let found = PlainText.withBytes(text) { PlainText.firstOffset(of: name.utf8, in: $0, from: startOffset) }
        guard let found else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: found)
        return lower..<utf8.index(lower, offsetBy: name.utf8.count)
    }

    /// Index of the bracket closing the one at `open`, counting nesting.
    static func matching(_ text: String, from open: String.Index) -> String.Index? {
        let opener = text[open]
        let closer: Character
        switch opener {
        case "(": closer = ")"
        case "<": closer = ">"
        case "[": closer = "]"
        case "{": closer = "}"
        default: return nil
        }
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
        if family == .python || family == .ruby || family == .javascript, PlainText.isPlain(raw) {
            return PlainText.withBytes(raw) { parameterNamePlain($0, family: family) }
        }
        return parameterNameGeneral(raw, family: family)
    }

    /// ``parameterName(_:family:)`` for any text and language.
    static func parameterNameGeneral(_ raw: String, family: LanguageFamily) -> String? {
        var text = PlainText.trimmingWhitespaceAndNewlines(raw)
        // Drop annotations and attributes: `@Nonnull String s`, `#[allow] x: T`.
        while text.hasPrefix("@") || text.hasPrefix("#[") {
            if let space = text.firstIndex(of: " ") { text = String(PlainText.trimmingSpaces(text[space...])) } else { return nil }
        }
        if let equal = text.firstIndex(of: "="), family != .go { text = String(text[..<equal]) }
        text = PlainText.trimmingSpaces(text)
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
        name = trimmingNameMarks(name)
        if name.hasPrefix("mut ") { name.removeFirst(4) }
        if ignoredParameters.contains(name) { return nil }
        guard name.first.map({ $0.isLetter || $0 == "_" }) ?? false else { return nil }
        return name
    }

    /// ``parameterName(_:family:)`` for Python, Ruby and JavaScript over the bytes of plain text.
    static func parameterNamePlain(_ raw: UnsafeBufferPointer<UInt8>, family: LanguageFamily) -> String? {
        var lower = 0
        var upper = raw.count
        while lower < upper, raw[lower].isASCIIWhitespace { lower += 1 }
        while upper > lower, raw[upper - 1].isASCIIWhitespace { upper -= 1 }
        var text: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: raw[lower..<upper]) }
        // Drop annotations and attributes: `@Nonnull String s`, `#[allow] x: T`.
        while PlainText.hasPrefix(text, "@") || PlainText.hasPrefix(text, "#[") {
            guard let space = raw[lower..<upper].firstIndex(of: 0x20) else { return nil }
            lower = space
            while lower < upper, raw[lower].isSpaceOrTab { lower += 1 }
            while upper > lower, raw[upper - 1].isSpaceOrTab { upper -= 1 }
        }
        if let equal = raw[lower..<upper].firstIndex(of: UInt8(ascii: "=")) { upper = equal }
        let trimmed = PlainText.trimSpacesAndTabs(raw, lower..<upper)
        (lower, upper) = (trimmed.lowerBound, trimmed.upperBound)
        if lower == upper || text.elementsEqual("/".utf8) || text.elementsEqual("*".utf8) || text.elementsEqual("void".utf8)
            || text.elementsEqual("...".utf8) {
            return nil
        }
        if raw[lower] == UInt8(ascii: "{") { return "an options object" }
        if raw[lower] == UInt8(ascii: "[") && family == .javascript { return "an array" }
        var end = lower
        while end < upper, raw[end] != UInt8(ascii: ":"), raw[end] != UInt8(ascii: "?"), raw[end] != 0x20 { end += 1 }
        let name = trimmingNameMarks(PlainText.string(raw[lower..<end]))
        if ignoredParameters.contains(name) { return nil }
        guard let first = name.utf8.first, first.isASCIILetter || first == UInt8(ascii: "_") else { return nil }
        return name
    }

    /// Splits on commas outside brackets and strings.
    static func splitTopLevel(_ text: String) -> [String] {
        if PlainText.isPlain(text) {
            return PlainText.withBytes(text) { bytes in
                var parts: [String] = []
                var start = 0
                var depth = 0
                var quote: UInt8?
                for (index, byte) in bytes.enumerated() {
                    if let open = quote {
                        if byte == open { quote = nil }
                        continue
                    }
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
                    case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "<"): depth += 1
                    case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ">"): depth -= 1
                    case UInt8(ascii: ",") where depth == 0:
                        parts.append(PlainText.string(bytes[start..<index]))
                        start = index + 1
                    default: break
                    }
                }
                let last = bytes[start...]
                if last.contains(where: { !$0.isSpaceOrTab }) { parts.append(PlainText.string(last)) }
                return parts
            }
        }
        return splitTopLevelGeneral(text)
    }

    /// ``splitTopLevel(_:)`` for any text, character by character.
    static func splitTopLevelGeneral(_ text: String) -> [String] {
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
        if !PlainText.trimmingSpaces(current).isEmpty { parts.append(current) }
        return parts
    }

    /// For C-family heads (`public static List<String> name`): the type before the name.
    static let modifiers: Set<String> = ["public", "private", "protected", "internal", "static", "final", "abstract",
                                      "synchronized", "native", "inline", "virtual", "extern", "constexpr", "override",
                                      "default", "async", "explicit", "friend", "unsafe", "open", "suspend", "fun",
                                      "def", "function", "func", "fn", "transient", "volatile", "strictfp", "sealed"]

    static func returnTypeBeforeName(_ head: String) -> String? {
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
        let type = PlainText.trimmingSpaces(tokens.joined(separator: " ") + pointer)
        return type.isEmpty ? nil : type
    }

    static func after(_ marker: String, in text: String, stoppingAt stops: [String]) -> String? {
        guard PlainText.isPlain(text) else { return afterGeneral(marker, in: text, stoppingAt: stops) }
        return PlainText.withBytes(text) { bytes -> String? in
            guard let found = PlainText.firstOffset(of: marker.utf8, in: bytes) else { return nil }
            var rest = (found + marker.utf8.count)..<bytes.count
            for stop in stops {
                let part = UnsafeBufferPointer(rebasing: bytes[rest])
                let cut = stop == ":" ? part.lastIndex(of: UInt8(ascii: ":")) : PlainText.firstOffset(of: stop.utf8, in: part)
                if let cut { rest = rest.lowerBound..<(rest.lowerBound + cut) }
            }
            var lower = rest.lowerBound
            var upper = rest.upperBound
            while lower < upper, bytes[lower].isASCIIWhitespace { lower += 1 }
            while upper > lower, bytes[upper - 1].isASCIIWhitespace { upper -= 1 }
            return lower < upper ? PlainText.string(bytes[lower..<upper]) : nil
        }
    }

    /// ``after(_:in:stoppingAt:)`` for any text.
    static func afterGeneral(_ marker: String, in text: String, stoppingAt stops: [String]) -> String? {
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

    static let typedThrows = CompiledRegex(#"throws\s*\(([^)]+)\)"#)
    static let throwsClause = CompiledRegex(#"\bthrows\s+"#)
    static let ignoredParameters: Set<String> = ["self", "cls", "this", "_", "&self", "&mut", "mut", ""]
    static let nameMarks = CharacterSet.whitespaces.union(CharacterSet(charactersIn: "*&.$:"))

    /// A parameter name without surrounding spaces and `*&.$:` marks.
    static func trimmingNameMarks(_ name: String) -> String {
        guard PlainText.isPlain(name) else { return name.trimmingCharacters(in: nameMarks) }
        return PlainText.withBytes(name) { bytes in
            func isMark(_ byte: UInt8) -> Bool { byte.isSpaceOrTab || "*&.$:".utf8.contains(byte) }
            var lower = 0
            var upper = bytes.count
            while lower < upper, isMark(bytes[lower]) { lower += 1 }
            while upper > lower, isMark(bytes[upper - 1]) { upper -= 1 }
            return PlainText.string(bytes[lower..<upper])
        }
    }

    static func skipSpaces(_ text: String, from start: String.Index) -> String.Index {
        var index = start
        while index < text.endIndex, text[index] == " " || text[index] == "\t" { index = text.index(after: index) }
        return index
    }
}
