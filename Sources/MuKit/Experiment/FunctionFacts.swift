import Foundation
import MuCore
import MuLLM

/// What a summary of a function could be expected to mention, read from its code with simple
/// rules (the coverage metric; docs/experiments.md states them):
/// - parameters: the names in the signature's first parenthesized list, split at top-level commas;
///   in a part with `:` the last word before it (`_ name: Int` → `name`, `count: int = 0` → `count`),
///   otherwise the first word in Go and the last word elsewhere (`int count` → `count`); `self`, `cls`,
///   `this`, `_` and `*`/`&`/`...` marks are dropped;
/// - a returned value: the body has `return` followed by something other than `;`, `}` or a line end,
///   or a `yield`;
/// - raised errors: the names after `raise`, `throw` or `throw new`.
public struct FunctionFacts: Sendable, Hashable, Codable {
    public var parameters: [String]
    public var returnsValue: Bool
    public var raises: [String]
    /// The lowercased words of the function's own name (`parse_header` → parse, header).
    public var nameWords: [String]

    public init(parameters: [String], returnsValue: Bool, raises: [String], nameWords: [String]) {
        self.parameters = parameters
        self.returnsValue = returnsValue
        self.raises = raises
        self.nameWords = nameWords
    }

    public init(request: SummaryRequest) {
        self.init(parameters: Self.parameters(of: request.signature, language: request.language),
                  returnsValue: Self.returnsValue(request.body),
                  raises: Self.raisedNames(request.body),
                  nameWords: Self.words(ofName: request.name))
    }

    static func parameters(of signature: String, language: Language) -> [String] {
        guard let open = signature.firstIndex(of: "(") else { return [] }
        var depth = 0
        var parts: [String] = []
        var current = ""
        for character in signature[signature.index(after: open)...] {
            if "([{<".contains(character) { depth += 1 }
            if ")]}>".contains(character) {
                if depth == 0 && character == ")" { break }
                depth -= 1
            }
            if character == ",", depth == 0 { parts.append(current); current = ""; continue }
            current.append(character)
        }
        parts.append(current)
        var names: [String] = []
        for part in parts {
            var text = part
            if let equals = text.firstIndex(of: "=") { text = String(text[..<equals]) }
            let words: [String]
            if let colon = text.firstIndex(of: ":") {
                words = identifiers(in: String(text[..<colon]))
                if let last = words.last { names.append(last) }
                continue
            }
            words = identifiers(in: text)
            if let name = language == .go ? words.first : words.last { names.append(name) }
        }
        let skipped: Set<String> = ["self", "cls", "this", "_", "mut", "inout"]
        return names.filter { !skipped.contains($0) }
    }

    static func returnsValue(_ body: String) -> Bool {
        if body.range(of: #"\byield\b"#, options: .regularExpression) != nil { return true }
        return body.range(of: #"\breturn[ \t]+[^;}\s]"#, options: .regularExpression) != nil
    }

    static func raisedNames(_ body: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: #"\b(?:raise|throw)\s+(?:new\s+)?([A-Za-z_][A-Za-z0-9_.]*)"#) else { return [] }
        var seen = Set<String>()
        return regex.matches(in: body, range: NSRange(body.startIndex..., in: body)).compactMap { match in
            Range(match.range(at: 1), in: body).map { String(body[$0]) }
        }.filter { seen.insert($0).inserted }
    }

    /// `parseHeader`, `parse_header`, `ParseHeader` → parse, header.
    static func words(ofName name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousLower = false
        for character in name {
            if character == "_" || character == "-" || !(character.isLetter || character.isNumber) {
                if !current.isEmpty { words.append(current) }
                current = ""; previousLower = false; continue
            }
            if character.isUppercase, previousLower, !current.isEmpty { words.append(current); current = "" }
            current.append(character)
            previousLower = character.isLowercase || character.isNumber
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.lowercased() }.filter { $0.count >= 2 }
    }

    static func identifiers(in text: String) -> [String] {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init)
            .filter { $0.first.map { !$0.isNumber } ?? false }
    }
}
