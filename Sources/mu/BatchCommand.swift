import ArgumentParser
import Foundation
import MuKit
import MuStore

/// `mu batch status|collect|cancel`: the provider batches `summarize --batch` submitted.
struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Provider batches submitted by `summarize --batch`: status, collect, cancel.",
        subcommands: [BatchStatusCommand.self, BatchCollectCommand.self, BatchCancelCommand.self]
    )
}

/// What every batch subcommand needs: the workspace, its index and the configured provider's batch side.
struct BatchContext {
    let workspace: Workspace
    let database: MuDatabase
    let coordinator: BatchCoordinator

    init(path: String, llm: LLMOptions) throws {
        workspace = try Workspace(path: path, flags: llm.flags)
        let backend = try LLMSetup(workspace.config).makeBackend()
        _ = try BatchCoordinator.batchProvider(of: backend)
        guard FileManager.default.fileExists(atPath: workspace.indexPath) else {
            throw ValidationError("no index at \(workspace.indexPath): run `mu summarize --batch` first")
        }
        database = try workspace.openDatabase(create: false)
        coordinator = try BatchCoordinator(backend: backend, database: database)
    }
}

struct BatchStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Poll and list the provider batches of this index.")

    @Argument(help: "A path inside the repository.", completion: .directory)
    var path: String = "."
    @OptionGroup var llm: LLMOptions
    @Flag(help: "One JSON object per batch (NDJSON).")
    var json = false

    func run() async throws {
        let context = try BatchContext(path: path, llm: llm)
        defer { try? context.database.close() }
        let records = try await context.coordinator.status()
        if json {
            for record in records { print(BatchFormat.json(record)) }
        } else if records.isEmpty {
            print("no provider batches")
        } else {
            for record in records { print(BatchFormat.text(record)) }
        }
    }
}

struct BatchCollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Take finished batches' results into the cache; invalid replies are re-asked live.",
        discussion: "Exit codes: 0 ok, 2 some requests have no summary (the next `mu summarize` sends them live).")

    @Argument(help: "A path inside the repository.", completion: .directory)
    var path: String = "."
    @OptionGroup var llm: LLMOptions
    @Flag(help: "Poll until every batch has ended.")
    var wait = false
    @Flag(help: "One JSON document with the totals.")
    var json = false
    @Flag(name: .shortAndLong, help: "No progress on stderr.")
    var quiet = false

    func run() async throws {
        let context = try BatchContext(path: path, llm: llm)
        defer { try? context.database.close() }
        let quiet = self.quiet
        // One writer at a time: a summarize run (or another collect) holds the index lock.
        guard let lock = try await RunLock.acquire(at: context.workspace.lockPath, timeout: .seconds(900)) else {
            throw WorkspaceError.busy(pid: RunLock.holderPID(at: context.workspace.lockPath))
        }
        let collected: BatchCollection
        do {
            collected = try await context.coordinator.collect(
                wait: wait, pollSeconds: BatchPolling.seconds(ProcessInfo.processInfo.environment),
                progress: { status in
                    if !quiet { Terminal.note("mu: waiting for \(status.batches) batch\(status.batches == 1 ? "" : "es"): \(status.completed)/\(status.total) requests answered · \(Int(status.elapsed))s") }
                })
            await lock.release()
        } catch {
            await lock.release()
            throw error
        }
        print(json ? BatchFormat.json(collected) : BatchFormat.text(collected))
        if !quiet { for sample in collected.failureSamples.prefix(10) { Terminal.note("failed: \(sample)") } }
        if collected.failed > 0 { throw ExitCode(2) }
    }
}

struct BatchCancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Cancel running batches (all of them without ids); answered requests stay collectable.")

    @Argument(help: "Batch ids (`mu batch status`); none = every running batch.")
    var ids: [String] = []
    @Option(help: "A path inside the repository.")
    var path: String = "."
    @OptionGroup var llm: LLMOptions

    func run() async throws {
        let context = try BatchContext(path: path, llm: llm)
        defer { try? context.database.close() }
        let cancelled = try await context.coordinator.cancel(ids)
        if cancelled.isEmpty { print("no running batches") }
        for record in cancelled { print("\(record.id) \(record.status)") }
    }
}

/// Batch listing and collection totals, human and JSON.
enum BatchFormat {
    static func text(_ record: BatchRecord) -> String {
        let collected = record.collectedAt != nil ? " · collected" : ""
        return "\(record.id) · \(record.provider)/\(record.model) · \(record.status) · \(record.completed)/\(record.requestCount) answered\(collected)"
    }

    static func json(_ record: BatchRecord) -> String {
        let object: [String: Any] = [
            "id": record.id, "provider": record.provider, "model": record.model, "status": record.status,
            "requests": record.requestCount, "completed": record.completed,
            "created_at": ISO8601DateFormatter().string(from: record.createdAt),
            "collected": record.collectedAt != nil,
        ]
        return line(object)
    }

    static func text(_ c: BatchCollection) -> String {
        var text = "\(c.batchesCollected) batch\(c.batchesCollected == 1 ? "" : "es") collected · \(c.summarized) summaries"
            + (c.reaskedLive > 0 ? " + \(c.reaskedLive) re-asked live" : "") + " · \(c.failed) failed"
            + " · \(c.inputTokens) in / \(c.outputTokens) tokens out" + String(format: " · $%.4f", c.costUSD)
        if c.batchesPending > 0 { text += "\n\(c.batchesPending) batch\(c.batchesPending == 1 ? "" : "es") still running" }
        return text
    }

    static func json(_ c: BatchCollection) -> String {
        line([
            "batches_collected": c.batchesCollected, "batches_pending": c.batchesPending, "summarized": c.summarized,
            "reasked_live": c.reaskedLive, "failed": c.failed, "batch_replies": c.batchReplies,
            "live_requests": c.liveRequests, "input_tokens": c.inputTokens, "output_tokens": c.outputTokens,
            "cached_input_tokens": c.cachedInputTokens, "cost_usd": c.costUSD,
        ])
    }

    private static func line(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
