import MuCore
import CTreeSitter
import Foundation

/// Extracts functions from every language but Swift by parsing each file with its tree-sitter
/// grammar and walking the syntax tree (`SyntaxTreeWalker`, driven by `TreeSitterRules`).
/// Files are parsed on all cores, one parser per task; a file with syntax errors still yields
/// the functions its (recovered) tree has.
public struct TreeSitterExtractor: Extractor {
    public var concurrency: Int
    let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                concurrency: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.environment = environment
        self.concurrency = max(1, concurrency)
    }

    public func supports(_ language: Language) -> Bool { TreeSitterRules.rules(for: language) != nil }

    /// Loads every grammar (as `mu doctor` does): the number that load, or the first that does not.
    public func loadGrammars() throws -> Int {
        var count = 0
        for language in Language.allCases where supports(language) {
            if try TreeSitterGrammar.load(language, environment: environment) != nil { count += 1 }
        }
        return count
    }

    public func extract(_ files: [SourceFile], root: URL) async throws -> ExtractionBatch {
        let files = files.filter { supports($0.language) }
        guard !files.isEmpty else { return ExtractionBatch() }
        // Grammars first, once per language: a missing one stops here with one clear error.
        var tables: [Language: GrammarTable] = [:]
        var grammars: [Language: TreeSitterGrammar] = [:]
        for language in Set(files.map(\.language)) {
            guard let rules = TreeSitterRules.rules(for: language),
                  let grammar = try TreeSitterGrammar.load(language, environment: environment) else { continue }
            grammars[language] = grammar
            tables[language] = GrammarTable(grammar: grammar, rules: rules)
        }
        let tablesCopy = tables, grammarsCopy = grammars
        // Interleaved shares, so a run of large files does not land on one task.
        let workers = min(concurrency, files.count)
        var result = ExtractionBatch()
        await withTaskGroup(of: ExtractionBatch.self) { group in
            for worker in 0..<workers {
                let share = stride(from: worker, to: files.count, by: workers).map { files[$0] }
                group.addTask {
                    Self.extractShare(share, root: root, grammars: grammarsCopy, tables: tablesCopy)
                }
            }
            for await part in group {
                result.files += part.files
                result.failures += part.failures
            }
        }
        return result
    }

    static func extractShare(_ files: [SourceFile], root: URL, grammars: [Language: TreeSitterGrammar],
                             tables: [Language: GrammarTable]) -> ExtractionBatch {
        var batch = ExtractionBatch()
        let parser = ts_parser_new()
        defer { ts_parser_delete(parser) }
        var current: Language?
        for file in files {
            guard let grammar = grammars[file.language], let table = tables[file.language],
                  let rules = TreeSitterRules.rules(for: file.language) else { continue }
            switch SourceReader.read(root.appendingPathComponent(file.path)) {
            case .failure(let reason):
                batch.failures.append((file.path, reason))
            case .success(let bytes):
                if current != file.language {
                    ts_parser_set_language(parser, grammar.language)
                    current = file.language
                }
                batch.files.append(FileFunctions(file: file, units: units(in: bytes, file: file, parser: parser,
                                                                          rules: rules, table: table)))
            }
        }
        return batch
    }

    /// Parses `bytes` and walks the tree; an unparsable file (the parser gives up) has no units.
    static func units(in bytes: [UInt8], file: SourceFile, parser: OpaquePointer?, rules: TreeSitterRules,
                      table: GrammarTable) -> [FunctionUnit] {
        let tree = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                ts_parser_parse_string(parser, nil, $0.baseAddress, UInt32(buffer.count))
            }
        }
        guard let tree else { return [] }
        defer { ts_tree_delete(tree) }
        var walker = SyntaxTreeWalker(file: file, bytes: bytes, rules: rules, table: table)
        return walker.units(root: ts_tree_root_node(tree))
    }
}
