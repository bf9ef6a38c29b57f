import ArgumentParser
import Foundation
import MuKit
import MuSource
import MuStore

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Index size, summaries, files changed since the last run, cache entries, last indexed commit."
    )

    @Argument(help: "A path inside the repository.", completion: .directory)
    var path: String = "."

    @Flag(help: "Print one JSON document.")
    var json = false

    func run() async throws {
        let workspace = try Workspace.forReading(path: path, keys: Workspace.stalenessKeys)
        let database = try workspace.openDatabaseForReading()
        let index = SymbolIndex(database: database)
        let counts = try await index.counts()
        let stats = try await SummaryCache(database: database).stats()
        let last = try await index.lastIndexedCommit()
        let lastRun = try await RunLog(database: database).latest()
        // Stale: files changed, added or removed since the last run (a walk, no parsing).
        let repository = try GitRepository(discovering: workspace.root.path)
        let head = repository.headCommit()
        let known = try await FileStateCache(database: database).allStates()
        let walk = try RepositoryWalker(options: IndexSettings(workspace.config.config).walkerOptions)
            .walk(repository, known: Summarizer.knownFiles(known))
        var stale = 0
        var seen = Set<String>()
        for file in walk.files {
            seen.insert(file.file.path)
            if let state = known[file.file.path],
               state.matches(size: file.size, mtimeNs: file.mtimeNs, inode: file.inode, blobId: file.blobID) { continue }
            stale += 1
        }
        let removed = known.keys.filter { !seen.contains($0) }.count
        let sizes = database.fileSizes()
        if json {
            var line = JSONLine()
                .field("root", workspace.root.path)
                .field("functions", counts.functions).field("with_summary", counts.withSummary)
                .field("without_summary", counts.withoutSummary).field("files", counts.files)
                .field("stale_files", stale + removed)
                .field("cache_entries", stats.entries).field("cache_bytes", Int(stats.fileBytes))
                .field("index_bytes", Int(sizes.main))
                .field("last_indexed_commit", last).field("head", head)
            if let run = lastRun {
                line = line.field("last_run", raw: JSONLine().field("status", run.status.rawValue)
                    .field("provider", run.provider).field("model", run.model)
                    .field("started_at", ISO8601DateFormatter().string(from: run.startedAt))
                    .field("summarized", run.summarized).field("failed", run.failed).field("cost_usd", run.costUSD).text)
            }
            print(line.text)
            return
        }
        print("index      \(workspace.indexPath) (\(bytes(sizes.main)))")
        print("functions  \(counts.functions) in \(counts.filesWithFunctions) files; \(counts.withSummary) with a summary, \(counts.withoutSummary) without")
        print("files      \(counts.files) indexed; \(stale + removed == 0 ? "none changed since the last run" : "\(stale + removed) changed since the last run (mu summarize updates them)")")
        let commitLine = last.map { String($0.prefix(12)) } ?? "none"
        print("commit     last indexed \(commitLine)\(head != nil && head != last ? ", HEAD is \(head!.prefix(12))" : "")")
        print("cache      \(stats.entries) summaries (\(bytes(stats.fileBytes)))\(database.hasSeparateSummaries ? " in \(database.summariesPath)" : "")")
        for model in stats.byModel {
            print(String(format: "             %@: %d summaries, $%.4f spent", model.model, model.entries, model.costUSD))
        }
        if let run = lastRun {
            let when = ago(run.startedAt)
            print("last run   \(run.status.rawValue) \(when): \(run.provider)/\(run.model), \(run.summarized) summarized, \(run.failed) failed\(String(format: ", $%.4f", run.costUSD))")
        }
    }
}

/// "3 min ago" style ages (RelativeDateTimeFormatter is not in corelibs Foundation).
func ago(_ date: Date) -> String {
    let s = Int(Date().timeIntervalSince(date))
    switch s {
    case ..<60: return "\(max(0, s)) s ago"
    case ..<3600: return "\(s / 60) min ago"
    case ..<86_400: return "\(s / 3600) h ago"
    default: return "\(s / 86_400) days ago"
    }
}

func bytes(_ n: Int64) -> String {
    let units = ["B", "KB", "MB", "GB"]
    var value = Double(n)
    var unit = 0
    while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
    return unit == 0 ? "\(n) B" : String(format: "%.1f %@", value, units[unit])
}

struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Summary cache housekeeping.",
        subcommands: [Stats.self, Clear.self, Prune.self]
    )

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Entries, size and spending per model.")
        @Argument(help: "A path inside the repository.") var path: String = "."
        @Flag(help: "Print one JSON document.") var json = false
        func run() async throws {
            let database = try Workspace.forReading(path: path).openDatabaseForReading()
            let stats = try await SummaryCache(database: database).stats()
            if json {
                let models = stats.byModel.map {
                    JSONLine().field("model", $0.model).field("entries", $0.entries).field("input_tokens", $0.inputTokens)
                        .field("output_tokens", $0.outputTokens).field("cost_usd", $0.costUSD).text
                }
                print(JSONLine().field("entries", stats.entries).field("text_bytes", Int(stats.textBytes))
                    .field("file_bytes", Int(stats.fileBytes)).field("path", database.summariesPath)
                    .field("models", raw: "[" + models.joined(separator: ",") + "]").text)
                return
            }
            print("\(stats.entries) summaries, \(bytes(stats.textBytes)) of text, file \(bytes(stats.fileBytes)) (\(database.summariesPath))")
            for m in stats.byModel {
                print(String(format: "  %@: %d summaries, %d tokens in / %d out, $%.4f", m.model, m.entries, m.inputTokens, m.outputTokens, m.costUSD))
            }
        }
    }

    struct Clear: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete cached summaries (all, or one model's); --all deletes the whole index file.",
            discussion: "--all also recovers from a corrupt or foreign .mu/mu.db: the file is removed without being opened and the next `mu summarize` rebuilds it. A shared cache named by [cache] path is left alone by --all.")
        @Argument(help: "A path inside the repository.") var path: String = "."
        @Option(help: "Only this model's summaries.") var model: String?
        @Flag(help: "Delete the index database itself (functions, files, runs and local summaries).") var all = false
        func run() async throws {
            let workspace = try Workspace(path: path)
            if all {
                guard model == nil else { throw ValidationError("--all and --model cannot be combined") }
                try MuStore.MuDatabase.destroy(at: workspace.indexPath)
                print("removed \(workspace.indexPath)")
                return
            }
            let cache = SummaryCache(database: try workspace.openDatabase(create: false))
            let removed = if let model { try await cache.clear(model: model) } else { try await cache.clearAll() }
            print("removed \(removed) summaries\(model.map { " of \($0)" } ?? "")")
        }
    }

    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete summaries that no indexed function uses.",
            discussion: "With a shared cache ([cache] path), other checkouts' summaries look unused here: --older-than-days keeps recently used ones.")
        @Argument(help: "A path inside the repository.") var path: String = "."
        @Option(help: "Only summaries unused for this many days (default: any unused one; 30 for a shared cache).")
        var olderThanDays: Int?
        func run() async throws {
            let workspace = try Workspace(path: path)
            let database = try workspace.openDatabase(create: false)
            let days = olderThanDays ?? (database.hasSeparateSummaries ? 30 : nil)
            let since = days.map { Date().addingTimeInterval(-Double($0) * 86_400) }
            let removed = try await SummaryCache(database: database).prune(unusedSince: since)
            print("pruned \(removed) unused summaries")
        }
    }
}
