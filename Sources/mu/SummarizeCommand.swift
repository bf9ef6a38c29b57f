import ArgumentParser
import Foundation
import MuKit

struct SummarizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract: "Index every function and summarize the ones whose body has no cached summary.",
        discussion: """
        Unchanged files are not read again; a function whose body is unchanged is never summarized twice \
        (the cache key is the body hash, the prompt version, the model and its parameters). Every summary \
        is written as it arrives, so an interrupted run loses nothing it paid for. Without a configured \
        provider mu writes offline `extractive` summaries from signatures, doc comments and calls. \
        Exit codes: 0 ok, 2 some functions failed, 3 credentials refused, 4 stopped at the cost budget.
        """
    )

    @Argument(help: "A path inside the repository.", completion: .directory)
    var path: String = "."

    @OptionGroup var llm: LLMOptions

    @Option(help: ArgumentHelp("Only look at files changed between REV and the working tree (committed, staged, unstaged, untracked).",
                               valueName: "REV"))
    var since: String?

    @Flag(help: "Print one JSON document with the run's totals.")
    var json = false

    @Flag(name: .customLong("dry-run"), help: "Only show what would be sent and its estimated cost (= mu cost).")
    var dryRun = false

    @Flag(name: .customLong("no-rollup"), help: "Skip the file, directory and repository summaries made from the function summaries.")
    var noRollup = false

    @Flag(name: .shortAndLong, help: "Do not ask before an expensive run.")
    var yes = false

    @Flag(name: .shortAndLong, help: "Print nothing on stderr (no progress, no notes).")
    var quiet = false

    func run() async throws {
        let workspace = try Workspace(path: path, flags: llm.flags)
        var summarizer = try dryRun ? Summarizer.planner(workspace: workspace) : Summarizer(workspace: workspace)
        summarizer.rollups = !noRollup
        if let since {
            summarizer.onlyPaths = try IncrementalScope.since(since, repositoryRoot: workspace.root).paths
        }
        if dryRun {
            let plan = try await summarizer.plan()
            print(json ? PlanFormat.json(plan) : PlanFormat.text(plan))
            return
        }
        if !summarizer.setup.isFreeProvider(summarizer.providerName) {
            let plan = try await summarizer.plan()
            guard Confirmation.confirm(plan, yes: yes, quiet: quiet) else {
                Terminal.note("mu: nothing sent")
                return
            }
        }
        let progress = ProgressLine(enabled: !quiet && Terminal.stderrIsTTY)
        if !quiet, summarizer.setup.kind.rawValue == "extractive", summarizer.setup.isDefaultProvider {
            Terminal.note("mu: offline extractive summaries; configure [llm] provider for LLM summaries (mu config init)")
        }
        let report = try await summarizer.run(
            onWait: { pid in if !quiet { Terminal.note("mu: waiting for another mu run\(pid.map { " (pid \($0))" } ?? "") to finish…") } },
            progress: { status in progress.update(status) })
        progress.finish()
        if json {
            print(ReportJSON.summarize(report))
        } else {
            print(ReportText.summarize(report))
        }
        if !quiet, report.stop == nil {
            for sample in report.failureSamples.prefix(10) { Terminal.note("failed: \(sample)") }
            if report.failed > 10 { Terminal.note("… \(report.failed - 10) more failures; `mu status` lists functions without summary") }
        }
        try ExitStatus.check(report)
    }
}

/// The LLM flags shared by `summarize` and `cost`; names match `mu config show`'s sources.
struct LLMOptions: ParsableArguments {
    @Option(help: "extractive | anthropic | openai | openrouter | ollama | openai-compatible")
    var provider: String?
    @Option(help: "Model id (default: the provider's default; see `mu models`).")
    var model: String?
    @Option(help: "Requests in flight at once.")
    var concurrency: Int?
    @Option(name: .customLong("max-cost"), help: "Stop before spending more than this many US dollars.")
    var maxCost: Double?

    var flags: ConfigFlags {
        var flags = ConfigFlags()
        flags.provider = provider
        flags.model = model
        flags.concurrency = concurrency
        flags.maxCostUSD = maxCost
        return flags
    }
}

/// A one-line progress display on stderr, redrawn in place (only on a terminal).
final class ProgressLine: @unchecked Sendable {
    // @unchecked Sendable: `lastDraw` is only touched under `lock`; progress callbacks arrive from one task at a time.
    private let enabled: Bool
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ s: SummarizeProgress) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        var line = "files \(s.filesDone)/\(s.filesTotal) · summaries \(s.summariesDone)/\(s.summariesQueued)"
        if s.failures > 0 { line += " · \(s.failures) failed" }
        if s.costUSD > 0 { line += String(format: " · $%.4f", s.costUSD) }
        line += String(format: " · %.0fs", s.elapsed)
        if s.summariesDone > 0, s.summariesQueued > s.summariesDone, s.filesDone == s.filesTotal {
            let eta = s.elapsed / Double(s.summariesDone) * Double(s.summariesQueued - s.summariesDone)
            line += String(format: " · ETA %.0fs", eta)
        }
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(line)".utf8))
        drawn = true
    }

    func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}

/// Human one-liners for reports.
enum ReportText {
    static func summarize(_ r: SummarizeReport) -> String {
        var parts = ["\(r.filesScanned) files (\(r.filesChanged) changed\(r.filesRemoved > 0 ? ", \(r.filesRemoved) removed" : ""))",
                     "\(r.functions) functions",
                     "cache hits \(r.cacheHitsMemory) memory / \(r.cacheHitsDisk) disk",
                     "\(r.summarized) new summaries",
                     "\(r.failed) failed"]
        if r.llmRequests > 0 || r.inputTokens > 0 {
            parts.append("\(r.llmRequests) requests, \(r.inputTokens) in / \(r.outputTokens) tokens out")
        }
        parts.append(String(format: "$%.4f", r.costUSD))
        parts.append(String(format: "%.2fs", r.duration))
        var text = parts.joined(separator: " · ")
        switch r.stop {
        case .credentialsRefused(let message)?: text += "\nstopped: the provider refused the credentials: \(message)"
        case .budgetReached(let limit, let spent)?:
            text += String(format: "\nstopped at the budget: $%.4f of $%.2f spent; run again with a higher --max-cost to finish", spent, limit)
        case .providerUnreachable(let message)?:
            text += "\nstopped: \(message); functions are indexed, summaries will be made by the next run"
        case nil: break
        }
        return text
    }
}

enum ReportJSON {
    static func summarize(_ r: SummarizeReport) -> String {
        JSONLine()
            .field("provider", r.provider).field("model", r.model)
            .field("files_scanned", r.filesScanned).field("files_changed", r.filesChanged)
            .field("functions", r.functions)
            .field("cache_hits_memory", r.cacheHitsMemory).field("cache_hits_disk", r.cacheHitsDisk)
            .field("llm_requests", r.llmRequests).field("summarized", r.summarized).field("failed", r.failed)
            .field("input_tokens", r.inputTokens).field("output_tokens", r.outputTokens)
            .field("cost_usd", r.costUSD).field("duration_s", (r.duration * 1000).rounded() / 1000)
            .text
    }
}
