import Foundation
import MuCore
import MuLLM
import MuSource
import MuStore

/// A function chosen for an experiment: its index row and the request every cell sends for it
/// (the body re-extracted from the working tree, exactly as `mu summarize` extracted it).
public struct SampledFunction: Sendable {
    public var indexed: IndexedFunction
    public var request: SummaryRequest
    /// The body hash of the extracted body (the cache key's first component).
    public var bodyHash: String
    /// What the coverage metric checks (parameters, returned value, raised errors).
    public var facts: FunctionFacts

    /// `path:line` of the function, for messages.
    public var location: String { "\(indexed.path):\(indexed.startLine)" }
}

/// Chooses and loads the experiment's functions from an index.
public enum ExperimentFunctions {
    /// The stratified sample of the indexed functions (only paths matching `paths`, when given), or
    /// the functions named by `functionsFile` (one `path:line` or qualified name per line, `#` comments).
    public static func choose(index: SymbolIndex, size: Int, seed: UInt64, paths: Glob?, functionsFile: URL?,
                              root: URL) async throws -> [SampledFunction] {
        let trace = PhaseTimer()
        var all: [IndexedFunction] = []
        var after: Int64 = 0
        while true {
            let page = try await index.functions(afterID: after, limit: 5000)
            guard let last = page.last else { break }
            all += page
            after = last.id
        }
        guard !all.isEmpty else { throw ExperimentError.index("the index holds no functions: run `mu summarize` first") }
        let chosen: [IndexedFunction]
        if let functionsFile {
            chosen = try await named(in: functionsFile, index: index)
        } else {
            let eligible = paths.map { glob in all.filter { glob.matches($0.path) } } ?? all
            guard !eligible.isEmpty else { throw ExperimentError.usage("--paths \(paths?.pattern ?? ""): no indexed function matches") }
            chosen = ExperimentSample.stratified(eligible, size: size, seed: seed)
        }
        trace.mark("experiment sample (\(chosen.count) of \(all.count))")
        let loaded = try await load(chosen, root: root)
        trace.mark("experiment bodies re-extracted")
        return loaded
    }

    /// The functions a `--functions-file` names, in file order, each once.
    static func named(in file: URL, index: SymbolIndex) async throws -> [IndexedFunction] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw ExperimentError.usage("--functions-file \(file.path): cannot be read")
        }
        var result: [IndexedFunction] = []
        var seen = Set<Int64>()
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            var found: IndexedFunction?
            if let colon = line.lastIndex(of: ":"), let lineNumber = Int(line[line.index(after: colon)...]) {
                found = try await index.function(at: String(line[..<colon]), line: lineNumber)
            } else {
                found = try await index.query(line, limit: 5).map(\.function).first { $0.qualifiedName == line || $0.name == line }
            }
            guard let found else {
                throw ExperimentError.usage("--functions-file line \(number + 1): no indexed function \"\(line)\"")
            }
            if seen.insert(found.id).inserted { result.append(found) }
        }
        guard !result.isEmpty else { throw ExperimentError.usage("--functions-file \(file.path) names no function") }
        return result
    }

    /// Re-extracts the chosen functions' files to get their bodies.
    static func load(_ chosen: [IndexedFunction], root: URL) async throws -> [SampledFunction] {
        var files: [SourceFile] = []
        for path in Set(chosen.map(\.path)).sorted() {
            guard let function = chosen.first(where: { $0.path == path }), let language = Language(rawValue: function.language) else { continue }
            files.append(SourceFile(path: path, language: language))
        }
        let batch = try await CompositeExtractor.standard().extract(files, root: root)
        var units: [String: [FunctionUnit]] = [:]
        for file in batch.files { units[file.file.path] = file.units }
        return try chosen.map { function in
            let candidates = units[function.path] ?? []
            guard let unit = candidates.first(where: { $0.hash == function.bodyHash && $0.qualifiedName == function.qualifiedName })
                ?? candidates.first(where: { $0.hash == function.bodyHash }) else {
                throw ExperimentError.index("\(function.path):\(function.startLine) \(function.qualifiedName) changed since it was indexed: run `mu summarize` first")
            }
            let request = Summarizer.request(for: unit, id: String(function.id))
            return SampledFunction(indexed: function, request: request, bodyHash: unit.hash,
                                   facts: FunctionFacts(request: request))
        }
    }
}
