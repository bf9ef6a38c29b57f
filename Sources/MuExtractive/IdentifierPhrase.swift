import Foundation
import MuCore
import MuSummaryText

/// Reads an identifier as English: `parse_config_file` → "Parses config file.",
/// `isValid` → "Checks whether valid.", `test_login` → "Tests login."
enum IdentifierPhrase {
    /// `parseHTTPResponse2` → ["parse", "http", "response2"].
    static func words(_ identifier: String) -> [String] {
        PlainText.isPlain(identifier) ? wordsPlain(identifier) : wordsGeneral(identifier)
    }

    /// ``words(_:)`` for any identifier, character by character.
    static func wordsGeneral(_ identifier: String) -> [String] {
        var words: [String] = []
        var current = ""
        let characters = Array(identifier)
        for (index, character) in characters.enumerated() {
            if character == "_" || character == "-" || character == "$" || character == "." {
                if !current.isEmpty { words.append(current); current = "" }
                continue
            }
            if character.isUppercase, !current.isEmpty {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                // Boundary at lower→Upper, and at the last capital of an acronym (`HTTPResponse`).
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && (next?.isLowercase ?? false)) {
                    words.append(current)
                    current = ""
                }
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.lowercased() }
    }

    /// ``words(_:)`` over the bytes of a plain identifier.
    static func wordsPlain(_ identifier: String) -> [String] {
        PlainText.withBytes(identifier) { bytes in
            var words: [String] = []
            var start = 0
            for index in bytes.indices {
                let byte = bytes[index]
                if byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "$") || byte == UInt8(ascii: ".") {
                    if index > start { words.append(lowercased(bytes[start..<index])) }
                    start = index + 1
                    continue
                }
                if byte.isASCIIUpper, index > start {
                    let previous = bytes[index - 1]
                    let nextIsLower = index + 1 < bytes.count && bytes[index + 1].isASCIILower
                    // Boundary at lower→Upper, and at the last capital of an acronym (`HTTPResponse`).
                    if previous.isASCIILower || previous.isASCIIDigit || (previous.isASCIIUpper && nextIsLower) {
                        words.append(lowercased(bytes[start..<index]))
                        start = index
                    }
                }
            }
            if start < bytes.count { words.append(lowercased(bytes[start...])) }
            return words
        }
    }

    private static func lowercased(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        PlainText.string(bytes.map(\.asciiLowercased))
    }

    /// A purpose sentence guessed from the name and kind.
    static func purpose(name: String, kind: String, enclosingType: String?) -> String {
        let lowerKind = kind.lowercased()
        if ["init", "__init__", "constructor", "initialize", "new"].contains(name) || lowerKind.contains("init") || lowerKind.contains("constructor") {
            return "Initializes a new \(enclosingType.map { "\($0) instance" } ?? "instance")."
        }
        if name == "main" { return "Program entry point." }
        if name.hasPrefix("operator"), name.count > "operator".count {
            let symbol = name.dropFirst("operator".count).trimmingCharacters(in: .whitespaces)
            return "Defines the \(symbol) operator\(enclosingType.map { " for \($0)" } ?? "")."
        }
        var parts = words(name)
        guard let first = parts.first else {
            return name.contains(where: \.isLetter) ? "Implements \(name)." : "Anonymous \(kind.isEmpty ? "function" : kind)."
        }
        if first == "test" || first == "tests" || first == "spec" {
            parts.removeFirst()
            return parts.isEmpty ? "Test case." : "Tests \(parts.joined(separator: " "))."
        }
        if ["is", "has", "can", "should", "needs", "contains", "exists", "supports"].contains(first) {
            let rest = parts.dropFirst().joined(separator: " ")
            let subject = first == "is" ? rest : "\(first == "has" ? "it has" : first == "can" ? "it can" : first) \(rest)"
            return "Checks whether \(subject.trimmingCharacters(in: .whitespaces))."
        }
        if first == "on" || first == "handle", parts.count > 1 {
            return "Handles \(parts.dropFirst().joined(separator: " "))."
        }
        if first == "to", parts.count > 1 {
            return "Converts to \(parts.dropFirst().joined(separator: " "))."
        }
        if let verb = thirdPerson(first) {
            let rest = parts.dropFirst().joined(separator: " ")
            return rest.isEmpty ? "\(verb.capitalizedFirst)." : "\(verb.capitalizedFirst) \(rest)."
        }
        return "Implements \(parts.joined(separator: " "))."
    }

    /// Verbs whose third person is not regular, and abbreviations read as verbs.
    static let irregular = ["do": "does", "go": "goes", "is": "is", "has": "has", "set": "sets", "get": "gets",
                            "init": "initializes", "calc": "calculates", "gen": "generates", "del": "deletes",
                            "rm": "removes", "eval": "evaluates", "exec": "executes", "fmt": "formats",
                            "conv": "converts", "cmp": "compares", "dump": "dumps", "fetch": "fetches",
                            "push": "pushes", "flush": "flushes", "match": "matches", "search": "searches",
                            "dispatch": "dispatches", "patch": "patches", "watch": "watches", "catch": "catches",
                            "apply": "applies", "copy": "copies", "try": "tries", "query": "queries", "notify": "notifies",
                            "verify": "verifies", "modify": "modifies", "retry": "retries", "specify": "specifies",
                            "process": "processes", "refresh": "refreshes", "hash": "hashes", "publish": "publishes",
                            "finish": "finishes", "establish": "establishes", "mix": "mixes", "fix": "fixes",
                            "access": "accesses", "compress": "compresses", "parse": "parses", "cache": "caches"]

    /// Leading words read as verbs (third person by the usual spelling rules).
    static let verbs: Set<String> = [
        "add", "append", "build", "call", "check", "clean", "clear", "close", "collect", "compute", "configure",
        "connect", "convert", "count", "create", "decode", "delete", "deserialize", "destroy", "detect",
        "disable", "download", "draw", "emit", "enable", "encode", "ensure", "enqueue", "extract", "filter",
        "find", "format", "generate", "handle", "import", "insert", "install", "invoke", "join", "list", "load",
        "log", "lookup", "make", "map", "merge", "migrate", "normalize", "open", "parse", "pop", "prepare",
        "print", "read", "receive", "register", "reload", "remove", "render", "replace", "report", "request",
        "reset", "resolve", "restore", "return", "run", "save", "scan", "schedule", "select", "send",
        "serialize", "show", "sort", "split", "start", "stop", "store", "strip", "submit", "summarize", "sync",
        "test", "toggle", "track", "transform", "translate", "trim", "update", "upload", "validate", "visit",
        "wait", "walk", "wrap", "write", "allocate", "assert", "attach", "bind", "compare", "compile", "consume",
        "decrypt", "encrypt", "drop", "evict", "expand", "export", "fill", "flatten", "group", "hide", "init",
        "inject", "inspect", "iterate", "keep", "kill", "launch", "lock", "mark", "measure", "mount", "move",
        "notify", "observe", "pack", "pad", "paint", "pause", "persist", "pick", "poll", "post", "put", "queue",
        "raise", "rank", "record", "reduce", "release", "rename", "repair", "resize", "resume", "reverse",
        "rotate", "sample", "scale", "seed", "seek", "setup", "shift", "shuffle", "skip", "slice", "spawn",
        "sum", "swap", "tag", "take", "throw", "tokenize", "trace", "train", "trigger", "truncate", "unlock",
        "unpack", "unwrap", "use", "view", "warn", "yield", "zip", "emit", "predict", "score", "plot",
    ]

    /// Third person of a recognised leading verb (`get` → "gets"), `nil` when the word is not a verb we know.
    static func thirdPerson(_ verb: String) -> String? {
        if let known = irregular[verb] { return known }
        guard verbs.contains(verb) else { return nil }
        if verb.hasSuffix("s") || verb.hasSuffix("sh") || verb.hasSuffix("ch") || verb.hasSuffix("x") || verb.hasSuffix("z") {
            return verb + "es"
        }
        if verb.hasSuffix("y"), let beforeY = verb.dropLast().last, !"aeiou".contains(beforeY) {
            return verb.dropLast() + "ies"
        }
        return verb + "s"
    }
}

extension String {
    /// First letter upper-cased, the rest untouched.
    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
