import Foundation
import MuCLIFormat
import MuCore
@testable import MuKit
import MuLLM
import MuSource
import MuStore
import Testing

/// The CLI's JSON shapes (field order is part of the contract) and text lines.
@Suite struct OutputFormatTests {
    /// The keys of a one-line JSON object, in order.
    func keys(_ json: String) throws -> [String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        // JSONSerialization loses order: read the keys off the text at depth 1.
        var keys: [String] = []
        var depth = 0, inString = false, escaped = false, start: String.Index? = nil, expectKey = true
        for index in json.indices {
            let c = json[index]
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" {
                    inString = false
                    if depth == 1, expectKey, let s = start { keys.append(String(json[json.index(after: s)..<index])) }
                }
                continue
            }
            switch c {
            case "\"": inString = true; start = index
            case "{", "[": depth += 1; expectKey = true
            case "}", "]": depth -= 1
            case ":": if depth == 1 { expectKey = false }
            case ",": if depth == 1 { expectKey = true }
            default: break
            }
        }
        #expect(Set(keys) == Set(object.keys))
        return keys
    }

    @Test func jsonLinesKeepOrderAndEscape() throws {
        let line = JSONLine().field("b", "say \"hi\"\n\ttab\u{1}é").field("a", 3).field("c", 0.125)
            .field("d", nil as String?).field("e", true).field("f", strings: ["x", "y\\z"]).field("g", raw: "{\"k\":1}")
        #expect(line.text == #"{"b":"say \"hi\"\n\ttab\u0001é","a":3,"c":0.125,"d":null,"e":true,"f":["x","y\\z"],"g":{"k":1}}"#)
        #expect(try keys(line.text) == ["b", "a", "c", "d", "e", "f", "g"])
        #expect(JSONLine.number(2.0) == "2" && JSONLine.number(.infinity) != "2")
        #expect(JSONLine().field("x", Double.nan).text == #"{"x":null}"#)
    }

    @Test func summarizeJSONHasTheContractFieldsInOrder() throws {
        var report = SummarizeReport()
        report.provider = "extractive"
        report.model = "extractive-v1"
        report.duration = 1.23456
        let json = SummarizeReportFormat.json(report)
        #expect(try keys(json) == ["provider", "model", "files_scanned", "files_changed", "functions", "cache_hits_memory",
                                   "cache_hits_disk", "cache_hits_remote", "llm_requests", "summarized", "failed", "input_tokens",
                                   "output_tokens", "cached_input_tokens", "cost_usd", "duration_s", "redactions", "truncated",
                                   "files_unreadable", "batches_submitted", "batch_requests", "batches_collected",
                                   "waiting_for_batch", "rollups_summarized", "rollups_reused", "rollups_failed", "stopped"])
        #expect(json.contains(#""duration_s":1.235"#))
        #expect(json.contains(#""stopped":null"#))
        report.stop = .budgetReached(limitUSD: 1, spentUSD: 0.99)
        #expect(SummarizeReportFormat.text(report).contains("stopped at the budget: $0.9900 of $1.00 spent"))
    }

    @Test func rollUpsAreCounted() throws {
        var report = SummarizeReport()
        #expect(!SummarizeReportFormat.text(report).contains("roll-up"))
        report.rollupsSummarized = 7
        report.rollupsReused = 30
        #expect(SummarizeReportFormat.text(report).contains("7 roll-ups made"))
        #expect(SummarizeReportFormat.json(report).contains(#""rollups_summarized":7,"rollups_reused":30,"rollups_failed":0"#))
        report.rollupsFailed = 2
        #expect(SummarizeReportFormat.text(report).contains("7 roll-ups made, 2 failed"))
    }

    @Test func redactionsAndTheStopReasonAreShown() throws {
        var report = SummarizeReport()
        report.redactions = 3
        #expect(SummarizeReportFormat.text(report).contains("3 secrets redacted"))
        #expect(SummarizeReportFormat.json(report).contains(#""redactions":3"#))
        report.stop = .credentialsRefused("the provider refused the credentials (HTTP 401): bad key — check the API key in the environment")
        let text = SummarizeReportFormat.text(report)
        #expect(text.components(separatedBy: "refused the credentials").count == 2, "said once: \(text)")
        report.stop = .providerFailed("the provider does not know the model \"gpt-9\": nope")
        #expect(SummarizeReportFormat.json(report).contains(#""stopped":"stopped: the provider does not know the model \"gpt-9\""#))
    }

    @Test func plansNameTheirCostOrItsAbsence() throws {
        var plan = SummaryPlan()
        plan.model = "extractive-v1"
        plan.misses = 3
        #expect(PlanFormat.text(plan).contains("offline extractive summaries: no tokens, no cost"))
        plan.provider = .anthropic
        plan.model = "claude-haiku-4-5"
        plan.estimate = CostEstimate(requests: 3, inputTokens: 900, outputTokens: 300, costUSD: 0.0024, isPriced: true)
        #expect(PlanFormat.text(plan).hasSuffix("estimated ~900 input + ~300 output tokens, ~$0.0024"))
        plan.estimate.isPriced = false
        #expect(PlanFormat.text(plan).contains("no price known for claude-haiku-4-5"))
        let json = PlanFormat.json(plan)
        #expect(try keys(json) == ["provider", "model", "files_scanned", "files_to_read", "files_unreadable", "functions", "cache_hits", "misses",
                                   "input_tokens", "output_tokens", "cost_usd", "priced"])
        #expect(json.hasPrefix(#"{"provider":"anthropic""#))
    }

    @Test func statusShowsStaleFilesAndTheLastRun() throws {
        var run = RunRecord(status: .partial, provider: "ollama", model: "llama3.2")
        run.summarized = 4
        run.failed = 1
        let status = IndexStatus(
            root: "/r", indexPath: "/r/.mu/mu.db", indexBytes: 2048,
            counts: IndexCounts(functions: 10, withSummary: 8, filesWithFunctions: 3, files: 4),
            cache: CacheStats(entries: 8, textBytes: 100, fileBytes: 4096, memoryEntries: 0, byModel: [], hits: CacheHitCounts()),
            separateSummariesPath: nil, staleFiles: 2, lastIndexedCommit: "0123456789abcdef", head: "fedcba9876543210",
            lastRun: run)
        let text = StatusFormat.text(status)
        #expect(text.contains("index      /r/.mu/mu.db (2.0 KB)"))
        #expect(text.contains("functions  10 in 3 files; 8 with a summary, 2 without"))
        #expect(text.contains("files      4 indexed; 2 changed since the last run"))
        #expect(text.contains("commit     last indexed 0123456789ab, HEAD is fedcba987654"))
        #expect(text.contains("last run   partial"))
        let json = StatusFormat.json(status)
        #expect(try keys(json) == ["root", "functions", "with_summary", "without_summary", "files", "stale_files", "files_unreadable",
                                   "cache_entries", "cache_bytes", "index_bytes", "last_indexed_commit", "head", "last_run"])
        #expect(json.contains(#""stale_files":2"#))
        var unreadable = status
        unreadable.unreadable = ["b.py"]
        #expect(StatusFormat.text(unreadable).contains("files      4 indexed; 2 changed since the last run (mu summarize updates them); 1 unreadable (permission denied), kept as indexed"))
        #expect(StatusFormat.json(unreadable).contains(#""files_unreadable":1"#))
    }

    /// Issue 9 #11: a hook run whose provider could not serve it names that, not "partial · N failed".
    @Test func aProviderUnavailableHookRunSaysSoWithoutAFailureCount() throws {
        var record = HookRunRecord(head: "0123456789abcdef", mode: "incremental", paths: 1, coalesced: 0,
                                   outcome: .providerUnavailable)
        record.finishedAt = record.startedAt.addingTimeInterval(1.5)
        record.functions = 712
        record.failed = 1
        record.error = "could not reach the provider: Connection refused — check the base URL and the network; 711 functions without a summary, the next run sends them"
        let line = HookStatusFormat.runLine(record)
        #expect(line.hasPrefix("provider unavailable in 1.50 s: HEAD 0123456789ab, 1 changed path"), "\(line)")
        #expect(line.contains("711 functions without a summary") && !line.contains("failed") && !line.contains("partial"), "\(line)")
        record.outcome = .partial
        #expect(HookStatusFormat.runLine(record).contains("· 1 failed"))
    }

    @Test func functionLinesFollowTheContract() throws {
        let unit = FunctionUnit(path: "a.py", language: .python, name: "f", qualifiedName: "C.f", kind: .method,
                                signature: "def f(self):", startLine: 3, endLine: 4, body: "def f(self):\n    pass", hash: "h")
        let line = FunctionJSON.line(unit)
        #expect(line == #"{"path":"a.py","language":"python","name":"f","qualified_name":"C.f","kind":"method","start_line":3,"end_line":4,"hash":"h"}"#)
        #expect(HumanFormat.bytes(512) == "512 B" && HumanFormat.bytes(1536) == "1.5 KB")
        #expect(HumanFormat.ago(Date().addingTimeInterval(-7200)) == "2 h ago")
    }
}
