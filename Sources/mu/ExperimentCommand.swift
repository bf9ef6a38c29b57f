import ArgumentParser
import Dispatch
import Foundation
import MuKit
import MuSource
import MuStore

/// `mu experiment`: a grid of strategies × models × parameters × template variations over a sample
/// of indexed functions (the default subcommand `run`), and `mu experiment report FILE`.
struct ExperimentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment",
        abstract: "Compare prompt strategies, models and parameters on a sample of indexed functions.",
        discussion: """
        `mu experiment [run] --models a,b …` runs a grid (options: `mu experiment run --help`); \
        `mu experiment report FILE` recomputes the table from a saved run. See docs/experiments.md for the \
        measures, the comparison and the JSONL row schema.
        """,
        subcommands: [ExperimentRunCommand.self, ExperimentReportCommand.self],
        defaultSubcommand: ExperimentRunCommand.self)
}

struct ExperimentRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a grid over a sample of functions (the default: `mu experiment --models a,b …`).",
        discussion: """
        Needs an index (`mu summarize` first). Prints the grid's size and estimated cost before sending \
        anything (cache hits are free; cells share the summary cache with `mu summarize`), asks above $1 \
        on a terminal unless --yes, and stops at --max-cost (exit 4). Rows go to --out as they arrive; \
        Ctrl-C keeps every row and paid summary so far.
        """)

    @Argument(help: "A path inside the repository.", completion: .directory)
    var path: String = "."
    @Option(help: "Comma-separated: direct, few-shot, instruction, chain-of-thought.")
    var strategies: String = "direct"
    @Option(help: "Comma-separated model ids (default: the configured model).")
    var models: String?
    @Option(help: "extractive | anthropic | openai | openrouter | ollama | openai-compatible (models the built-in catalog places elsewhere use their own provider).")
    var provider: String?
    @Option(name: .customLong("param"), help: ArgumentHelp("A parameter's values: temperature=0.2,0.7 or max_tokens=200,300 (repeatable).", valueName: "NAME=V1,V2"))
    var params: [String] = []
    @Option(name: .customLong("vary"), help: ArgumentHelp("Values filled into {{NAME}} of --template (repeatable).", valueName: "NAME=A,B"))
    var variations: [String] = []
    @Option(help: ArgumentHelp("A prompt template file (placeholders: see docs/configuration.md).", valueName: "FILE"))
    var template: String?
    @Option(parsing: .unconditional, help: "Functions in the stratified sample.")
    var sample: Int = 20
    @Option(parsing: .unconditional, help: "Seed of the sample and of the bootstrap.")
    var seed: Int = 7
    @Option(help: ArgumentHelp("Sample only functions whose path matches this glob.", valueName: "GLOB"))
    var paths: String?
    @Option(name: .customLong("functions-file"), help: ArgumentHelp("Use these functions instead of a sample: one path:line or qualified name per line.", valueName: "FILE"))
    var functionsFile: String?
    @Option(help: ArgumentHelp("The JSONL results file (default .mu/experiments/RUN.jsonl).", valueName: "FILE"))
    var out: String?
    @Option(help: ArgumentHelp("Compare every cell with this one (its name or number in the table).", valueName: "CELL"))
    var baseline: String?
    @Option(help: ArgumentHelp("A model that scores each summary (accuracy, completeness, concision, 1–5).", valueName: "MODEL"))
    var judge: String?
    @Option(name: .customLong("max-cost"), parsing: .unconditional, help: "Stop before spending more than this many US dollars.")
    var maxCost: Double?
    @Option(parsing: .unconditional, help: "Requests in flight at once, across all cells.")
    var concurrency: Int?
    @Flag(name: .shortAndLong, help: "Do not ask before an expensive run.")
    var yes = false
    @Flag(help: "Print the report as one JSON document.")
    var json = false
    @Flag(name: .shortAndLong, help: "Print nothing on stderr.")
    var quiet = false

    func run() async throws {
        guard sample >= 1 else { throw ExperimentError.usage("--sample must be at least 1") }
        guard seed >= 0 else { throw ExperimentError.usage("--seed must be 0 or more") }
        if let maxCost, maxCost < 0 { throw ExperimentError.usage("--max-cost must be 0 or more") }
        let chosenStrategies = try ExperimentGrid.strategies(strategies)
        let parameterAxes = try params.map { try ExperimentAxis.parse($0, flag: "--param") }
        let variationAxes = try variations.map { try ExperimentAxis.parse($0, flag: "--vary") }
        let templateText = try template.map { file in
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw ExperimentError.usage("--template \(file): cannot be read") }
            return text
        }
        let workspace = try Workspace(path: path, flags: ConfigFlags(provider: provider, concurrency: concurrency))
        var modelList = (models ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if models == nil { modelList = [LLMSetup(workspace.config, repositoryRoot: workspace.root).model] }
        let grid = try ExperimentGrid(strategies: chosenStrategies, models: modelList, parameters: parameterAxes,
                                      variations: variationAxes)
        let database = try workspace.openDatabase(create: false)
        let functions = try await ExperimentFunctions.choose(
            index: SymbolIndex(database: database), size: sample, seed: UInt64(seed), paths: paths.map(Glob.init),
            functionsFile: functionsFile.map { URL(fileURLWithPath: $0) }, root: workspace.root)
        let runID = "\(ISO8601DateFormatter().string(from: Date()))-seed\(seed)"
        let runner = try ExperimentRunner(workspace: workspace, grid: grid, functions: functions, template: templateText,
                                          judgeModel: judge, maxCostUSD: maxCost ?? 0, runID: runID)
        let cache = SummaryCache(database: database)
        let plan = try await runner.plan(cache: cache)
        if !quiet { Terminal.note("mu: \(plan.text)") }
        if let maxCost, maxCost > 0, plan.estimate.isPriced, plan.estimate.costUSD > maxCost {
            throw ExperimentError.budget(limitUSD: maxCost, neededUSD: plan.estimate.costUSD)
        }
        guard confirm(plan) else { Terminal.note("mu: nothing sent"); return }

        let outURL = URL(fileURLWithPath: out ?? workspace.muDirectory.appendingPathComponent("experiments/\(runID.replacingOccurrences(of: ":", with: "")).jsonl").path)
        let sink = try ExperimentRowSink(url: outURL)
        let interrupt = ExperimentInterrupt(file: outURL.path)
        let progress = ExperimentProgressLine(enabled: !quiet && Terminal.stderrIsTTY)
        let outcome = try await runner.run(cache: cache, onRow: { row in
            try await sink.write(row)
            interrupt.rowWritten()
        }, progress: { progress.update($0) })
        progress.finish()
        try? await cache.flush()
        let rows = await sink.rows
        await sink.close()
        if !quiet { Terminal.note("mu: \(rows.count) rows in \(outURL.path); \(outcome.requestsSent) provider calls, $\(String(format: "%.4f", outcome.spentUSD))") }
        if !rows.isEmpty {
            let report = try ExperimentReport(rows: rows, baseline: baseline)
            print((json ? ExperimentReportFormat.json : .table).render(report))
        }
        if let stop = outcome.stop { throw stop }
    }

    private func confirm(_ plan: ExperimentPlan) -> Bool {
        guard plan.requests > 0, !yes else { return true }
        let interactive = isatty(STDIN_FILENO) == 1 && Terminal.stderrIsTTY
        guard interactive, plan.estimate.costUSD > Confirmation.thresholdUSD || !plan.estimate.isPriced else { return true }
        FileHandle.standardError.write(Data("Send \(plan.requests) requests? [y/N] ".utf8))
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return answer == "y" || answer == "yes"
    }
}

struct ExperimentReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Recompute the comparison table from a results file (no provider call).")

    @Argument(help: "A JSONL file written by `mu experiment --out`.")
    var file: String
    @Option(help: ArgumentHelp("Compare every cell with this one (its name or number in the table).", valueName: "CELL"))
    var baseline: String?
    @Option(help: "table | markdown | json")
    var format: String = "table"

    func run() async throws {
        guard let format = ExperimentReportFormat(rawValue: format) else {
            throw ExperimentError.usage("--format \(format): expected table, markdown or json")
        }
        let rows = try ExperimentRow.read(URL(fileURLWithPath: file))
        print(format.render(try ExperimentReport(rows: rows, baseline: baseline)))
    }
}

/// Ctrl-C or SIGTERM during a run: one line saying what is kept, then exit 130 / 143. Rows are written
/// and summaries stored as they arrive, so only the calls in flight are lost.
final class ExperimentInterrupt: @unchecked Sendable {
    // @unchecked Sendable: `rows` is only touched under `lock`; the signal sources live as long as the object.
    private let lock = NSLock()
    private var rows = 0
    private var sources: [DispatchSourceSignal] = []
    private let file: String

    init(file: String) {
        self.file = file
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [unowned self] in self.interrupted(by: signalNumber) }
            source.resume()
            sources.append(source)
        }
    }

    deinit { sources.forEach { $0.cancel() } }

    func rowWritten() { lock.lock(); rows += 1; lock.unlock() }

    private func interrupted(by signalNumber: Int32) {
        lock.lock(); let kept = rows; lock.unlock()
        if Terminal.stderrIsTTY { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        Terminal.note("mu: interrupted: \(kept) row\(kept == 1 ? "" : "s") kept in \(file); every summary paid for is in the cache, "
            + "so running the same experiment again sends only what is missing")
        exit(128 + signalNumber)
    }
}

/// `rows 120/480 · 35 sent · $0.0123 · 12s` on stderr, redrawn in place (only on a terminal).
final class ExperimentProgressLine: @unchecked Sendable {
    // @unchecked Sendable: the mutable fields are only touched under `lock`.
    private let enabled: Bool
    private let lock = NSLock()
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ p: ExperimentRunner.Progress) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        guard Date().timeIntervalSince(lastDraw) > 0.1 || p.done == p.total else { return }
        lastDraw = Date()
        let line = "rows \(p.done)/\(p.total) · \(p.sent) sent · $\(String(format: "%.4f", p.spentUSD)) · \(Int(Date().timeIntervalSince(started)))s"
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(line)".utf8))
        drawn = true
    }

    func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
