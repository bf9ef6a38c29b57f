import MuCore
import CTreeSitter
import Foundation

/// A loaded tree-sitter grammar: the `TSLanguage` of one mu `Language`.
///
/// Nine grammars are linked into the binary (libmu-tree-sitter.a); TypeScript, TSX, PHP and C#
/// come from the tree-sitter-languages library `make setup` installs, opened with `dlopen` once.
struct TreeSitterGrammar: @unchecked Sendable {
    // @unchecked: a `TSLanguage` is immutable once loaded and the runtime documents sharing one
    // across parsers and threads as safe; the pointer is never freed (static or dlopen-ed data).
    let language: OpaquePointer

    /// The grammar for `language`, or nil for Swift (SwiftSyntax reads Swift).
    static func load(_ language: Language, environment: [String: String]) throws(ExtractionError) -> TreeSitterGrammar? {
        let pointer: OpaquePointer?
        switch language {
        case .python: pointer = tree_sitter_python()
        case .javascript: pointer = tree_sitter_javascript()
        case .java: pointer = tree_sitter_java()
        case .go: pointer = tree_sitter_go()
        case .rust: pointer = tree_sitter_rust()
        case .c: pointer = tree_sitter_c()
        case .cpp: pointer = tree_sitter_cpp()
        case .ruby: pointer = tree_sitter_ruby()
        case .kotlin: pointer = tree_sitter_kotlin()
        case .typescript, .tsx, .php, .csharp:
            pointer = try GrammarLibrary.shared(environment: environment).language(language)
        case .swift: return nil
        }
        guard let pointer else { throw .grammarMissing(language: language.rawValue, detail: "not in the grammar library") }
        // The runtime refuses grammars of an ABI it cannot read: check once with a real parser.
        let parser = ts_parser_new()
        defer { ts_parser_delete(parser) }
        guard ts_parser_set_language(parser, pointer) else {
            throw .grammarMissing(language: language.rawValue, detail: "grammar ABI \(ts_language_abi_version(pointer)) not loadable")
        }
        return TreeSitterGrammar(language: pointer)
    }

    /// The tree-sitter-languages shared library, opened once per process.
    struct GrammarLibrary: @unchecked Sendable {
        // @unchecked: the handle is only read (dlsym is thread-safe) and never closed; `opened`
        // is only touched under `lock`.
        let handle: UnsafeMutableRawPointer

        /// By path: tests open a missing one beside the real one.
        nonisolated(unsafe) private static var opened: [String: Result<GrammarLibrary, ExtractionError>] = [:]
        private static let lock = NSLock()

        static func shared(environment: [String: String]) throws(ExtractionError) -> GrammarLibrary {
            lock.lock()
            defer { lock.unlock() }
            let path = environment["MU_TREE_SITTER_LANGUAGES"] ?? MU_TREE_SITTER_LANGUAGES_SO
            if let known = opened[path] { return try known.get() }
            let result: Result<GrammarLibrary, ExtractionError>
            if let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) {
                result = .success(GrammarLibrary(handle: handle))
            } else {
                result = .failure(.grammarMissing(language: "typescript/tsx/php/c#", detail: "\(path) does not load"))
            }
            opened[path] = result
            return try result.get()
        }

        func language(_ language: Language) -> OpaquePointer? {
            let symbol = language == .csharp ? "tree_sitter_c_sharp" : "tree_sitter_\(language.rawValue)"
            guard let address = dlsym(handle, symbol) else { return nil }
            typealias Entry = @convention(c) () -> OpaquePointer?
            return unsafeBitCast(address, to: Entry.self)()
        }
    }
}
