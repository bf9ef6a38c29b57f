import ArgumentParser
import Foundation
import MuCLIFormat
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

    @Flag(help: "Send the misses through the provider's batch API (anthropic, openai): half the price, results within 24 h; `mu batch collect` takes them in.")
    var batch = false

    @Flag(help: "With --batch: poll until the batches end and collect their results before returning.")
    var wait = false

    @Flag(name: .shortAndLong, help: "Do not ask before an expensive run.")
    var yes = false

    @Flag(name: .shortAndLong, help: "Print nothing on stderr (no progress, no notes).")
    var quiet = false

    @Flag(name: .customLong("require-remote-cache"),
          help: "Exit 1 when the shared PostgreSQL cache ([cache] url, MU_CACHE_URL) cannot be used, instead of warning and going on without it.")
    var requireRemoteCache = false

    func validate() throws {
        if wait, !batch { throw ValidationError("--wait only goes with --batch") }
        if batch, since != nil { throw ValidationError("--batch summarizes the whole repository; leave out --since") }
    }

    func run() async throws {
        let workspace = try Workspace(path: path, flags: llm.flags)
        var planner = SummaryPlanner(workspace: workspace)
        planner.batch = batch
        let onlyPaths = try since.map { try IncrementalScope.since($0, repositoryRoot: workspace.root).paths }
        planner.onlyPaths = onlyPaths
        if dryRun {
            let plan = try await planner.plan()
            print(json ? PlanFormat.json(plan) : PlanFormat.text(plan))
            if !quiet, let warning = UnreadableFiles.warning(plan.unreadable) { Terminal.note("mu: \(warning)") }
            return
        }
        var summarizer = try Summarizer(workspace: workspace)
        summarizer.onlyPaths = onlyPaths
        summarizer.rollups = !noRollup && !batch
        summarizer.collectBatches = true
        if batch {
            _ = try BatchCoordinator.batchProvider(of: summarizer.backend)  // one line, exit 1, before anything
            summarizer.batchMode = wait ? .submitAndWait : .submit
            summarizer.batchPollSeconds = BatchPolling.seconds(ProcessInfo.processInfo.environment)
            let quiet = self.quiet
            summarizer.batchProgress = { status in
                guard !quiet else { return }
                Terminal.note("mu: waiting for \(status.batches) batch\(status.batches == 1 ? "" : "es"): "
                              + "\(status.completed)/\(status.total) requests answered · \(Int(status.elapsed))s")
            }
        }
        if !summarizer.backend.isFree {
            let plan = try await planner.plan()
            guard Confirmation.confirm(plan, yes: yes, quiet: quiet) else {
                Terminal.note("mu: nothing sent")
                return
            }
        }
        let environment = ProcessInfo.processInfo.environment
        let quiet = self.quiet
        summarizer.sharedCache = try await SharedCacheLayer.open(
            workspace.config, environment: environment, required: requireRemoteCache,
            options: SharedCacheLayer.options(environment: environment),
            warn: { line in if !quiet { Terminal.note("mu: \(line)") } })
        let progress = ProgressLine(enabled: !quiet && Terminal.stderrIsTTY)
        if !quiet, summarizer.backend is OfflineBackend, summarizer.setup.isDefaultProvider {
            Terminal.note("mu: offline extractive summaries; configure [llm] provider for LLM summaries (mu config init)")
        }
        let interrupt = InterruptNotice()
        let report = try await summarizer.run(
            onWait: { pid in if !quiet { Terminal.note("mu: waiting for another mu run\(pid.map { " (pid \($0))" } ?? "") to finish…") } },
            progress: { status in progress.update(status); interrupt.update(status) })
        progress.finish()
        await summarizer.sharedCache?.close()
        if json {
            print(SummarizeReportFormat.json(report))
        } else {
            print(SummarizeReportFormat.text(report))
        }
        if !quiet, let warning = UnreadableFiles.warning(report.unreadable) { Terminal.note("mu: \(warning)") }
        if !quiet, report.stop == nil {
            for sample in report.failureSamples.prefix(10) { Terminal.note("failed: \(sample)") }
            if report.failed > 10 { Terminal.note("… \(report.failed - 10) more failures; `mu status` lists functions without summary") }
        }
        if requireRemoteCache, let failure = report.remoteFailure {
            Terminal.note("mu: \(failure)")
            throw ExitCode(1)
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
    // Numbers are parsed unconditionally so `--concurrency -1` reaches the config check ("must be at
    // least 1", exit 1) instead of reading as a missing value.
    @Option(parsing: .unconditional, help: "Requests in flight at once.")
    var concurrency: Int?
    @Option(name: .customLong("max-cost"), parsing: .unconditional, help: "Stop before spending more than this many US dollars.")
    var maxCost: Double?
    @Option(parsing: .unconditional, help: "Seconds to wait for one reply ([llm] timeout_seconds).")
    var timeout: Double?
    @Option(name: .customLong("max-retries"), parsing: .unconditional, help: "Retries after a server error, timeout or connection failure.")
    var maxRetries: Int?
    @Option(parsing: .unconditional, help: "Sampling temperature, 0 to 2.")
    var temperature: Double?
    @Option(name: .customLong("max-tokens"), parsing: .unconditional, help: "Output tokens per summary at most.")
    var maxTokens: Int?
    @Option(help: "Prompt strategy: direct | few-shot | instruction | chain-of-thought.")
    var strategy: String?

    var flags: ConfigFlags {
        ConfigFlags(provider: provider, model: model, concurrency: concurrency, maxCostUSD: maxCost,
                    timeoutSeconds: timeout, maxRetries: maxRetries, temperature: temperature,
                    maxTokens: maxTokens, strategy: strategy)
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
