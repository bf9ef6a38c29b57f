import Foundation
import MuCore
import MuSummaryText

/// Side effects the extractive summary can see in a body.
enum SideEffect: String, Sendable, Hashable, CaseIterable {
    case readsFiles, writesFiles, network, process, database, environment, output, concurrency

    /// The phrase used in a bullet.
    var phrase: String {
        switch self {
        case .readsFiles: "reads files"
        case .writesFiles: "writes files"
        case .network: "makes network requests"
        case .process: "runs external processes"
        case .database: "queries a database"
        case .environment: "reads environment variables"
        case .output: "prints or logs output"
        case .concurrency: "starts concurrent work"
        }
    }
}

/// What a body does, seen through language-aware patterns over its code.
struct BodyBehavior: Sendable, Hashable {
    var effects: [SideEffect] = []
    /// Exception or error types it raises/throws, or a generic marker.
    var raises: [String] = []
    var raisesSomething = false
    var mayPanic = false
    /// Notable calls, in order of first appearance, deduplicated.
    var calls: [String] = []
    var isRecursive = false
}

enum BehaviorScanner {
    /// Scans `code` (already scrubbed of comments and strings) plus the raw
    /// body (for SQL inside strings).
    static func scan(code: String, rawBody: String, name: String, family: LanguageFamily) -> BodyBehavior {
        var behavior = BodyBehavior()
        let scanned = ScanText(code)
        for (effect, patterns) in effectsByFamily[family] ?? [] where patterns.contains(where: { $0.matches(scanned) }) {
            behavior.effects.append(effect)
        }
        if !behavior.effects.contains(.database), mayContainSQL(rawBody), sqlStatement?.matches(rawBody) ?? false {
            behavior.effects.append(.database)
        }
        // Write modes live inside string literals, which the scrubbed code no longer has.
        if !behavior.effects.contains(.writesFiles), rawWritePatterns[family]?.matches(rawBody) ?? false {
            behavior.effects.append(.writesFiles)
        }
        behavior.effects.sort { SideEffect.allCases.firstIndex(of: $0)! < SideEffect.allCases.firstIndex(of: $1)! }  // allCases holds every case
        scanFailures(code, family: family, into: &behavior)
        let effectPatterns = effectPatternsByFamily[family] ?? []
        behavior.calls = calls(in: code, family: family, excluding: name).filter { call in
            // Calls already described by a side effect or a raised error add nothing.
            let asCall = ScanText(call + "(")
            return !effectPatterns.contains { $0.matches(asCall) }
                && !behavior.raises.contains(where: { call == $0 || call.hasSuffix("." + $0) })
        }
        behavior.isRecursive = callsItself(code, name: name)
        return behavior
    }

    /// Whether `code` calls `name` (not as a method of another value): `(?<![\w.])name\s*\(`.
    static func callsItself(_ code: String, name: String) -> Bool {
        guard !name.isEmpty, PlainText.isPlain(code), PlainText.isPlain(name) else {
            return CompiledRegex(#"(?<![\w.])"# + NSRegularExpression.escapedPattern(for: name) + #"\s*\("#)?
                .matches(code) ?? false
        }
        return PlainText.withBytes(code) { bytes in
            let needle = Array(name.utf8)
            var from = 0
            while let found = PlainText.firstOffset(of: needle, in: bytes, from: from) {
                from = found + 1
                if found > 0, bytes[found - 1].isASCIIWord || bytes[found - 1] == UInt8(ascii: ".") { continue }
                var index = found + needle.count
                while index < bytes.count, bytes[index].isASCIIWhitespace { index += 1 }
                if index < bytes.count, bytes[index] == UInt8(ascii: "(") { return true }
            }
            return false
        }
    }

    /// False when `text` cannot hold one of ``sqlStatement``'s keywords followed by whitespace and its
    /// clause. Only decided for plain text: case-insensitive matching folds some other letters to ASCII.
    static func mayContainSQL(_ text: String) -> Bool {
        guard PlainText.isPlain(text) else { return true }
        return PlainText.withBytes(text) { bytes in
            var index = 0
            // A keyword, whitespace and at least one more byte.
            while index + 7 < bytes.count {
                let keyword: StaticString
                switch bytes[index] | 0x20 {
                case UInt8(ascii: "s"): keyword = "select"
                case UInt8(ascii: "i"): keyword = "insert"
                case UInt8(ascii: "u"): keyword = "update"
                case UInt8(ascii: "d"): keyword = "delete"
                case UInt8(ascii: "c"): keyword = "create"
                default:
                    index += 1
                    continue
                }
                var offset = 1
                // `| 0x20` maps only the two cases of a letter onto a lower-case letter.
                while offset < 6, bytes[index + offset] | 0x20 == keyword.utf8Start[offset] { offset += 1 }
                // Each keyword is followed by whitespace in the pattern, then its second word.
                if offset == 6, bytes[index + 6].isASCIIWhitespace, sqlClauseMayFollow(keyword, in: bytes, after: index + 6) {
                    return true
                }
                index += 1
            }
            return false
        }
    }

    /// After a keyword and whitespace (ASCII text): `insert\s+into`, `delete\s+from`, `create\s+table`,
    /// `update\s+\w+\s+set`; `select … from` needs a later `from`. Case-insensitive, as the pattern.
    static func sqlClauseMayFollow(_ keyword: StaticString, in bytes: UnsafeBufferPointer<UInt8>, after start: Int) -> Bool {
        func skipSpaces(_ index: Int) -> Int {
            var index = index
            while index < bytes.count, bytes[index].isASCIIWhitespace { index += 1 }
            return index
        }
        func word(_ expected: StaticString, at index: Int) -> Bool {
            guard index + expected.utf8CodeUnitCount <= bytes.count else { return false }
            for offset in 0..<expected.utf8CodeUnitCount where bytes[index + offset] | 0x20 != expected.utf8Start[offset] {
                return false
            }
            return true
        }
        var index = skipSpaces(start)
        switch keyword.utf8Start[0] {
        case UInt8(ascii: "i"): return word("into", at: index)
        case UInt8(ascii: "d"): return word("from", at: index)
        case UInt8(ascii: "c"): return word("table", at: index)
        case UInt8(ascii: "u"):
            let wordStart = index
            while index < bytes.count, bytes[index].isASCIIWord { index += 1 }
            guard index > wordStart else { return false }
            let spaced = skipSpaces(index)
            return spaced > index && word("set", at: spaced)
        default:
            while index + 4 <= bytes.count {
                if word("from", at: index) { return true }
                index += 1
            }
            return false
        }
    }

    static func scanFailures(_ code: String, family: LanguageFamily, into behavior: inout BodyBehavior) {
        for raised in raisedNames(in: code, family: family) {
            behavior.raisesSomething = true
            if var type = raised {
                if family == .swift, type.hasPrefix(".") { type.removeFirst() }
                // Swift throws `ErrorType.someCase`; Python raises `module.ErrorType`.
                if family == .swift, let first = type.split(separator: ".").first { type = String(first) }
                if family == .python, let last = type.split(separator: ".").last { type = String(last) }
                let isType = (type.first?.isUppercase ?? false) || type.contains("::")
                if isType, !behavior.raises.contains(type) { behavior.raises.append(type) }
            }
        }
        // A bare `raise` re-raises; Ruby `raise "message"` raises RuntimeError.
        if !behavior.raisesSomething, family == .python || family == .ruby, PlainText.containsWord("raise", in: code) {
            behavior.raisesSomething = true
        }
        if panicPatterns[family]?.matches(code) ?? false {
            behavior.mayPanic = true
        }
    }

    /// One element per match of ``failurePatterns``: the raised type it captures, or `nil` (Go, Rust).
    static func raisedNames(in code: String, family: LanguageFamily) -> [String?] {
        if let statement = ThrowStatement(family), PlainText.isPlain(code) { return statement.types(in: code) }
        return (failurePatterns[family]?.allMatches(code) ?? []).map { match in
            match.numberOfRanges > 1 ? Range(match.range(at: 1), in: code).map { String(code[$0]) } : nil
        }
    }

    /// The raise/throw statements of ``failurePatterns`` that capture a type, matched over plain code:
    /// `\bKEYWORD\s+(?:new\s+)?(FIRST[REST]*)`.
    struct ThrowStatement {
        let keyword: StaticString
        let allowsNew: Bool
        /// `[A-Z]` (Ruby) rather than `[A-Za-z_]`.
        let capitalOnly: Bool
        let allowsDot: Bool
        let allowsColon: Bool

        init?(_ family: LanguageFamily) {
            switch family {
            case .python: self.init(keyword: "raise", allowsNew: false, capitalOnly: false, allowsDot: true, allowsColon: false)
            case .ruby: self.init(keyword: "raise", allowsNew: false, capitalOnly: true, allowsDot: false, allowsColon: true)
            case .swift: self.init(keyword: "throw", allowsNew: false, capitalOnly: false, allowsDot: true, allowsColon: false)
            case .java, .javascript, .c, .other:
                self.init(keyword: "throw", allowsNew: true, capitalOnly: false, allowsDot: true, allowsColon: true)
            case .go, .rust: return nil
            }
        }

        init(keyword: StaticString, allowsNew: Bool, capitalOnly: Bool, allowsDot: Bool, allowsColon: Bool) {
            self.keyword = keyword
            self.allowsNew = allowsNew
            self.capitalOnly = capitalOnly
            self.allowsDot = allowsDot
            self.allowsColon = allowsColon
        }

        func types(in code: String) -> [String?] {
            PlainText.withBytes(code) { bytes in
                func isFirst(_ byte: UInt8) -> Bool {
                    capitalOnly ? byte.isASCIIUpper : byte.isASCIILetter || byte == UInt8(ascii: "_")
                }
                func isRest(_ byte: UInt8) -> Bool {
                    byte.isASCIIWord || (allowsDot && byte == UInt8(ascii: ".")) || (allowsColon && byte == UInt8(ascii: ":"))
                }
                func spaces(from start: Int) -> Int {
                    var index = start
                    while index < bytes.count, bytes[index].isASCIIWhitespace { index += 1 }
                    return index
                }
                var types: [String?] = []
                var from = 0
                while let found = PlainText.firstOffset(of: keyword.bytes, in: bytes, from: from) {
                    from = found + 1
                    if found > 0, bytes[found - 1].isASCIIWord { continue }
                    let afterKeyword = found + keyword.utf8CodeUnitCount
                    var start = spaces(from: afterKeyword)
                    guard start > afterKeyword else { continue }
                    // `(?:new\s+)?` is tried first and given up when no type follows it.
                    if allowsNew, PlainText.hasPrefix(bytes, "new", at: start) {
                        let afterNew = spaces(from: start + 3)
                        if afterNew > start + 3, afterNew < bytes.count, isFirst(bytes[afterNew]) { start = afterNew }
                    }
                    guard start < bytes.count, isFirst(bytes[start]) else { continue }
                    var end = start + 1
                    while end < bytes.count, isRest(bytes[end]) { end += 1 }
                    types.append(PlainText.string(bytes[start..<end]))
                    from = end
                }
                return types
            }
        }
    }

    /// Called functions by first appearance: `json.load`, `fetchRows`, `Foo.new`…
    static func calls(in code: String, family: LanguageFamily, excluding name: String) -> [String] {
        var seen: [String] = []
        for found in callNames(in: code) {
            var call = found
            // `self.helper` → `helper`, `this.x` → `x`; keep a one-level receiver otherwise.
            for prefix in ["self.", "this.", "Self::", "self->", "this->", "@"] where call.hasPrefix(prefix) {
                call.removeFirst(prefix.count)
            }
            let components = PlainText.isPlain(call)
                ? PlainText.withBytes(call) { bytes in
                    bytes.split(whereSeparator: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":")
                        || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "-") }).map { PlainText.string($0) }
                }
                : call.components(separatedBy: CharacterSet(charactersIn: ".:>-")).filter { !$0.isEmpty }
            guard let last = components.last else { continue }
            if ignoredCalls.contains(last) || ignoredCalls.contains(call) || last == name { continue }
            // A capitalized bare call builds a value of a type (`URLRequest(…)`, `Point(…)`), except in Go and C.
            if components.count == 1, last.first?.isUppercase ?? false, family != .go, family != .c { continue }
            if components.count > 2 { call = components.suffix(2).joined(separator: ".") }
            if !seen.contains(call) { seen.append(call) }
        }
        return seen
    }

    /// The callees ``callPattern`` finds (its first group), in order.
    static func callNames(in code: String) -> [String] {
        guard PlainText.isPlain(code) else {
            guard let callPattern else { return [] }
            return callPattern.allMatches(code).compactMap { match in
                Range(match.range(at: 1), in: code).map { String(code[$0]) }
            }
        }
        return PlainText.withBytes(code) { bytes in
            // `(?<![\w.$])((?:ident(?:\.|::|->))*ident!?)\s*\(` with ident = `[A-Za-z_$][\w$]*`: each
            // identifier is maximal, so the match is found without backtracking.
            func isStart(_ byte: UInt8) -> Bool { byte.isASCIILetter || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$") }
            func identifierEnd(_ start: Int) -> Int {
                var index = start + 1
                while index < bytes.count, bytes[index].isASCIIWord || bytes[index] == UInt8(ascii: "$") { index += 1 }
                return index
            }
            var names: [String] = []
            var position = 0
            while position < bytes.count {
                guard isStart(bytes[position]) else { position += 1; continue }
                if position > 0 {
                    let before = bytes[position - 1]
                    if before.isASCIIWord || before == UInt8(ascii: ".") || before == UInt8(ascii: "$") {
                        position += 1
                        continue
                    }
                }
                var end = identifierEnd(position)
                while end < bytes.count {
                    var next = end
                    if bytes[end] == UInt8(ascii: ".") {
                        next = end + 1
                    } else if end + 1 < bytes.count, bytes[end] == UInt8(ascii: ":"), bytes[end + 1] == UInt8(ascii: ":") {
                        next = end + 2
                    } else if end + 1 < bytes.count, bytes[end] == UInt8(ascii: "-"), bytes[end + 1] == UInt8(ascii: ">") {
                        next = end + 2
                    }
                    guard next > end, next < bytes.count, isStart(bytes[next]) else { break }
                    end = identifierEnd(next)
                }
                if end < bytes.count, bytes[end] == UInt8(ascii: "!") { end += 1 }
                var open = end
                while open < bytes.count, bytes[open].isASCIIWhitespace { open += 1 }
                if open < bytes.count, bytes[open] == UInt8(ascii: "(") {
                    names.append(PlainText.string(bytes[position..<end]))
                    position = open + 1
                } else {
                    position += 1
                }
            }
            return names
        }
    }

    static let callPattern = CompiledRegex(#"(?<![\w.$])((?:[A-Za-z_$][\w$]*(?:\.|::|->))*[A-Za-z_$][\w$]*!?)\s*\("#)
    static let sqlStatement = CompiledRegex(
        #"(?i)\b(select\s+[\w*,\s.]+\s+from|insert\s+into|update\s+\w+\s+set|delete\s+from|create\s+table)\b"#)

    static let failurePatterns: [LanguageFamily: CompiledRegex] = [
        .python: #"\braise\s+([A-Za-z_][\w.]*)"#,
        .ruby: #"\braise\s+([A-Z][\w:]*)"#,
        .swift: #"\bthrow\s+([A-Za-z_][\w.]*)"#,
        .java: #"\bthrow\s+(?:new\s+)?([A-Za-z_][\w.:]*)"#,
        .javascript: #"\bthrow\s+(?:new\s+)?([A-Za-z_][\w.:]*)"#,
        .c: #"\bthrow\s+(?:new\s+)?([A-Za-z_][\w.:]*)"#,
        .other: #"\bthrow\s+(?:new\s+)?([A-Za-z_][\w.:]*)"#,
        .go: #"\b(?:errors\.New|fmt\.Errorf)\s*\("#,
        .rust: #"\b(?:return\s+)?Err\s*\("#,
    ].compactMapValues { CompiledRegex($0) }

    static let panicPatterns: [LanguageFamily: CompiledRegex] = [
        .rust: #"\b(panic!|unreachable!|todo!|unimplemented!)|\.(unwrap|expect)\s*\("#,
        .go: #"\bpanic\s*\("#,
        .swift: #"\b(fatalError|preconditionFailure)\s*\(|\btry!"#,
        .c: #"\b(abort|exit)\s*\("#,
    ].compactMapValues { CompiledRegex($0, options: .anchorsMatchLines) }

    /// ``compiledEffects`` by language, effects in ``SideEffect/allCases`` order.
    static let effectsByFamily: [LanguageFamily: [(SideEffect, [CompiledRegex])]] = {
        var table: [LanguageFamily: [(SideEffect, [CompiledRegex])]] = [:]
        for effect in SideEffect.allCases {
            for (family, patterns) in compiledEffects[effect] ?? [:] { table[family, default: []].append((effect, patterns)) }
        }
        return table
    }()

    /// Every side-effect pattern of a language, to recognise calls the effects already describe.
    static let effectPatternsByFamily: [LanguageFamily: [CompiledRegex]] = {
        var table: [LanguageFamily: [CompiledRegex]] = [:]
        for byFamily in compiledEffects.values {
            for (family, patterns) in byFamily { table[family, default: []] += patterns }
        }
        return table
    }()

    /// ``effectPatterns`` compiled, with the `.other` patterns added to every language.
    static let compiledEffects: [SideEffect: [LanguageFamily: [CompiledRegex]]] = {
        let families: [LanguageFamily] = [.python, .swift, .go, .rust, .javascript, .java, .c, .ruby, .other]
        var table: [SideEffect: [LanguageFamily: [CompiledRegex]]] = [:]
        for (effect, byFamily) in effectPatterns {
            var compiled: [LanguageFamily: [CompiledRegex]] = [:]
            for family in families {
                let sources = (byFamily[family] ?? []) + (family == .other ? [] : byFamily[.other] ?? [])
                compiled[family] = sources.compactMap { CompiledRegex($0) }
            }
            table[effect] = compiled
        }
        return table
    }()

    /// Keywords that look like calls, and calls too common to be worth naming.
    static let ignoredCalls: Set<String> = [
        "if", "for", "while", "switch", "catch", "return", "function", "def", "func", "fn", "sizeof", "typeof",
        "match", "elif", "elsif", "until", "unless", "when", "guard", "case", "with", "assert", "await", "yield",
        "new", "super", "init", "print", "println!", "print!", "format!", "vec!", "len", "str", "int", "float",
        "bool", "list", "dict", "set", "tuple", "range", "isinstance", "enumerate", "zip", "append", "get", "String",
        "Int", "Double", "Array", "Dictionary", "Some", "Ok", "Err", "Box::new", "map", "filter", "push", "toString",
        "equals", "length", "size", "puts", "require", "require_relative", "lambda", "proc", "defer", "sprintf",
        "printf", "log", "debug", "info", "warn", "error", "Println", "Printf", "Sprintf", "Errorf", "make", "cap",
        "type", "repr", "hasattr", "getattr", "setattr", "min", "max", "abs", "sorted", "reversed", "round",
        "console.log", "unwrap", "expect", "clone", "to_string", "into", "from", "iter", "collect", "as_str",
        "throw", "raise", "panic", "async", "fatalError", "precondition", "NSError", "URL", "Data", "Set", "Error",
        "strlen", "malloc", "free", "memcpy", "memset", "object", "static_cast", "reinterpret_cast", "dynamic_cast",
        "const_cast", "decltype", "alignof", "noexcept", "and", "or", "not", "in", "is", "do", "then", "else",
        "let", "var", "const", "try", "catch", "finally", "new", "delete", "sizeof", "read", "write", "close",
        "strip", "split", "join", "perror", "fclose", "keys", "values", "items", "lower", "upper", "trim",
        "toLowerCase", "toUpperCase", "fetchall", "fetchone", "include?", "has", "abort", "exit", "panic!",
        "startswith", "endswith", "format", "json", "then", "catch", "resolve", "reject", "forEach", "some",
        "every", "reduce", "slice", "concat", "indexOf", "contains", "isEmpty", "count", "first", "last",
        "Println!", "dbg!", "assert!", "assert_eq!", "matches!", "write!", "writeln!", "unwrap_or", "ok_or",
        "as_ref", "to_owned", "borrow", "lock", "is_some", "is_none", "is_ok", "is_err", "len!", "empty",
    ]

    /// Writes whose mode is a string literal: checked on the raw body.
    static let rawWritePatterns: [LanguageFamily: CompiledRegex] = [
        .python: #"\bopen\s*\([^)]*['"](w|a|x|wb|ab|xb|w\+|a\+|r\+)['"]"#,
        .c: #"\bfopen\s*\([^)]*"(w|a|wb|ab|w\+|a\+|r\+)""#,
        .ruby: #"\bFile\.open\s*\([^)]*['"](w|a|wb|ab)['"]"#,
    ].compactMapValues { CompiledRegex($0) }

    /// Regular expressions per side effect and language; `.other` applies to all.
    static let effectPatterns: [SideEffect: [LanguageFamily: [String]]] = [
        .readsFiles: [
            .python: [#"\bopen\s*\("#, #"\.read_(text|bytes)\s*\("#, #"\b(json|yaml|pickle|toml|csv)\.(load|reader)\b"#, #"\bos\.(listdir|scandir|walk)\b"#, #"\bglob\.glob\b"#],
            .swift: [#"\bFileManager\b"#, #"contentsOfFile:"#, #"\bFileHandle\b"#, #"Data\s*\(\s*contentsOf:"#, #"String\s*\(\s*contentsOf"#],
            .go: [#"\bos\.(Open|ReadFile|ReadDir|Stat)\b"#, #"\bioutil\.(ReadFile|ReadAll|ReadDir)\b"#, #"\bfilepath\.Walk"#],
            .rust: [#"\bFile::open\b"#, #"\bfs::(read|read_to_string|read_dir|metadata)\b"#, #"\bOpenOptions\b"#],
            .javascript: [#"\bfs\.(readFile|readFileSync|readdir|readdirSync|createReadStream|stat|existsSync)\b"#, #"\breadFile\s*\("#],
            .java: [#"\bFiles\.(read\w*|lines|list|walk|newBufferedReader|exists)\b"#, #"\bFile(InputStream|Reader)\b"#, #"\bnew\s+File\s*\("#, #"\bScanner\s*\(\s*new\s+File"#],
            .c: [#"\bfopen\s*\("#, #"\bfread\s*\("#, #"\bfgets\s*\("#, #"\bifstream\b"#, #"\bopendir\s*\("#],
            .ruby: [#"\bFile\.(read|open|readlines|foreach|exist\?)"#, #"\bIO\.read"#, #"\bDir\.(glob|entries|\[)"#, #"\bYAML\.load_file"#],
        ],
        .writesFiles: [
            .python: [#"\bopen\s*\([^)]*['"][wax]b?\+?['"]"#, #"\.write_(text|bytes)\s*\("#, #"\b(json|pickle|yaml)\.dump\b"#, #"\bos\.(remove|unlink|rename|makedirs|mkdir|rmdir)\b"#, #"\bshutil\.\w+"#],
            .swift: [#"\.write\s*\(\s*to(File)?:"#, #"\.(createDirectory|removeItem|moveItem|copyItem|createFile)\s*\("#],
            .go: [#"\bos\.(Create|WriteFile|Remove|RemoveAll|Mkdir|MkdirAll|Rename)\b"#, #"\bioutil\.WriteFile\b"#],
            .rust: [#"\bFile::create\b"#, #"\bfs::(write|create_dir|create_dir_all|remove_file|remove_dir_all|rename|copy)\b"#],
            .javascript: [#"\bfs\.(writeFile|writeFileSync|appendFile|appendFileSync|mkdir|mkdirSync|unlink|unlinkSync|rm|rmSync|rename|createWriteStream)\b"#],
            .java: [#"\bFiles\.(write|writeString|delete|createDirector\w*|move|copy|newBufferedWriter)\b"#, #"\bFile(OutputStream|Writer)\b"#, #"\bPrintWriter\s*\(\s*new\s+File"#],
            .c: [#"\bfopen\s*\([^)]*"[wa]"#, #"\bfwrite\s*\("#, #"\bfputs\s*\("#, #"\bfprintf\s*\(\s*(?!stderr|stdout)"#, #"\bofstream\b"#, #"\b(unlink|remove|rename|mkdir)\s*\("#],
            .ruby: [#"\bFile\.(write|delete|rename)"#, #"\bFile\.open\s*\([^)]*['"][wa]"#, #"\bFileUtils\."#],
        ],
        .network: [
            .python: [#"\brequests\.(get|post|put|patch|delete|head|request|Session)\b"#, #"\burllib\b"#, #"\bhttpx\b"#, #"\baiohttp\b"#, #"\bsocket\.(socket|create_connection)\b"#, #"\bhttp\.client\b"#, #"\bsmtplib\b"#],
            .swift: [#"\bURLSession\b"#, #"\bURLRequest\b"#, #"\bNWConnection\b"#],
            .go: [#"\bhttp\.(Get|Post|Head|PostForm|NewRequest\w*)\b"#, #"\.Do\s*\(\s*req"#, #"\bnet\.(Dial\w*|Listen\w*)\b"#, #"\bgrpc\.Dial"#],
            .rust: [#"\breqwest::"#, #"\bTcpStream::"#, #"\bTcpListener::"#, #"\bUdpSocket::"#, #"\bhyper::"#, #"\breqwest\b"#],
            .javascript: [#"\bfetch\s*\("#, #"\baxios\b"#, #"\bXMLHttpRequest\b"#, #"\bhttps?\.(get|request)\s*\("#, #"\bnew\s+WebSocket\b"#, #"\bnet\.(connect|createConnection)\b"#],
            .java: [#"\bHttpClient\b"#, #"\bHttpURLConnection\b"#, #"\bnew\s+Socket\s*\("#, #"\bRestTemplate\b"#, #"\bWebClient\b"#, #"\bOkHttpClient\b"#],
            .c: [#"\bsocket\s*\("#, #"\bconnect\s*\("#, #"\bcurl_easy_\w+"#, #"\bgetaddrinfo\s*\("#, #"\b(send|recv)\s*\("#],
            .ruby: [#"\bNet::HTTP\b"#, #"\bURI\.open\b"#, #"\bFaraday\b"#, #"\bHTTParty\b"#, #"\bRestClient\b"#, #"\bTCPSocket\b"#],
        ],
        .process: [
            .python: [#"\bsubprocess\.\w+"#, #"\bos\.(system|popen|exec\w*|spawn\w*|fork)\b"#, #"\bPopen\s*\("#, #"\basyncio\.create_subprocess_\w+"#],
            .swift: [#"\bProcess\s*\(\s*\)"#, #"\bposix_spawn"#, #"\.executableURL\b"#, #"\bSubprocess\.run"#],
            .go: [#"\bexec\.Command(Context)?\b"#, #"\bsyscall\.Exec\b"#, #"\bos\.StartProcess\b"#],
            .rust: [#"\bCommand::new\b"#, #"\bprocess::Command\b"#],
            .javascript: [#"\bchild_process\b"#, #"\b(execSync|spawnSync|execFileSync|execFile)\s*\("#, #"\bspawn\s*\("#, #"\bexeca\b"#],
            .java: [#"\bProcessBuilder\b"#, #"\bRuntime\.getRuntime\(\)\.exec\b"#],
            .c: [#"\bfork\s*\("#, #"\bexec[lv]p?e?\s*\("#, #"\bsystem\s*\("#, #"\bpopen\s*\("#, #"\bposix_spawn"#, #"\bCreateProcess\w*\s*\("#],
            .ruby: [#"\bsystem\s*\("#, #"\bspawn\s*\("#, #"\bOpen3\."#, #"\bIO\.popen\b"#, #"%x\{"#, #"\bexec\s*\("#, #"(^|[^\w])`"#],
        ],
        .database: [
            .python: [#"\bcursor\s*\(\s*\)"#, #"\.execute(many)?\s*\("#, #"\bsqlite3\.connect\b"#, #"\bpsycopg2?\b"#, #"\bsession\.(query|add|commit|execute)\b"#, #"\.objects\.(filter|get|create|all)\b"#],
            .swift: [#"\bsqlite3_\w+"#, #"\bdb\.(execute|read|write)\b"#, #"\bDatabase(Queue|Pool)\b"#, #"\.fetch(All|One|Count)\s*\("#, #"\bNSManagedObjectContext\b"#],
            .go: [#"\bsql\.Open\b"#, #"\.(Query|QueryRow|Exec|QueryContext|ExecContext)\s*\("#, #"\bgorm\."#],
            .rust: [#"\bsqlx::"#, #"\bdiesel::"#, #"\brusqlite\b"#, #"\.execute\s*\("#, #"\bConnection::open\b"#],
            .javascript: [#"\bprisma\.\w+"#, #"\bknex\b"#, #"\bsequelize\b"#, #"\.query\s*\(\s*['"`]"#, #"\bmongoose\b"#, #"\.(findOne|findMany|insertOne|updateOne|deleteOne)\s*\("#],
            .java: [#"\b(PreparedStatement|ResultSet|Statement)\b"#, #"\.(executeQuery|executeUpdate)\s*\("#, #"\bJdbcTemplate\b"#, #"\bEntityManager\b"#, #"\bDriverManager\.getConnection\b"#],
            .c: [#"\bsqlite3_\w+"#, #"\bmysql_\w+"#, #"\bPQexec\w*"#],
            .ruby: [#"\bActiveRecord\b"#, #"\.(where|find_by|create!?|update!?|save!?|destroy)\s*[(]"#, #"\bexecute\s*\("#],
        ],
        .environment: [
            .python: [#"\bos\.(environ|getenv)\b"#],
            .swift: [#"\bProcessInfo\.processInfo\.environment\b"#, #"\bgetenv\s*\("#],
            .go: [#"\bos\.(Getenv|LookupEnv|Setenv|Environ)\b"#],
            .rust: [#"\benv::var(_os)?\b"#],
            .javascript: [#"\bprocess\.env\b"#],
            .java: [#"\bSystem\.getenv\b"#],
            .c: [#"\bgetenv\s*\("#, #"\bsetenv\s*\("#],
            .ruby: [#"\bENV\["#, #"\bENV\.fetch\b"#],
        ],
        .output: [
            .python: [#"\bprint\s*\("#, #"\blogging\.\w+\s*\("#, #"\blogger\.\w+\s*\("#, #"\bsys\.(stdout|stderr)\.write\b"#],
            .swift: [#"\bprint\s*\("#, #"\blogger\.\w+\s*\("#, #"\bNSLog\s*\("#, #"\bFileHandle\.standard(Error|Output)\b"#],
            .go: [#"\bfmt\.(Print|Println|Printf|Fprint\w*)\b"#, #"\blog\.\w+\s*\("#],
            .rust: [#"\b(e?println!|e?print!)"#, #"\b(log::)?(info|warn|error|debug|trace)!"#],
            .javascript: [#"\bconsole\.\w+\s*\("#, #"\bprocess\.(stdout|stderr)\.write\b"#],
            .java: [#"\bSystem\.(out|err)\.print"#, #"\b(logger|log|LOG|LOGGER)\.\w+\s*\("#],
            .c: [#"\bprintf\s*\("#, #"\bputs\s*\("#, #"\bstd::(cout|cerr)\b"#, #"\bfprintf\s*\(\s*std(err|out)"#],
            .ruby: [#"\bputs\b"#, #"\bprint\b"#, #"\blogger\.\w+"#, #"\bRails\.logger\b"#, #"\bwarn\b"#],
        ],
        .concurrency: [
            .python: [#"\bthreading\.Thread\b"#, #"\bmultiprocessing\.\w+"#, #"\basyncio\.(create_task|gather|run)\b"#, #"\bThreadPoolExecutor\b"#],
            .swift: [#"\bTask\s*\{"#, #"\bTask\.detached\b"#, #"\bDispatchQueue\b"#, #"\bwithTaskGroup\b"#, #"\bwithThrowingTaskGroup\b"#, #"\bThread\s*\("#],
            .go: [#"(^|\s)go\s+[\w.]+\s*\("#, #"(^|\s)go\s+func\b"#],
            .rust: [#"\bthread::spawn\b"#, #"\btokio::spawn\b"#, #"\brayon::"#, #"\bspawn\s*\("#],
            .javascript: [#"\bnew\s+Worker\b"#, #"\bPromise\.all\b"#, #"\bsetTimeout\s*\("#, #"\bsetInterval\s*\("#],
            .java: [#"\bnew\s+Thread\b"#, #"\bExecutorService\b"#, #"\bCompletableFuture\b"#, #"\bExecutors\."#],
            .c: [#"\bpthread_create\s*\("#, #"\bstd::thread\b"#, #"\bstd::async\b"#],
            .ruby: [#"\bThread\.new\b"#, #"\bFiber\.new\b"#],
        ],
    ]
}
