import ArgumentParser
import Foundation
import MuCLIFormat
import MuKit
import MuStore

struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Summary cache housekeeping.",
        subcommands: [Stats.self, Clear.self, Prune.self, Push.self]
    )

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "stats", abstract: "Entries, size and spending per model.")
        @Argument(help: "A path inside the repository.") var path: String = "."
        @Flag(help: "Print one JSON document.") var json = false
        func run() async throws {
            let workspace = try Workspace.forReading(path: path, keys: Workspace.readingKeys.union(["cache.url"]))
            let database = try workspace.openDatabaseForReading()
            let stats = try await SummaryCache(database: database).stats()
            var remote = await CacheCommand.remoteStats(workspace)
            remote.lastRunHits = try await database.metaValue(Summarizer.remoteHitsKey).flatMap(Int.init)
            if json {
                let models = stats.byModel.map {
                    JSONLine().field("model", $0.model).field("entries", $0.entries).field("input_tokens", $0.inputTokens)
                        .field("output_tokens", $0.outputTokens).field("cost_usd", $0.costUSD).text
                }
                print(JSONLine().field("entries", stats.entries).field("text_bytes", Int(stats.textBytes))
                    .field("file_bytes", Int(stats.fileBytes)).field("path", database.summariesPath)
                    .field("models", raw: "[" + models.joined(separator: ",") + "]")
                    .field("remote", raw: remote.json).text)
                return
            }
            print("\(stats.entries) summaries, \(HumanFormat.bytes(stats.textBytes)) of text, file \(HumanFormat.bytes(stats.fileBytes)) (\(database.summariesPath))")
            for m in stats.byModel {
                print(String(format: "  %@: %d summaries, %d tokens in / %d out, $%.4f", m.model, m.entries, m.inputTokens, m.outputTokens, m.costUSD))
            }
            if let line = remote.text { print(line) }
        }
    }

    /// Connects to the configured shared cache, if any, and reads its totals (never throws: a
    /// failure is part of the report).
    static func remoteStats(_ workspace: Workspace) async -> RemoteCacheStatsFormat {
        let environment = ProcessInfo.processInfo.environment
        let location: RemoteCacheLocation
        do {
            guard let found = try SharedCacheLayer.location(workspace.config, environment: environment) else {
                return RemoteCacheStatsFormat()
            }
            location = found
        } catch {
            return RemoteCacheStatsFormat(failure: error.description)
        }
        do {
            let remote = try await RemoteSummaryCache.connect(location)
            defer { remote.shutdown() }
            return RemoteCacheStatsFormat(location: location.description, stats: try await remote.stats())
        } catch {
            return RemoteCacheStatsFormat(location: location.description, failure: error.description)
        }
    }

    struct Push: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "push",
            abstract: "Upload the local summaries the shared PostgreSQL cache ([cache] url) lacks.",
            discussion: "Seeds a team's shared cache from one machine's work; never overwrites a summary already there.")
        @Argument(help: "A path inside the repository.") var path: String = "."
        @Flag(help: "Print one JSON document.") var json = false
        func run() async throws {
            let workspace = try Workspace(path: path)
            let (remote, location) = try await connectSharedCache(workspace)
            defer { remote.shutdown() }
            let local = SummaryCache(database: try workspace.openDatabase(create: false))
            let outcome = try await RemoteCachePush.push(from: local, to: remote)
            if json {
                print(JSONLine().field("checked", outcome.checked).field("uploaded", outcome.uploaded)
                    .field("remote", location.description).text)
            } else {
                print("uploaded \(outcome.uploaded) of \(outcome.checked) local summaries to \(location)")
            }
        }
    }

    struct Clear: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clear",
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
            commandName: "prune",
            abstract: "Delete summaries that no indexed function uses; --remote: shared PostgreSQL summaries unused for 90 days.",
            discussion: "With a shared cache ([cache] path), other checkouts' summaries look unused here: --older-than-days keeps recently used ones. --remote prunes the shared PostgreSQL cache ([cache] url) instead: summaries nobody published or hit remotely for --older-than-days (default 90), and leases of runs that died; never a lease a live run holds.")
        @Argument(help: "A path inside the repository.") var path: String = "."
        @Option(help: "Only summaries unused for this many days (default: any unused one; 30 for a shared cache; 90 with --remote).")
        var olderThanDays: Int?
        @Flag(help: "Prune the shared PostgreSQL cache ([cache] url, MU_CACHE_URL) instead of the local one.")
        var remote = false
        func run() async throws {
            if remote { return try await pruneRemote() }
            let workspace = try Workspace(path: path)
            let database = try workspace.openDatabase(create: false)
            let days = olderThanDays ?? (database.hasSeparateSummaries ? 30 : nil)
            let since = days.map { Date().addingTimeInterval(-Double($0) * 86_400) }
            let removed = try await SummaryCache(database: database).prune(unusedSince: since)
            print("pruned \(removed) unused summaries")
        }

        private func pruneRemote() async throws {
            guard (olderThanDays ?? 90) >= 0 else { throw ValidationError("--older-than-days must be 0 or more") }
            let (remote, location) = try await connectSharedCache(Workspace(path: path))
            defer { remote.shutdown() }
            let days = olderThanDays ?? 90
            let pruned = try await remote.prune(unusedSince: Date().addingTimeInterval(-Double(days) * 86_400))
            print("pruned \(pruned.summaries) summaries unused for \(days) days and \(pruned.expiredLeases) expired leases from \(location)")
        }
    }
}

/// The shared PostgreSQL cache `[cache] url` (or `MU_CACHE_URL`) names, connected, and where it is
/// (masked when printed); a one-line error when none is configured. Used by `cache push` and
/// `cache prune --remote`.
private func connectSharedCache(_ workspace: Workspace) async throws -> (RemoteSummaryCache, RemoteCacheLocation) {
    let environment = ProcessInfo.processInfo.environment
    guard let location = try SharedCacheLayer.location(workspace.config, environment: environment) else {
        throw ValidationError("no shared cache configured: set [cache] url or MU_CACHE_URL")
    }
    return (try await RemoteSummaryCache.connect(location, options: SharedCacheLayer.options(environment: environment)), location)
}
