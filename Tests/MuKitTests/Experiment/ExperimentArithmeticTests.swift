import MuCore
import Foundation
@testable import MuKit
import MuLLM
import MuStore
import Testing

/// The experiment's pure parts checked against hand computations: the random numbers, the sample,
/// the grid, the metrics, the report's aggregates and the paired bootstrap.
@Suite struct ExperimentArithmeticTests {
    @Test func splitMix64MatchesTheReferenceOutputs() {
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(random.next() == 0x06C4_5D18_8009_454F)
        // Fisher–Yates from the last position: swaps 3↔(o1 % 4 = 3), 2↔(o2 % 3 = 0), 1↔(o3 % 2 = 1).
        var shuffler = SplitMix64(seed: 0)
        var items = ["a", "b", "c", "d"]
        shuffler.shuffle(&items)
        #expect(items == ["c", "b", "a", "d"])
    }

    @Test func theGridIsTheCartesianProductInDocumentedOrder() throws {
        let grid = try ExperimentGrid(
            strategies: ExperimentGrid.strategies("direct,cot"), models: ["m1", "m2"],
            parameters: [ExperimentAxis.parse("temperature=0.2,0.7", flag: "--param")],
            variations: [ExperimentAxis.parse("audience=a maintainer, a new contributor", flag: "--vary")])
        let cells = grid.cells
        #expect(cells.count == 16 && grid.count == 16)
        #expect(cells.first?.id == "direct/m1/temperature=0.2/audience=a maintainer")
        #expect(cells[1].id == "direct/m1/temperature=0.2/audience=a new contributor")
        #expect(cells[2].id == "direct/m1/temperature=0.7/audience=a maintainer")
        #expect(cells[4].model == "m2")
        #expect(cells.last?.id == "chain-of-thought/m2/temperature=0.7/audience=a new contributor")
        #expect(Set(cells.map(\.id)).count == 16)
    }

    @Test func badGridFlagsAreOneLineUsageErrors() {
        #expect(throws: ExperimentError.usage("--param \"temperature\": expected NAME=VALUE1,VALUE2")) {
            try ExperimentAxis.parse("temperature", flag: "--param")
        }
        #expect(throws: ExperimentError.self) { try ExperimentAxis.parse("temperature=0.2,", flag: "--param") }
        #expect(throws: ExperimentError.usage("--param top_k: unknown parameter (known: temperature, max_tokens)")) {
            try ExperimentGrid(strategies: [.direct], models: ["m"], parameters: [ExperimentAxis(name: "top_k", values: ["1"])])
        }
        #expect(throws: ExperimentError.usage("--param temperature=3: must be a number from 0 to 2")) {
            try ExperimentGrid(strategies: [.direct], models: ["m"], parameters: [ExperimentAxis(name: "temperature", values: ["3"])])
        }
        #expect(throws: ExperimentError.self) { try ExperimentGrid.strategies("direct,telepathy") }
    }

    static func function(_ id: Int64, _ path: String, language: String = "python", lines: Int) -> IndexedFunction {
        IndexedFunction(id: id, path: path, language: language, name: "f\(id)", qualifiedName: "f\(id)", kind: "function",
                        signature: "def f\(id)()", startLine: Int(id) * 200, endLine: Int(id) * 200 + lines - 1,
                        bodyHash: "h\(id)", summaryKey: nil, indexedCommit: nil, summary: nil)
    }

    @Test func theSampleIsStratifiedAndReproducible() {
        // 60 short python, 30 long python, 10 go functions: a sample of 10 takes 6, 3 and 1.
        var all: [IndexedFunction] = []
        for i in 0..<60 { all.append(Self.function(Int64(i), "a.py", lines: 3)) }
        for i in 60..<90 { all.append(Self.function(Int64(i), "b.py", lines: 40)) }
        for i in 90..<100 { all.append(Self.function(Int64(i), "c.go", language: "go", lines: 12)) }
        let first = ExperimentSample.stratified(all, size: 10, seed: 7)
        let again = ExperimentSample.stratified(all.reversed(), size: 10, seed: 7)
        let other = ExperimentSample.stratified(all, size: 10, seed: 8)
        #expect(first.map(\.id) == again.map(\.id))
        #expect(first.map(\.id) != other.map(\.id))
        #expect(first.filter { $0.path == "a.py" }.count == 6)
        #expect(first.filter { $0.path == "b.py" }.count == 3)
        #expect(first.filter { $0.path == "c.go" }.count == 1)
        #expect(ExperimentSample.stratified(all, size: 500, seed: 1).count == 100)
        // Largest remainders: 7 places among 5, 3, 2 → 3.5, 2.1, 1.4 → 3, 2, 1 and the last place to the .5.
        #expect(ExperimentSample.allocate(7, among: [5, 3, 2]) == [4, 2, 1])
    }

    @Test func metricsOfAHandComputedExample() {
        let facts = FunctionFacts(parameters: ["path", "max_retries"], returnsValue: true, raises: ["ValueError"],
                                  nameWords: ["load", "config"])
        let body = "def load_config(path, max_retries=3):\n    data = read_file(path)\n    return data\n"
        let bullets = ["Loads the config from path with read_file.", "Returns the parsed data, or calls parse_json()."]
        let metrics = SummaryMetrics(bullets: bullets, body: body, facts: facts)
        #expect(metrics.bullets == 2)
        #expect(metrics.words == 7 + 7)
        // Identifiers named: read_file (in the body), parse_json (not) → 1 of 2.
        #expect(metrics.grounding == 0.5)
        // Items: path (named), max_retries (not), the return (named: "Returns"), errors (not) → 2 of 4.
        #expect(metrics.coverage == 0.5)
        // Content words: loads, config, path, read_file, returns, parsed, data, calls, parse_json → "config" is a name word: 1/9.
        #expect(abs(metrics.redundancy - 1.0 / 9.0) < 1e-12)
        #expect(FunctionFacts.parameters(of: "def load(self, path: str, *args, count=0)", language: .python) == ["path", "args", "count"])
        #expect(FunctionFacts.parameters(of: "func open(_ url: URL, mode m: Int) throws -> File", language: .swift) == ["url", "m"])
        #expect(FunctionFacts.parameters(of: "func Copy(dst Writer, src Reader) (int64, error)", language: .go) == ["dst", "src"])
        #expect(FunctionFacts.parameters(of: "public int add(int a, List<String> b)", language: .java) == ["a", "b"])
        #expect(FunctionFacts.raisedNames("raise ValueError('x')\nthrow new IOException(e)") == ["ValueError", "IOException"])
        #expect(FunctionFacts.words(ofName: "parseHTTPHeader_v2") == ["parse", "httpheader", "v2"])
    }

    @Test func thePairedBootstrapOnATinyCaseMatchesTheHandComputation() throws {
        // d = [0, 3, 6], B = 4, seed 0. Draws (SplitMix64 outputs mod 3): 1 0 1 | 1 1 0 | 2 2 2 | 2 1 1,
        // so the resample means are 2, 2, 6 and 4; sorted 2 2 4 6; positions ⌊0.1⌋ = 0 and ⌈3.9⌉ − 1 = 3.
        let interval = try #require(PairedBootstrap.interval([0, 3, 6], resamples: 4, seed: 0))
        #expect(interval.mean == 3)
        #expect(interval.low == 2)
        #expect(interval.high == 6)
        #expect(interval.pairs == 3)
        #expect(PairedBootstrap.interval([], resamples: 4) == nil)
        // Same seed, same interval; the default B = 2000 uses positions 50 and 1949.
        let differences = (0..<30).map { Double($0 % 7) - 2 }
        #expect(PairedBootstrap.interval(differences) == PairedBootstrap.interval(differences))
    }

    static func row(cell: String, function: Int, valid: Bool = true, words: Int = 10, grounding: Double? = 1,
                    latency: Double? = 0.1, cost: Double = 0.001) -> ExperimentRow {
        ExperimentRow(run: "r", cell: cell, strategy: "direct", provider: "openai-compatible", model: "m", temperature: 0.2,
                      maxTokens: 300, variation: [:], template: "builtin:direct", promptVersion: PROMPT_VERSION,
                      path: "a.py", qualifiedName: "f\(function)", language: "python", startLine: function, endLine: function + 2,
                      bodyHash: "h\(function)", key: "k", cached: false, valid: valid, error: valid ? nil : "bad",
                      bullets: valid ? ["Does it."] : [], reasoning: nil, bulletCount: valid ? 2 : 0, wordCount: valid ? words : 0,
                      grounding: valid ? grounding : nil, coverage: nil, redundancy: valid ? 0 : nil, latencyS: latency,
                      inputTokens: 100, outputTokens: 20, costUSD: cost, judge: nil, createdAt: "2026-11-30T00:00:00Z")
    }

    @Test func cellAggregatesAndTheWinnerRule() throws {
        var rows: [ExperimentRow] = []
        for i in 0..<20 {
            rows.append(Self.row(cell: "base", function: i, valid: i % 4 != 0, words: 10, latency: Double(i + 1) / 10))
            rows.append(Self.row(cell: "new", function: i, words: 8, latency: 0.05, cost: 0.002))
        }
        let report = try ExperimentReport(rows: rows, baseline: "1")
        let base = try #require(report.cells.first)
        #expect(base.cell == "base" && base.functions == 20 && base.valid == 15)
        #expect(base.validityRate == 0.75)
        #expect(base.meanWords == 10)
        #expect(abs((base.meanLatencyS ?? 0) - 1.05) < 1e-9)
        #expect(base.p95LatencyS == 1.9) // nearest rank 19 of 20
        #expect(abs(base.costPer1000USD - 1.0) < 1e-9)
        let comparison = try #require(report.comparisons.first)
        #expect(comparison.cell == "new" && comparison.baseline == "base")
        let byMeasure = Dictionary(uniqueKeysWithValues: comparison.entries.map { ($0.measure, $0) })
        #expect(byMeasure[.validity]?.interval?.mean == 0.25)
        #expect(byMeasure[.validity]?.winner == "cell")
        #expect(byMeasure[.latency]?.winner == "cell")
        #expect(byMeasure[.cost]?.winner == "baseline")
        #expect(byMeasure[.grounding]?.winner == "tie")
        #expect(byMeasure[.words]?.winner == nil)
        #expect(byMeasure[.words]?.interval?.mean == -2)
        #expect(byMeasure[.accuracy] == nil)
        #expect(throws: ExperimentError.self) { try ExperimentReport(rows: rows, baseline: "nope") }
        let table = ExperimentReportFormat.table.render(report)
        #expect(table.contains("new vs baseline base"))
        #expect(ExperimentReportFormat.markdown.render(report).hasPrefix("| # | cell |"))
    }
}
