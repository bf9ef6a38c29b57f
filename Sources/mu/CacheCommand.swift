import ArgumentParser
import Foundation
import MuCLIFormat
import MuKit
import MuStore

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
            let database = try Workspace(path: path).openDatabase(create: false)
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
            print("\(stats.entries) summaries, \(HumanFormat.bytes(stats.textBytes)) of text, file \(HumanFormat.bytes(stats.fileBytes)) (\(database.summariesPath))")
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
