import Foundation
import SwiftParser
import SwiftSyntax
import MuCore

/// Extracts Swift functions exactly with SwiftSyntax (ctags 5.9 has no Swift parser):
/// functions, methods, initializers, deinitializers, subscripts and accessors with bodies,
/// qualified by their enclosing types, extensions included (`extension A.B { func f() }` → `A.B.f`).
public struct SwiftSyntaxExtractor: Extractor {
    public init() {}

    public func supports(_ language: Language) -> Bool { language == .swift }

    public func extract(_ files: [SourceFile], root: URL) async throws -> ExtractionBatch {
        let swiftFiles = files.filter { $0.language == .swift }
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        return await withTaskGroup(of: ExtractionBatch.self) { group in
            var next = 0
            func addNext() {
                guard next < swiftFiles.count else { return }
                let file = swiftFiles[next]
                next += 1
                group.addTask {
                    var batch = ExtractionBatch()
                    switch SourceReader.read(root.appendingPathComponent(file.path)) {
                    case .failure(let reason): batch.failures.append((file.path, reason))
                    case .success(let bytes): batch.files.append(FileFunctions(file: file, units: Self.units(in: bytes, file: file)))
                    }
                    return batch
                }
            }
            for _ in 0..<workers { addNext() }
            var result = ExtractionBatch()
            while let part = await group.next() {
                result.files += part.files
                result.failures += part.failures
                addNext()
            }
            return result
        }
    }

    /// The function units of one Swift source text.
    public static func units(in bytes: [UInt8], file: SourceFile) -> [FunctionUnit] {
        let tree = bytes.withUnsafeBufferPointer { Parser.parse(source: $0) }
        let collector = UnitCollector(file: file, bytes: bytes, tree: tree)
        collector.walk(tree)
        return collector.units.sorted { ($0.startLine, $0.endLine) < ($1.startLine, $1.endLine) }
    }
}

/// Walks a Swift syntax tree keeping a stack of enclosing type and function names.
private final class UnitCollector: SyntaxVisitor {
    let file: SourceFile
    let bytes: [UInt8]
    let converter: SourceLocationConverter
    var scope: [String] = []
    /// Parallel to `scope`: true where the entry is a type (so a function directly inside is a method).
    var scopeIsType: [Bool] = []
    var units: [FunctionUnit] = []

    init(file: SourceFile, bytes: [UInt8], tree: SourceFileSyntax) {
        self.file = file
        self.bytes = bytes
        self.converter = SourceLocationConverter(fileName: file.path, tree: tree)
        super.init(viewMode: .sourceAccurate)
    }

    // MARK: Types push their name onto the scope.

    override func visit(_ node: ClassDeclSyntax) -> SyntaxVisitorContinueKind { push(node.name.text) }
    override func visitPost(_ node: ClassDeclSyntax) { pop() }
    override func visit(_ node: StructDeclSyntax) -> SyntaxVisitorContinueKind { push(node.name.text) }
    override func visitPost(_ node: StructDeclSyntax) { pop() }
    override func visit(_ node: EnumDeclSyntax) -> SyntaxVisitorContinueKind { push(node.name.text) }
    override func visitPost(_ node: EnumDeclSyntax) { pop() }
    override func visit(_ node: ActorDeclSyntax) -> SyntaxVisitorContinueKind { push(node.name.text) }
    override func visitPost(_ node: ActorDeclSyntax) { pop() }
    override func visit(_ node: ProtocolDeclSyntax) -> SyntaxVisitorContinueKind { push(node.name.text) }
    override func visitPost(_ node: ProtocolDeclSyntax) { pop() }
    override func visit(_ node: ExtensionDeclSyntax) -> SyntaxVisitorContinueKind {
        push(node.extendedType.trimmedDescription.replacingOccurrences(of: " ", with: ""))
    }
    override func visitPost(_ node: ExtensionDeclSyntax) { pop() }

    func push(_ name: String, isType: Bool = true) -> SyntaxVisitorContinueKind {
        scope.append(name)
        scopeIsType.append(isType)
        return .visitChildren
    }
    func pop() { scope.removeLast(); scopeIsType.removeLast() }
    var insideType: Bool { scopeIsType.last ?? false }

    // MARK: Functions

    override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind {
        guard let body = node.body else { return .skipChildren }
        let isOperator: Bool = if case .binaryOperator = node.name.tokenKind { true } else if case .prefixOperator = node.name.tokenKind { true } else if case .postfixOperator = node.name.tokenKind { true } else { false }
        let kind: FunctionKind = isOperator ? .operator : (insideType ? .method : .function)
        add(node, name: node.name.text, kind: kind, signatureEnd: body.positionAfterSkippingLeadingTrivia)
        return push(node.name.text, isType: false)
    }
    override func visitPost(_ node: FunctionDeclSyntax) { if node.body != nil { pop() } }

    override func visit(_ node: InitializerDeclSyntax) -> SyntaxVisitorContinueKind {
        guard let body = node.body else { return .skipChildren }
        add(node, name: "init", kind: .initializer, signatureEnd: body.positionAfterSkippingLeadingTrivia)
        return push("init", isType: false)
    }
    override func visitPost(_ node: InitializerDeclSyntax) { if node.body != nil { pop() } }

    override func visit(_ node: DeinitializerDeclSyntax) -> SyntaxVisitorContinueKind {
        guard let body = node.body else { return .skipChildren }
        add(node, name: "deinit", kind: .deinitializer, signatureEnd: body.positionAfterSkippingLeadingTrivia)
        return push("deinit", isType: false)
    }
    override func visitPost(_ node: DeinitializerDeclSyntax) { if node.body != nil { pop() } }

    override func visit(_ node: SubscriptDeclSyntax) -> SyntaxVisitorContinueKind {
        guard let block = node.accessorBlock else { return .skipChildren }
        if case .getter = block.accessors {
            add(node, name: "subscript", kind: .subscript, signatureEnd: block.positionAfterSkippingLeadingTrivia)
            return push("subscript", isType: false)
        }
        // Explicit accessors: each accessor with a body is its own unit under `subscript`.
        return push("subscript", isType: false)
    }
    override func visitPost(_ node: SubscriptDeclSyntax) { if node.accessorBlock != nil { pop() } }

    /// Computed properties: `var x: Int { ... }` (a getter) or explicit `get`/`set`/`willSet`/`didSet`.
    override func visit(_ node: PatternBindingSyntax) -> SyntaxVisitorContinueKind {
        guard let block = node.accessorBlock,
              let name = node.pattern.as(IdentifierPatternSyntax.self)?.identifier.text else { return .visitChildren }
        if case .getter = block.accessors {
            // Report the whole `var` declaration (with its attributes) as the getter.
            let decl = node.parent?.parent?.as(VariableDeclSyntax.self)
            let isSingle = decl?.bindings.count == 1
            add(isSingle ? Syntax(decl!) : Syntax(node), name: name, kind: .getter,
                signatureEnd: block.positionAfterSkippingLeadingTrivia)
            return .skipChildren // closures inside are not units; nested functions are rare in getters
        }
        return push(name, isType: false)
    }
    override func visitPost(_ node: PatternBindingSyntax) {
        guard let block = node.accessorBlock, node.pattern.is(IdentifierPatternSyntax.self) else { return }
        if case .getter = block.accessors { return }
        pop()
    }

    override func visit(_ node: AccessorDeclSyntax) -> SyntaxVisitorContinueKind {
        guard let body = node.body else { return .skipChildren }
        let specifier = node.accessorSpecifier.text
        let owner = scope.last ?? specifier
        let kind: FunctionKind = switch specifier {
        case "get", "_read", "read": .getter
        case "set", "_modify", "modify": .setter
        default: .accessor
        }
        // Name the unit after its property; the qualified name ends in the accessor: `T.x.set`.
        _ = push(specifier, isType: false)
        addAccessor(node, name: owner, kind: kind, signatureEnd: body.positionAfterSkippingLeadingTrivia)
        return .visitChildren
    }
    override func visitPost(_ node: AccessorDeclSyntax) { if node.body != nil { pop() } }

    // MARK: Building units

    /// The comments in a declaration's leading trivia (`///`, `/** */`, `//`), nearest block only.
    static func docComment(of node: Syntax) -> String? {
        var pieces: [String] = []
        var newlines = 0
        for piece in node.leadingTrivia.reversed() {
            switch piece {
            case .docLineComment(let text), .lineComment(let text), .docBlockComment(let text), .blockComment(let text):
                pieces.append(text)
                newlines = 0
            case .newlines(let n), .carriageReturnLineFeeds(let n):
                newlines += n
                if newlines > 1 { return pieces.isEmpty ? nil : pieces.reversed().joined(separator: "\n") }
            default:
                continue
            }
        }
        return pieces.isEmpty ? nil : pieces.reversed().joined(separator: "\n")
    }

    func add(_ node: some SyntaxProtocol, name: String, kind: FunctionKind, signatureEnd: AbsolutePosition) {
        let qualified = (scope + [name]).joined(separator: ".")
        append(Syntax(node), name: name, qualified: qualified, kind: kind, signatureEnd: signatureEnd)
    }

    func addAccessor(_ node: AccessorDeclSyntax, name: String, kind: FunctionKind, signatureEnd: AbsolutePosition) {
        append(Syntax(node), name: name, qualified: scope.joined(separator: "."), kind: kind, signatureEnd: signatureEnd)
    }

    func append(_ node: Syntax, name: String, qualified: String, kind: FunctionKind, signatureEnd: AbsolutePosition) {
        let start = node.positionAfterSkippingLeadingTrivia
        let end = node.endPositionBeforeTrailingTrivia
        let startLoc = converter.location(for: start)
        let endLoc = converter.location(for: end.advanced(by: -1))
        let startOffset = start.utf8Offset
        let endOffset = max(startOffset, min(bytes.count, end.utf8Offset))
        // Body text keeps the first line's indentation (as spaces) so the hash ignores position.
        var lineStart = startOffset
        while lineStart > 0, bytes[lineStart - 1] != 10 { lineStart -= 1 }
        var text = [UInt8]()
        for b in bytes[lineStart..<startOffset] { text.append(b == 9 ? 9 : 32) }
        text.append(contentsOf: bytes[startOffset..<endOffset])
        let body = String(decoding: text, as: UTF8.self)
        let sigEnd = max(startOffset, min(endOffset, signatureEnd.utf8Offset))
        let signature = String(decoding: bytes[startOffset..<sigEnd], as: UTF8.self)
            .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
        units.append(FunctionUnit(
            path: file.path, language: .swift, name: name, qualifiedName: qualified, kind: kind,
            signature: signature.count > 300 ? String(signature.prefix(300)) + "…" : signature,
            startLine: startLoc.line, endLine: endLoc.line, body: body, hash: BodyHasher.hash(body),
            docComment: Self.docComment(of: node)))
    }
}
