import Foundation
import MuCore
import MuLLM
import MuSource
import MuStore

/// Runs a grid over sampled functions: every (cell, function) pair is looked up in the summary cache
/// (same keys as `mu summarize`) and only misses are sent, at most `concurrency` at once across all
/// cells. Each result is stored in the cache and handed to `onRow` as soon as it arrives, so an
/// interrupted run keeps everything it paid for. One budget (`maxCostUSD`) covers every cell and the judge.
public struct ExperimentRunner: Sendable {
    public let cells: [ExperimentCellSetup]
    public let functions: [SampledFunction]
    public let judge: ExperimentJudge?
    public var maxCostUSD: Double
    public var concurrency: Int
    public var runID: String
    let transport: HTTPTransport?

    /// - Parameters:
    ///   - template: `--template` text (`--vary` values are filled into it per cell).
    ///   - transport: the HTTP session (tests pass their own); nil = the shared one.
    public init(workspace: Workspace, grid: ExperimentGrid, functions: [SampledFunction], template: String?,
                judgeModel: String? = nil, maxCostUSD: Double = 0, runID: String,
                transport: HTTPTransport? = nil) throws {
        for axis in grid.variations {
            guard let template else { throw ExperimentError.usage("--vary \(axis.name) needs --template FILE with {{\(axis.name)}} in it") }
            guard template.contains("{{\(axis.name)}}") || template.contains("{{ \(axis.name) }}") else {
                throw ExperimentError.usage("--vary \(axis.name): the template has no {{\(axis.name)}}")
            }
        }
        cells = try grid.cells.map { try ExperimentCellSetup(cell: $0, config: workspace.config, template: template, root: workspace.root) }
        self.functions = functions
        judge = try judgeModel.map { try ExperimentJudge(model: $0, config: workspace.config, root: workspace.root, transport: transport) }
        self.maxCostUSD = maxCostUSD
        concurrency = max(1, workspace.config.config.llm.concurrency)
        self.runID = runID
        self.transport = transport
    }

    /// Cache hits, misses and the estimate, before anything is sent.
    public func plan(cache: SummaryCache) async throws -> ExperimentPlan {
        let trace = PhaseTimer()
        defer { trace.mark("experiment plan (\(cells.count * functions.count) lookups)") }
        var planned: [ExperimentPlan.Cell] = []
        var judgeRequests = 0
        var judgeEstimate = CostEstimate()
        for cell in cells {
            var hits = 0, misses = 0
            var estimate = CostEstimate()
            for function in functions {
                let cached = try await cache.lookup(cell.key(forBodyHash: function.bodyHash).hex).summary
                if let cached { hits += 1 } else { misses += 1; estimate = estimate + cell.estimate(function.request) }
                guard let judge else { continue }
                if let cached, (try await cache.lookup(judge.key(bodyHash: function.bodyHash, bullets: cached.bullets).hex).summary) != nil { continue }
                judgeRequests += 1
                judgeEstimate = judgeEstimate + judge.estimate(function.request)
            }
            planned.append(.init(id: cell.cell.id, provider: cell.setup.kind.rawValue, model: cell.setup.model,
                                 hits: hits, misses: misses, estimate: estimate))
        }
        return ExperimentPlan(cells: planned, functions: functions.count, judgeRequests: judgeRequests, judgeEstimate: judgeEstimate)
    }

    /// What a run did.
    public struct Outcome: Sendable {
        public var rows = 0
        public var requestsSent = 0
        public var spentUSD = 0.0
        /// Why the run stopped before the end (budget, refused credentials), if it did.
        public var stop: ExperimentError?
    }

    /// Progress for the terminal line.
    public struct Progress: Sendable {
        public var done = 0
        public var total = 0
        public var sent = 0
        public var spentUSD = 0.0
    }

    /// Runs every (cell, function) pair; `onRow` is called once per finished pair, one at a time.
    public func run(cache: SummaryCache, onRow: @escaping @Sendable (ExperimentRow) async throws -> Void,
                    progress: @escaping @Sendable (Progress) -> Void = { _ in }) async throws -> Outcome {
        let trace = PhaseTimer()
        defer { trace.mark("experiment run") }
        let sessions = try cells.map { try $0.setup.makeBackend(transport: transport).start(observed: nil) }
        let ledger = ExperimentLedger(limitUSD: maxCostUSD)
        let jobs = cells.indices.flatMap { c in functions.indices.map { (c, $0) } }
        var outcome = Outcome()
        var status = Progress(total: jobs.count)
        try await withThrowingTaskGroup(of: (ExperimentRow?, Int, Double).self) { group in
            var next = 0
            func launch() {
                let (c, f) = jobs[next]
                next += 1
                group.addTask { try await self.pair(cell: cells[c], session: sessions[c], function: functions[f], cache: cache, ledger: ledger) }
            }
            while next < min(concurrency, jobs.count) { launch() }
            while let (row, sent, spent) = try await group.next() {
                outcome.requestsSent += sent
                outcome.spentUSD += spent
                if let row {
                    try await onRow(row)
                    outcome.rows += 1
                }
                status.done += 1
                status.sent = outcome.requestsSent
                status.spentUSD = outcome.spentUSD
                progress(status)
                if next < jobs.count, await ledger.stop == nil { launch() }
            }
        }
        outcome.stop = await ledger.stop
        return outcome
    }

    /// One cell on one function: the cached summary or a provider call, measured, then judged.
    /// Returns the row (nil when not sent: the run stopped), requests sent and dollars spent.
    func pair(cell: ExperimentCellSetup, session: any SummarySession, function: SampledFunction, cache: SummaryCache,
              ledger: ExperimentLedger) async throws -> (ExperimentRow?, Int, Double) {
        let (hex, components) = cell.key(forBodyHash: function.bodyHash)
        var row = baseRow(cell: cell, function: function, key: hex)
        var sent = 0, spent = 0.0
        if let cached = try await cache.lookup(hex).summary {
            row.cached = true
            fill(&row, bullets: cached.bullets, function: function)
            row.inputTokens = cached.inputTokens
            row.outputTokens = cached.outputTokens
            row.costUSD = cached.costUSD
        } else {
            let estimate = cell.estimate(function.request).costUSD
            guard let reserved = await ledger.admit(estimate) else { return (nil, 0, 0) }
            let result = await session.summarize(function.request)
            await ledger.settle(reserved: reserved, estimate: estimate, spent: result.spentUSD)
            sent = 1
            spent = result.spentUSD
            row.inputTokens = result.spentInputTokens
            row.outputTokens = result.spentOutputTokens
            row.costUSD = result.spentUSD
            switch result.result {
            case .success(let summary):
                row.latencyS = summary.latency
                fill(&row, bullets: summary.bullets, function: function)
                row.reasoning = summary.reasoning
                try await cache.store(Summary(key: hex, components: components, bullets: summary.bullets,
                                              inputTokens: summary.inputTokens, outputTokens: summary.outputTokens,
                                              costUSD: summary.costUSD, provider: summary.provider, truncated: summary.truncated))
            case .failure(let error):
                row.valid = false
                row.error = error.description
                if case .authentication = error { await ledger.halt(.credentials("the provider refused the credentials for \(cell.setup.model): \(error.description)")) }
                if case .budgetExceeded = error { await ledger.halt(.budget(limitUSD: maxCostUSD, neededUSD: await ledger.spent + estimate)) }
            }
        }
        if let judge, row.valid {
            let estimate = judge.estimate(function.request).costUSD
            if let reserved = await ledger.admit(estimate) {
                let verdict = await judge.judge(function, bullets: row.bullets, cache: cache)
                await ledger.settle(reserved: reserved, estimate: estimate, spent: verdict.costUSD)
                row.judge = verdict.score
                if verdict.sent { sent += 1 }
                spent += verdict.costUSD
            }
        }
        return (row, sent, spent)
    }

    /// Measures valid bullets, or marks them invalid under the cell's quality criteria (a cached summary
    /// made under other criteria cannot be here: criteria are in the key).
    private func fill(_ row: inout ExperimentRow, bullets: [String], function: SampledFunction) {
        row.bullets = bullets
        row.valid = true
        let metrics = SummaryMetrics(bullets: bullets, body: function.request.body, facts: function.facts)
        row.bulletCount = metrics.bullets
        row.wordCount = metrics.words
        row.grounding = metrics.grounding
        row.coverage = metrics.coverage
        row.redundancy = metrics.redundancy
    }

    /// ISO 8601 with seconds, UTC (a Sendable format style: one for all rows).
    static let timestamp = Date.ISO8601FormatStyle()

    private func baseRow(cell: ExperimentCellSetup, function: SampledFunction, key: String) -> ExperimentRow {
        let parameters = cell.setup.pool.parameters
        return ExperimentRow(
            run: runID, cell: cell.cell.id, strategy: cell.cell.strategy.rawValue, provider: cell.setup.kind.rawValue,
            model: cell.setup.model, temperature: parameters.temperature, maxTokens: parameters.maxTokens,
            variation: Dictionary(cell.cell.variation.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }),
            template: cell.setup.pool.template.fingerprint, promptVersion: PROMPT_VERSION,
            path: function.indexed.path, qualifiedName: function.indexed.qualifiedName, language: function.indexed.language,
            startLine: function.indexed.startLine, endLine: function.indexed.endLine, bodyHash: function.bodyHash,
            key: key, cached: false, valid: false, error: nil, bullets: [], reasoning: nil, bulletCount: 0, wordCount: 0,
            grounding: nil, coverage: nil, redundancy: nil, latencyS: nil, inputTokens: 0, outputTokens: 0,
            costUSD: 0, judge: nil, createdAt: Self.timestamp.format(Date()))
    }
}
