import Foundation
import MuCore

/// Extracts functions from every ctags language: ctags names the symbols (name, kind, scope,
/// line), the boundary scanners find where each body starts and ends.
public struct CtagsExtractor: Extractor {
    let runner: CtagsRunner
    /// Files per ctags invocation; several batches run at once, one per core.
    public var batchSize: Int
    public var concurrency: Int

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                batchSize: Int = 400, concurrency: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        self.runner = try CtagsRunner.locate(environment: environment)
        self.batchSize = max(1, batchSize)
        self.concurrency = max(1, concurrency)
    }

    public func supports(_ language: Language) -> Bool { language.ctagsName != nil }

    public func extract(_ files: [SourceFile], root: URL) async throws -> ExtractionBatch {
        var batches: [(String, [SourceFile])] = []
        let byLanguage = Dictionary(grouping: files.filter { supports($0.language) }, by: { $0.language.ctagsName! })
        // Batches small enough that every core stays busy to the end (a last large batch would
        // leave the others idle), large enough that starting ctags is a small cost.
        let total = byLanguage.values.reduce(0) { $0 + $1.count }
        let size = max(50, min(batchSize, total / (concurrency * 4)))
        for (ctagsLanguage, group) in byLanguage.sorted(by: { $0.value.count > $1.value.count }) {
            var start = 0
            while start < group.count {
                let end = min(group.count, start + size)
                batches.append((ctagsLanguage, Array(group[start..<end])))
                start = end
            }
        }
        var result = ExtractionBatch()
        try await withThrowingTaskGroup(of: ExtractionBatch.self) { tasks in
            var next = 0
            func addNext() {
                guard next < batches.count else { return }
                let (lang, batch) = batches[next]
                next += 1
                tasks.addTask { try await self.extractBatch(batch, ctagsLanguage: lang, root: root) }
            }
            for _ in 0..<concurrency { addNext() }
            while let part = try await tasks.next() {
                result.files += part.files
                result.failures += part.failures
                addNext()
            }
        }
        return result
    }

    func extractBatch(_ files: [SourceFile], ctagsLanguage: String, root: URL) async throws -> ExtractionBatch {
        let t0 = ContinuousClock.now
        let tags = try await runner.tags(for: files.map(\.path), ctagsLanguage: ctagsLanguage, root: root)
        let t1 = ContinuousClock.now
        defer { if ProcessInfo.processInfo.environment["MU_TRACE"] != nil { FileHandle.standardError.write(Data("trace: batch \(ctagsLanguage) \(files.count) files: ctags \(t1 - t0), resolve \(ContinuousClock.now - t1)\n".utf8)) } }
        var batch = ExtractionBatch()
        for file in files {
            switch SourceReader.read(root.appendingPathComponent(file.path)) {
            case .failure(let reason):
                batch.failures.append((file.path, reason))
            case .success(let bytes):
                let units = TagResolver(file: file, bytes: bytes).units(from: tags[file.path] ?? [])
                batch.files.append(FileFunctions(file: file, units: units))
            }
        }
        return batch
    }
}

/// Turns the ctags tags of one file into function units with exact spans.
struct TagResolver {
    let file: SourceFile
    let text: SourceText

    init(file: SourceFile, bytes: [UInt8]) {
        self.file = file
        switch file.language.family {
        case .indentation: text = PythonLexer.mask(bytes)
        case .endKeyword: text = RubyLexer.mask(bytes)
        default: text = CLikeLexer.mask(bytes, language: file.language)
        }
    }

    /// ctags kinds that name functions outright.
    static let functionKinds: Set<String> = [
        "function", "method", "member", "singletonMethod", "getter", "setter", "func", "constructor",
        "destructor", "procedure", "subroutine", "operator",
    ]
    /// ctags kinds that name a value, which is a function when bound to an arrow or function expression.
    static let valueKinds: Set<String> = ["constant", "variable", "field", "property", "let", "var"]

    func units(from ctagsTags: [CtagsRunner.Tag]) -> [FunctionUnit] {
        var tags = ctagsTags
        if [.javascript, .typescript, .tsx].contains(file.language) {
            tags += ClassMemberScanner.tags(in: text, path: file.path)
        }
        var units: [FunctionUnit] = []
        let packagePrefix = tags.first(where: { $0.kind == "package" && file.language == .kotlin }).map { $0.name + "." }
        let rubyScopes = file.language == .ruby ? RubyScopes(text: text, tags: tags) : nil
        var seen = Set<Int>()            // body ends already used: two tags for one function (JS exports)
        var usedNameOffsets = Set<Int>()
        for tag in tags {
            guard let kind = tag.kind, let line = tag.line, line >= 1, line <= text.lineCount else { continue }
            let isFunctionKind = Self.functionKinds.contains(kind)
            let isValueKind = Self.valueKinds.contains(kind)
                && [.javascript, .typescript, .tsx].contains(file.language)
            guard isFunctionKind || isValueKind else { continue }
            // ctags names anonymous functions `AnonymousFunction1a2b` / `__anon1a2b`: not named functions.
            if Self.isAnonymous(tag.name) { continue }
            guard let nameOffset = locateName(tag.name, onLine: line - 1, used: usedNameOffsets) else { continue }
            guard var span = span(forNameAt: nameOffset, name: tag.name, valueBinding: isValueKind) else {
                // A TypeScript overload signature: the implementation follows under the same name.
                if [.typescript, .tsx].contains(file.language),
                   let impl = overloadImplementation(of: tag.name, after: line - 1),
                   let implSpan = span(forNameAt: impl, name: tag.name, valueBinding: false) {
                    usedNameOffsets.insert(impl)
                    guard seen.insert(implSpan.end).inserted else { continue }
                    units.append(makeUnit(tag: tag, nameOffset: impl, span: implSpan, valueBinding: false))
                }
                continue
            }
            usedNameOffsets.insert(nameOffset)
            guard seen.insert(span.end).inserted else { continue }
            span.declStart = declarationStart(nameOffset: nameOffset)
            var scopeOverride: String? = nil
            if let rubyScopes { scopeOverride = rubyScopes.scope(at: span.declStart) }
            if let packagePrefix, let scope = tag.scope {
                scopeOverride = scope == String(packagePrefix.dropLast()) ? "" : scope.hasPrefix(packagePrefix) ? String(scope.dropFirst(packagePrefix.count)) : nil
            }
            units.append(makeUnit(tag: tag, nameOffset: nameOffset, span: span, valueBinding: isValueKind,
                                  scopeOverride: scopeOverride))
        }
        units.sort { ($0.startLine, $0.endLine) < ($1.startLine, $1.endLine) }
        return units
    }

    /// Where a function's text lies: from `declStart` to `end` (inclusive), signature to `signatureEnd`.
    struct Span {
        var declStart: Int
        var end: Int
        var signatureEnd: Int
        var fullLines: Bool
    }

    func span(forNameAt nameOffset: Int, name: String, valueBinding: Bool) -> Span? {
        let nameEnd = nameOffset + (name.hasPrefix("operator") ? 8 : max(1, name.utf8.count))
        switch file.language.family {
        case .indentation:
            guard let defOffset = keywordBefore(nameOffset, keyword: "def"),
                  let found = IndentScanner.endLine(in: text, defOffset: defOffset) else { return nil }
            let endLine = found.end
            return Span(declStart: defOffset, end: text.lineRange(endLine).upperBound - 1,
                        signatureEnd: text.lineRange(found.signatureEnd).upperBound - 1, fullLines: true)
        case .endKeyword:
            guard let defOffset = keywordBefore(nameOffset, keyword: "def"),
                  let found = EndKeywordScanner.end(in: text, defOffset: defOffset) else { return nil }
            return Span(declStart: defOffset, end: found.end, signatureEnd: found.signatureEnd, fullLines: true)
        case .braces, .swiftSyntax:
            let from: Int
            if valueBinding {
                guard let expr = FunctionExpression.start(in: text.code, afterName: nameEnd) else { return nil }
                if case .bareArrow(let arrow) = expr {
                    guard let body = BraceScanner.arrowBody(in: text, arrow: arrow) else { return nil }
                    return Span(declStart: nameOffset, end: body.close, signatureEnd: arrow - 1, fullLines: false)
                }
                from = expr.offset
            } else {
                from = nameEnd
            }
            guard let body = BraceScanner.body(in: text, after: from, language: file.language) else { return nil }
            return Span(declStart: nameOffset, end: body.close, signatureEnd: body.open - 1, fullLines: false)
        }
    }

    /// Offset of `keyword` (e.g. `def`) before the name on the same line.
    func keywordBefore(_ nameOffset: Int, keyword: String) -> Int? {
        let lineStart = text.lineStarts[text.lineIndex(of: nameOffset)]
        let kw = Array(keyword.utf8)
        var k = nameOffset - kw.count
        while k >= lineStart {
            if text.code[k..<k + kw.count].elementsEqual(kw),
               (k == lineStart || !text.code[k - 1].isIdentifierByte),
               k + kw.count < text.code.count, text.code[k + kw.count].isSpaceByte {
                return k
            }
            k -= 1
        }
        return nil
    }

    /// Byte offset of `name` on a 0-based line, at identifier boundaries, preferring an occurrence
    /// not yet used by another tag on the same line.
    func locateName(_ name: String, onLine line: Int, used: Set<Int>) -> Int? {
        var needle = Array(name.utf8)
        if name.hasPrefix("operator") { needle = Array("operator".utf8) }
        guard !needle.isEmpty else { return nil }
        let range = text.lineRange(line)
        var candidates: [Int] = []
        for haystack in [text.code, text.bytes] {
            var k = range.lowerBound
            while k + needle.count <= range.upperBound {
                if haystack[k] == needle[0], haystack[k..<k + needle.count].elementsEqual(needle),
                   (k == range.lowerBound || !haystack[k - 1].isIdentifierByte || !needle[0].isIdentifierByte),
                   (k + needle.count >= haystack.count || !haystack[k + needle.count].isIdentifierByte || !needle.last!.isIdentifierByte) {
                    candidates.append(k)
                }
                k += 1
            }
            if !candidates.isEmpty { break }
        }
        return candidates.first(where: { !used.contains($0) }) ?? candidates.first
    }

    /// The next declaration of `name` after an overload signature, within the next 200 lines.
    func overloadImplementation(of name: String, after line: Int) -> Int? {
        let indent = text.indentation(line)
        var l = line + 1
        while l < min(text.lineCount, line + 200) {
            if !text.isBlankCode(l) {
                if text.indentation(l) < indent { return nil }
                if let k = locateName(name, onLine: l, used: []),
                   let after = text.code[(k + name.utf8.count)...].first(where: { !$0.isSpaceByte }),
                   after == UInt8(ascii: "(") || after == UInt8(ascii: "<") {
                    if BraceScanner.body(in: text, after: k + name.utf8.count, language: file.language) != nil { return k }
                }
            }
            l += 1
        }
        return nil
    }

    /// Where the declaration begins on the name's line: after the last `{`, `}` or `;` before the
    /// name (so a one-line class's members do not drag in their neighbours), else the first non-space.
    func declarationStart(nameOffset: Int) -> Int {
        let range = text.lineRange(text.lineIndex(of: nameOffset))
        var k = nameOffset - 1
        var start = range.lowerBound
        while k >= range.lowerBound {
            let b = text.code[k]
            if b == UInt8(ascii: "{") || b == UInt8(ascii: "}") || b == UInt8(ascii: ";") { start = k + 1; break }
            k -= 1
        }
        while start < nameOffset, text.bytes[start].isSpaceByte { start += 1 }
        // `pub(crate) fn`, `export default async function` etc. stay; a `,` separated object member too.
        if start < nameOffset, text.code[start] == UInt8(ascii: ",") { start += 1 }
        while start < nameOffset, text.bytes[start].isSpaceByte { start += 1 }
        return start
    }

    func makeUnit(tag: CtagsRunner.Tag, nameOffset: Int, span: Span, valueBinding: Bool,
                  scopeOverride: String? = nil) -> FunctionUnit {
        let nameLine = text.lineIndex(of: nameOffset)
        var declStart = span.fullLines ? span.declStart : declarationStart(nameOffset: nameOffset)
        let firstLine: Int
        let declLine = text.lineIndex(of: declStart)
        let attrLine = DeclarationStart.firstLine(in: text, nameLine: declLine, language: file.language)
        if attrLine < declLine {
            firstLine = attrLine
            declStart = text.lineStarts[attrLine]
        } else {
            firstLine = min(declLine, nameLine)
        }
        let endLine = text.lineIndex(of: max(span.end, declStart))
        let body = bodyText(from: declStart, through: span.end, fullLines: span.fullLines)
        let signature = collapse(text.text(declStart..<max(declStart, min(span.signatureEnd + 1, text.bytes.count))))
        let scope = scopeOverride ?? qualifiedScope(tag)
        let name = tag.name.hasPrefix("operator") ? tag.name.replacingOccurrences(of: " ", with: "") : tag.name
        return FunctionUnit(
            path: file.path, language: file.language, name: name,
            qualifiedName: scope.isEmpty ? name : scope + "." + name,
            kind: kind(of: tag, valueBinding: valueBinding, scope: scope),
            signature: signature, startLine: firstLine + 1, endLine: endLine + 1,
            body: body, hash: BodyHasher.hash(body),
            docComment: text.docComment(above: firstLine, language: file.language))
    }

    /// The function's text; on the first line, anything before the declaration becomes spaces so
    /// indentation (and so the hash) is the same as if it stood on its own line.
    func bodyText(from start: Int, through end: Int, fullLines: Bool) -> String {
        let firstLineStart = text.lineStarts[text.lineIndex(of: start)]
        var bytes = [UInt8]()
        for b in text.bytes[firstLineStart..<start] { bytes.append(b == 9 ? 9 : 32) }
        var stop = min(text.bytes.count, end + 1)
        if fullLines { stop = text.lineRange(text.lineIndex(of: max(start, end))).upperBound }
        if stop > start { bytes.append(contentsOf: text.bytes[start..<stop]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The signature on one line: runs of whitespace become one space, at most 300 characters.
    func collapse(_ s: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for b in s.utf8 {
            if b == 32 || b == 10 || b == 9 || b == 13 {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(32); pendingSpace = false }
            out.append(b)
        }
        if file.language == .python, out.last == UInt8(ascii: ":") { out.removeLast() }
        while out.last == 32 { out.removeLast() }
        var text = String(decoding: out, as: UTF8.self)
        if out.count > 300, text.count > 300 { text = String(text.prefix(300)) + "…" }
        return text
    }

    static func isAnonymous(_ name: Substring) -> Bool {
        name.hasPrefix("AnonymousFunction") || name.hasPrefix("__anon")
    }
    static func isAnonymous(_ name: String) -> Bool { isAnonymous(name[...]) }

    func qualifiedScope(_ tag: CtagsRunner.Tag) -> String {
        guard let raw = tag.scope, !raw.isEmpty else { return "" }
        if tag.scopeKind == "package" || tag.scopeKind == "namespace" && file.language == .php { return "" }
        // Byte-level work: this runs once per function (Foundation's string search was 6 % of a run).
        var parts: [Substring] = []
        var scope = Substring(raw)
        while let colon = scope.utf8.firstIndex(of: UInt8(ascii: ":")) {
            let next = scope.utf8.index(after: colon)
            guard next < scope.endIndex, scope.utf8[next] == UInt8(ascii: ":") else { break }
            parts += scope[..<colon].split(separator: ".", omittingEmptySubsequences: true)
            scope = scope[scope.utf8.index(after: next)...]
        }
        parts += scope.split(separator: ".", omittingEmptySubsequences: true)
        parts.removeAll { Self.isAnonymous($0) }
        if file.language == .go, parts.count > 1 { parts.removeFirst() }
        if [.javascript, .typescript, .tsx].contains(file.language), parts.count >= 2, parts[0] == "module", parts[1] == "exports" {
            parts.removeFirst(2)
        }
        return parts.joined(separator: ".")
    }

    func kind(of tag: CtagsRunner.Tag, valueBinding: Bool, scope: String) -> FunctionKind {
        let name = tag.name
        let lastScope = scope.split(separator: ".").last.map(String.init) ?? ""
        if valueBinding { return .closure }
        switch tag.kind {
        case "getter": return .getter
        case "setter": return .setter
        case "constructor": return .initializer
        case "destructor": return .deinitializer
        default: break
        }
        if name.hasPrefix("~") { return .deinitializer }
        if name.hasPrefix("operator") && file.language == .cpp { return .operator }
        switch (file.language, name) {
        case (.python, "__init__"), (.javascript, "constructor"), (.typescript, "constructor"), (.tsx, "constructor"),
             (.ruby, "initialize"), (.php, "__construct"):
            return .initializer
        default: break
        }
        if [.java, .cpp, .csharp, .kotlin].contains(file.language), name == lastScope { return .initializer }
        if scope.isEmpty { return .function }
        if ["method", "member", "singletonMethod"].contains(tag.kind ?? "") { return .method }
        if file.language == .go, !scope.isEmpty { return .method }
        if !scope.isEmpty, let sk = tag.scopeKind, ["class", "struct", "interface", "implementation", "trait", "enum", "module", "object"].contains(sk) {
            return .method
        }
        return .function
    }
}

/// Recognises a function bound to a name in JS/TS: `= function`, `= async (a) =>`, `: x => ...`.
enum FunctionExpression {
    enum Start {
        /// Scan for the body from here (at `function` or at the parameter list).
        case from(Int)
        /// `x => ...`: the arrow's offset.
        case bareArrow(Int)
        var offset: Int { switch self { case .from(let k), .bareArrow(let k): k } }
    }

    static func start(in code: [UInt8], afterName k0: Int) -> Start? {
        var k = k0
        let n = code.count
        func skipSpace() { while k < n, code[k].isSpaceByte { k += 1 } }
        skipSpace()
        // Optional TS type annotation `: Type` before `=` (for `const f: T = ...`), or a property's `:`.
        if k < n, code[k] == UInt8(ascii: ":") || code[k] == UInt8(ascii: "!") || code[k] == UInt8(ascii: "?") {
            // Find `=` at depth 0 on this statement; an object property's `:` is followed directly by the value.
            var j = k + 1
            var depth = 0
            var eq: Int? = nil
            while j < n, j - k < 400 {
                let b = code[j]
                if "([{<".utf8.contains(b) { depth += 1 }
                else if ")]}>".utf8.contains(b) { if b == UInt8(ascii: ">") && j > 0 && code[j - 1] == UInt8(ascii: "=") { } else { depth -= 1 } }
                else if depth == 0 && (b == UInt8(ascii: ";") || b == UInt8(ascii: ",") || b == 10) { break }
                else if depth == 0 && b == UInt8(ascii: "=") && j + 1 < n && code[j + 1] != UInt8(ascii: ">") && code[j + 1] != UInt8(ascii: "=") { eq = j; break }
                if depth < 0 { break }
                j += 1
            }
            if let eq { k = eq + 1 } else if code[k] == UInt8(ascii: ":") { k += 1 } else { return nil }
        } else if k < n, code[k] == UInt8(ascii: "=") , k + 1 < n, code[k + 1] != UInt8(ascii: "=") {
            k += 1
        } else {
            return nil
        }
        skipSpace()
        if matchWord(code, at: k, "async") { k += 5; skipSpace() }
        if matchWord(code, at: k, "function") { return .from(k) }
        if k < n, code[k] == UInt8(ascii: "(") || code[k] == UInt8(ascii: "<") {
            // Must be an arrow: find the matching `)` then `=>` (allowing a return type).
            var depth = 0
            var j = k
            while j < n {
                if code[j] == UInt8(ascii: "(") { depth += 1 }
                if code[j] == UInt8(ascii: ")") { depth -= 1; if depth == 0 { break } }
                if code[j] == 10 && depth == 0 { return nil }
                j += 1
            }
            var m = j + 1
            while m + 1 < n, m - j < 300 {
                if code[m] == UInt8(ascii: "=") && code[m + 1] == UInt8(ascii: ">") { return .from(k) }
                if code[m] == UInt8(ascii: ";") || code[m] == UInt8(ascii: "{") && m == j + 1 { return nil }
                if code[m] == UInt8(ascii: ";") { return nil }
                m += 1
            }
            return nil
        }
        if k < n, code[k].isIdentifierByte {
            var j = k
            while j < n, code[j].isIdentifierByte { j += 1 }
            while j < n, code[j] == 32 || code[j] == 9 { j += 1 }
            if j + 1 < n, code[j] == UInt8(ascii: "="), code[j + 1] == UInt8(ascii: ">") { return .bareArrow(j) }
        }
        return nil
    }

    static func matchWord(_ code: [UInt8], at k: Int, _ word: String) -> Bool {
        let w = Array(word.utf8)
        guard k + w.count <= code.count, Array(code[k..<k + w.count]) == w else { return false }
        return k + w.count == code.count || !code[k + w.count].isIdentifierByte
    }
}
