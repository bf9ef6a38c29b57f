import Foundation
import MuLLM
import MuSource
import MuStore

/// The roll-up stage, run after the functions: a summary per file from its functions' summaries,
/// per directory from its files' and subdirectories', and for the repository (`.`) from the top
/// level. Each is cached like a function summary, keyed by its children's hash, `ROLLUP_VERSION`
/// and the model, so an edit to one function re-summarizes exactly its file, the directories
/// above it and the repository.
///
/// Two scopes with one result: ``Scope/all`` reads every function and every roll-up;
/// ``Scope/files(_:)`` reads only the given files' functions, the stored roll-ups directly under
/// their ancestor directories, and recomputes those files, those directories and the root.
public struct RollupStage: Sendable {
    public let database: MuDatabase
    public let summarizer: any RollupSummarizer
    /// Roll-ups summarized at once (per level: a directory waits for its children).
    public var concurrency = 4
    /// The team's shared PostgreSQL cache, for roll-ups a model writes: what another machine paid
    /// for is reused, and two machines at once pay each roll-up once (claims, as for functions).
    public var shared: SharedCacheLayer?

    public init(database: MuDatabase, summarizer: any RollupSummarizer) {
        self.database = database
        self.summarizer = summarizer
    }

    /// Which roll-ups a run recomputes.
    public enum Scope: Sendable, Equatable {
        /// Every file, directory and the root.
        case all
        /// These files (changed, added or removed since the stored roll-ups), their directories and the root.
        case files([String])
    }

    public struct Report: Sendable, Equatable {
        public var summarized = 0
        public var reused = 0
        public var failed = 0
        public var removed = 0
        public var usage = TokenUsage.zero
        /// The summarizer stopped (budget, refused credentials) before every roll-up was made.
        public var stopped = false
        public init() {}
    }

    /// The cache key of a roll-up: children hash, roll-up version, provider and model.
    func key(for input: RollupInput) -> (key: String, childrenHash: String) {
        let childrenHash = input.childrenHash
        let material = "rollup\n\(childrenHash)\n\(ROLLUP_VERSION)\n\(summarizer.provider)\n\(summarizer.model)"
        return (BodyHasher.sha256Hex(Array(material.utf8)), childrenHash)
    }

    /// What is known of the tree while a pass runs: each node's bullets and kind, and each
    /// directory's children that have a roll-up.
    private struct Tree {
        var bullets: [String: [String]] = [:]
        var kinds: [String: Rollup.Kind] = [:]
        var children: [String: Set<String>] = [:]

        mutating func add(_ path: String, kind: Rollup.Kind, bullets: [String]) {
            self.bullets[path] = bullets
            kinds[path] = kind
            children[RollupStage.parent(of: path), default: []].insert(path)
        }
    }

    public func run(_ scope: Scope = .all) async throws -> Report {
        var report = Report()
        let index = SymbolIndex(database: database)
        let rollups = RollupIndex(database: database)
        let cache = SummaryCache(database: database)
        var tree = Tree()

        // The files to recompute with their functions, and the roll-ups stored for what is recomputed.
        var files: [String: [IndexedFunction]] = [:]
        let existing: [String: Rollup]
        let directories: Set<String>
        switch scope {
        case .all:
            existing = try await rollups.all()
            var after: Int64 = 0
            while true {
                let page = try await index.functions(afterID: after, limit: 5_000)
                guard let last = page.last else { break }
                for function in page { files[function.path, default: []].append(function) }
                after = last.id
            }
            directories = Self.ancestors(of: files.keys)
        case .files(let changed):
            for path in changed { files[path] = try await index.functions(inPath: path) }
            directories = Self.ancestors(of: changed)
            // The untouched children of every directory recomputed, as stored.
            for directory in directories {
                for child in try await rollups.children(of: directory)
                where files[child.path] == nil && !directories.contains(child.path) {
                    guard let summary = child.summary else { continue }
                    tree.add(child.path, kind: child.kind, bullets: summary.bullets)
                }
            }
            existing = try await rollups.rollups(for: Array(files.keys) + Array(directories))
        }

        let fileInputs = files.keys.sorted().compactMap { Self.fileInput(path: $0, functions: files[$0] ?? []) }
        try await summarize(fileInputs, existing: existing, cache: cache, rollups: rollups, into: &tree, report: &report)

        // Directories, deepest first, then the repository.
        let byDepth = Dictionary(grouping: directories) { $0 == "." ? 0 : $0.split(separator: "/").count }
        for depth in byDepth.keys.sorted(by: >) where !report.stopped {
            let inputs = (byDepth[depth] ?? []).sorted().compactMap { directory -> RollupInput? in
                let children = (tree.children[directory] ?? []).sorted().compactMap { child in
                    tree.bullets[child].map {
                        RollupInput.Child(name: Self.name(of: child) + (tree.kinds[child] == .file ? "" : "/"), bullets: $0)
                    }
                }
                guard !children.isEmpty else { return nil }
                return RollupInput(path: directory, kind: directory == "." ? .repository : .directory, children: children)
            }
            try await summarize(inputs, existing: existing, cache: cache, rollups: rollups, into: &tree, report: &report)
        }

        // Roll-ups of what has no summarized child any more (or failed) are dropped; a stopped pass
        // drops nothing it did not get to.
        if !report.stopped {
            let gone = existing.keys.filter { tree.bullets[$0] == nil }.sorted()
            try await rollups.save([], removing: gone)
            report.removed = gone.count
        }
        if case .files = scope {
            // As a full pass counts them: every stored roll-up not made now was reused.
            report.reused = try await rollups.count() - report.summarized
        }
        try await cache.flush()
        return report
    }

    /// A file's roll-up input: its summarized functions in line order (nil when none is summarized).
    static func fileInput(path: String, functions: [IndexedFunction]) -> RollupInput? {
        let ordered = functions.sorted { ($0.startLine, $0.id) < ($1.startLine, $1.id) }
        let children = ordered.compactMap { f in f.summary.map { RollupInput.Child(name: f.qualifiedName, bullets: $0.bullets) } }
        guard !children.isEmpty else { return nil }
        return RollupInput(path: path, kind: .file, children: children)
    }

    /// Every directory above these files, and the root.
    static func ancestors<Paths: Sequence<String>>(of files: Paths) -> Set<String> {
        var directories: Set<String> = ["."]
        for path in files {
            var parent = parent(of: path)
            while parent != ".", directories.insert(parent).inserted {
                parent = Self.parent(of: parent)
            }
        }
        return directories
    }

    /// One level: reuse what the local cache has (and, with ``shared``, what another machine paid
    /// for), summarize the rest, save.
    private func summarize(_ inputs: [RollupInput], existing: [String: Rollup], cache: SummaryCache,
                           rollups: RollupIndex, into tree: inout Tree, report: inout Report) async throws {
        var saved: [Rollup] = []
        var misses: [(RollupInput, String, String)] = []
        for input in inputs {
            let (key, childrenHash) = key(for: input)
            if let old = existing[input.path], old.summaryKey == key, let summary = old.summary {
                tree.add(input.path, kind: input.kind, bullets: summary.bullets)
                report.reused += 1
                continue
            }
            if let summary = try await cache.lookup(key).summary {
                tree.add(input.path, kind: input.kind, bullets: summary.bullets)
                saved.append(Rollup(path: input.path, kind: input.kind, childrenHash: childrenHash, summaryKey: key))
                report.reused += 1
                continue
            }
            misses.append((input, key, childrenHash))
        }
        guard let shared, !summarizer.isFree else {
            try await pay(misses, cache: cache, rollups: rollups, into: &tree, saved: &saved, report: &report)
            try await rollups.save(saved)
            return
        }
        // Shared: take what another machine paid for, pay what this run claims, then wait for the
        // keys another run is paying (re-claiming any whose lease expired); after `patience`,
        // pay the rest here rather than wait on a run that may hang.
        var pending = misses
        let patience = ContinuousClock.now + .seconds(max(30, shared.remote.options.leaseSeconds))
        while !pending.isEmpty, !report.stopped {
            var byKey = Dictionary(pending.map { ($0.1, $0) }, uniquingKeysWith: { first, _ in first })
            func adopt(_ found: [Summary]) async throws {
                for summary in found {
                    guard let (input, key, hash) = byKey.removeValue(forKey: summary.key) else { continue }
                    try await cache.store(summary)
                    tree.add(input.path, kind: input.kind, bullets: summary.bullets)
                    saved.append(Rollup(path: input.path, kind: input.kind, childrenHash: hash, summaryKey: key))
                    report.reused += 1
                }
            }
            try await adopt(await shared.lookup(Array(byKey.keys)))
            let claim: LeaseClaim
            if ContinuousClock.now < patience {
                claim = await shared.claim(Array(byKey.keys))
            } else {
                claim = LeaseClaim(claimed: Set(byKey.keys), found: [])
            }
            try await adopt(claim.found)
            let mine = pending.filter { claim.claimed.contains($0.1) && byKey[$0.1] != nil }
            let paid = try await pay(mine, cache: cache, rollups: rollups, into: &tree, saved: &saved, report: &report)
            await shared.publish(paid)
            let unpaid = Set(mine.map(\.1)).subtracting(paid.map(\.key))
            if !unpaid.isEmpty { await shared.release(Array(unpaid)) }
            pending = pending.filter { byKey[$0.1] != nil && !claim.claimed.contains($0.1) }
            if !pending.isEmpty { try await Task.sleep(for: .milliseconds(200)) }
        }
        try await rollups.save(saved)
    }

    /// Summarizes `misses` (bounded concurrency) and returns what was paid. A paid result is stored
    /// (summary and roll-up row) as soon as it arrives; free ones are saved with the level.
    @discardableResult
    private func pay(_ misses: [(RollupInput, String, String)], cache: SummaryCache, rollups: RollupIndex,
                     into tree: inout Tree, saved: inout [Rollup], report: inout Report) async throws -> [Summary] {
        var paid: [Summary] = []
        let free = summarizer.isFree
        var next = misses.makeIterator()
        try await withThrowingTaskGroup(of: (RollupInput, String, String, [String]?, TokenUsage).self) { group in
            func add() async -> Bool {
                if await summarizer.stopped() { report.stopped = true }
                guard !report.stopped, let (input, key, hash) = next.next() else { return false }
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
            for _ in 0..<max(1, concurrency) { guard await add() else { break } }
            while let (input, key, hash, bullets, usage) = try await group.next() {
                report.usage = report.usage + usage
                if let bullets, !bullets.isEmpty {
                    let summary = Summary(key: key, bodyHash: hash, promptVersion: ROLLUP_VERSION, model: summarizer.model,
                                          params: "rollup", bullets: bullets, inputTokens: usage.inputTokens,
                                          outputTokens: usage.outputTokens, provider: summarizer.provider)
                    try await cache.store(summary)
                    tree.add(input.path, kind: input.kind, bullets: bullets)
                    let rollup = Rollup(path: input.path, kind: input.kind, childrenHash: hash, summaryKey: key)
                    if free { saved.append(rollup) } else { try await rollups.save([rollup]) }
                    paid.append(summary)
                    report.summarized += 1
                } else if await summarizer.stopped() {
                    report.stopped = true   // not sent: left for the next run, not a failure
                } else {
                    report.failed += 1
                }
                _ = await add()
            }
        }
        return paid
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
