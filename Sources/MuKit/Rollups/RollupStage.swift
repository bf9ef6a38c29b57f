import Foundation
import MuLLM
import MuSource
import MuStore

/// The roll-up stage, run after the functions: a summary per file from its functions' summaries,
/// per directory from its files' and subdirectories', and for the repository (`.`) from the top
/// level. Each is cached like a function summary, keyed by its children's hash, `ROLLUP_VERSION`
/// and the model, so an edit to one function re-summarizes exactly its file, the directories
/// above it and the repository.
public struct RollupStage: Sendable {
    public let database: MuDatabase
    public let summarizer: any RollupSummarizer
    /// Roll-ups summarized at once (per level: a directory waits for its children).
    public var concurrency = 4

    public init(database: MuDatabase, summarizer: any RollupSummarizer) {
        self.database = database
        self.summarizer = summarizer
    }

    public struct Report: Sendable, Equatable {
        public var summarized = 0
        public var reused = 0
        public var failed = 0
        public var removed = 0
        public var usage = TokenUsage.zero
        public init() {}
    }

    /// The cache key of a roll-up: children hash, roll-up version, provider and model.
    func key(for input: RollupInput) -> (key: String, childrenHash: String) {
        let childrenHash = input.childrenHash
        let material = "rollup\n\(childrenHash)\n\(ROLLUP_VERSION)\n\(summarizer.provider)\n\(summarizer.model)"
        return (BodyHasher.sha256Hex(Array(material.utf8)), childrenHash)
    }

    public func run() async throws -> Report {
        var report = Report()
        let index = SymbolIndex(database: database)
        let rollups = RollupIndex(database: database)
        let cache = SummaryCache(database: database)
        let existing = try await rollups.all()

        // Files: every indexed function's summary, read page by page in id order.
        var files: [String: [IndexedFunction]] = [:]
        var after: Int64 = 0
        while true {
            let page = try await index.functions(afterID: after, limit: 5_000)
            guard let last = page.last else { break }
            for function in page { files[function.path, default: []].append(function) }
            after = last.id
        }
        var summaries: [String: [String]] = [:]   // path -> bullets of its roll-up
        var level: [RollupInput] = []
        for (path, functions) in files {
            let ordered = functions.sorted { ($0.startLine, $0.id) < ($1.startLine, $1.id) }
            let children = ordered.compactMap { f in f.summary.map { RollupInput.Child(name: f.qualifiedName, bullets: $0.bullets) } }
            guard !children.isEmpty else { continue }
            level.append(RollupInput(path: path, kind: .file, children: children))
        }
        try await summarize(level, existing: existing, cache: cache, rollups: rollups, into: &summaries, report: &report)

        // Directories, deepest first, then the repository.
        var directories: [String: Set<String>] = [:]   // directory -> child paths
        for path in summaries.keys {
            var child = path
            var parent = Self.parent(of: path)
            while true {
                directories[parent, default: []].insert(child)
                if parent == "." { break }
                child = parent
                parent = Self.parent(of: parent)
            }
        }
        let byDepth = Dictionary(grouping: directories.keys) { $0 == "." ? 0 : $0.split(separator: "/").count }
        for depth in byDepth.keys.sorted(by: >) {
            let inputs = (byDepth[depth] ?? []).compactMap { directory -> RollupInput? in
                let children = (directories[directory] ?? []).sorted().compactMap { child in
                    summaries[child].map { RollupInput.Child(name: Self.name(of: child) + (files[child] == nil ? "/" : ""), bullets: $0) }
                }
                guard !children.isEmpty else { return nil }
                return RollupInput(path: directory, kind: directory == "." ? .repository : .directory, children: children)
            }
            try await summarize(inputs, existing: existing, cache: cache, rollups: rollups, into: &summaries, report: &report)
        }

        let gone = existing.keys.filter { summaries[$0] == nil }
        try await rollups.save([], removing: gone)
        report.removed = gone.count
        try await cache.flush()
        return report
    }

    /// One level: reuse what the cache has, summarize the rest (bounded concurrency), save.
    private func summarize(_ inputs: [RollupInput], existing: [String: Rollup], cache: SummaryCache,
                           rollups: RollupIndex, into summaries: inout [String: [String]], report: inout Report) async throws {
        var saved: [Rollup] = []
        var misses: [(RollupInput, String, String)] = []
        for input in inputs {
            let (key, childrenHash) = key(for: input)
            if let old = existing[input.path], old.summaryKey == key, let summary = old.summary {
                summaries[input.path] = summary.bullets
                report.reused += 1
                continue
            }
            if let summary = try await cache.lookup(key).summary {
                summaries[input.path] = summary.bullets
                saved.append(Rollup(path: input.path, kind: input.kind, childrenHash: childrenHash, summaryKey: key))
                report.reused += 1
                continue
            }
            misses.append((input, key, childrenHash))
        }
        var next = misses.makeIterator()
        try await withThrowingTaskGroup(of: (RollupInput, String, String, [String]?, TokenUsage).self) { group in
            func add() -> Bool {
                guard let (input, key, hash) = next.next() else { return false }
                group.addTask { [summarizer] in
                    do {
                        let (bullets, usage) = try await summarizer.summarize(input)
                        return (input, key, hash, bullets, usage)
                    } catch {
                        return (input, key, hash, nil, .zero)
                    }
                }
                return true
            }
            for _ in 0..<max(1, concurrency) where add() {}
            while let (input, key, hash, bullets, usage) = try await group.next() {
                _ = add()
                report.usage = report.usage + usage
                guard let bullets, !bullets.isEmpty else { report.failed += 1; continue }
                let summary = Summary(key: key, bodyHash: hash, promptVersion: ROLLUP_VERSION, model: summarizer.model,
                                      params: "rollup", bullets: bullets, inputTokens: usage.inputTokens,
                                      outputTokens: usage.outputTokens, provider: summarizer.provider)
                try await cache.store(summary)
                summaries[input.path] = bullets
                saved.append(Rollup(path: input.path, kind: input.kind, childrenHash: hash, summaryKey: key))
                report.summarized += 1
            }
        }
        try await rollups.save(saved)
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
