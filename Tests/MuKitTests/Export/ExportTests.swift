import Foundation
@testable import MuKit
import MuLLM
import MuStore
import MuTestSupport
import Testing

@Suite("mu export: rows, round trip, formats")
struct ExportTests {
    static let rowKeys: Set<String> = ["schema", "repository", "commit", "path", "span", "language", "name",
                                       "qualified_name", "kind", "signature", "body_hash", "summary"]
    static let summaryKeys: Set<String> = ["key", "bullets", "provider", "model", "prompt_version", "strategy",
                                           "template_hash", "parameters", "params", "tokens", "cost_usd",
                                           "latency_ms", "truncated", "created_at"]

    static func objects(_ jsonl: String) throws -> [[String: Any]] {
        try jsonl.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func everyJSONLFieldIsPresentAndTyped() async throws {
        let fixture = try await ExportFixture.make()
        let (text, totals) = try await fixture.export(.jsonl)
        let rows = try Self.objects(text)
        #expect(rows.count == 5 && totals.functions == 5 && totals.files == 3 && totals.summarized == 4)
        for row in rows {
            #expect(Set(row.keys) == Self.rowKeys)
            #expect(row["schema"] as? String == "mu.export/1")
            let repository = try #require(row["repository"] as? [String: Any])
            #expect(repository["root"] as? String == fixture.repo.root.path)
            #expect(repository["remote_url"] as? String == "https://example.invalid/org/repo.git")
            #expect(row["commit"] as? String == fixture.head)
            for key in ["path", "language", "name", "qualified_name", "kind", "signature", "body_hash"] {
                #expect((row[key] as? String)?.isEmpty == false, "\(key)")
            }
            let span = try #require(row["span"] as? [String: Any])
            let start = try #require(span["start_line"] as? Int), end = try #require(span["end_line"] as? Int)
            #expect(start >= 1 && end >= start)
            if row["qualified_name"] as? String == "beta" {
                #expect(row["summary"] is NSNull)
                continue
            }
            let summary = try #require(row["summary"] as? [String: Any])
            #expect(Set(summary.keys) == Self.summaryKeys)
            #expect((summary["bullets"] as? [String])?.isEmpty == false)
            #expect(summary["provider"] as? String == "openai-compatible")
            #expect(summary["model"] as? String == "test-model")
            #expect(summary["prompt_version"] as? String == PROMPT_VERSION)
            #expect(summary["strategy"] as? String == "direct")
            #expect(summary["template_hash"] as? String == "builtin:direct")
            let parameters = try #require(summary["parameters"] as? [String: Any])
            #expect(parameters["max_tokens"] as? Int != nil)
            #expect(parameters.keys.contains("temperature"))
            #expect((summary["params"] as? String)?.contains("strategy=direct") == true)
            let tokens = try #require(summary["tokens"] as? [String: Any])
            #expect(tokens["input"] as? Int == 100 && tokens["output"] as? Int == 20)
            #expect(tokens["cache_read"] as? Int == 0 && tokens["cache_write"] as? Int == 0)
            #expect(summary["cost_usd"] as? Double != nil)
            #expect(summary["latency_ms"] as? Int != nil)
            #expect(summary["truncated"] as? Bool == false)
            let created = try #require(summary["created_at"] as? String)
            #expect(ExportSummary.date(created) != nil, "created_at \(created)")
        }
        // Path order, then line order.
        let order = rows.map { "\($0["path"] as! String):\(($0["span"] as! [String: Any])["start_line"] as! Int)" }
        #expect(order == ["lib/io.py:1", "src/app.py:1", "src/app.py:5", "src/app.py:10", "src/util/text.py:1"])
    }

    @Test func jsonlReadBackEqualsTheIndex() async throws {
        let fixture = try await ExportFixture.make()
        let (text, _) = try await fixture.export(.jsonl)
        let decoder = JSONDecoder()
        let rows = try text.split(separator: "\n").map { try decoder.decode(ExportFunctionRow.self, from: Data($0.utf8)) }
        let indexed = try await fixture.indexedFunctions()
        #expect(rows.count == indexed.count)
        let byPlace = Dictionary(uniqueKeysWithValues: rows.map { ("\($0.path):\($0.span.startLine):\($0.qualifiedName)", $0) })
        for function in indexed {
            let row = try #require(byPlace["\(function.path):\(function.startLine):\(function.qualifiedName)"])
            #expect(row.language == function.language && row.name == function.name && row.kind == function.kind)
            #expect(row.signature == function.signature && row.bodyHash == function.bodyHash)
            #expect(row.span.endLine == function.endLine && row.commit == function.indexedCommit)
            guard let stored = function.summary else {
                #expect(row.summary == nil)
                continue
            }
            let summary = try #require(row.summary)
            #expect(summary.key == stored.key && summary.bullets == stored.bullets)
            #expect(summary.provider == stored.provider && summary.model == stored.model)
            #expect(summary.promptVersion == stored.promptVersion && summary.params == stored.params)
            #expect(summary.tokens == ExportTokens(input: stored.inputTokens, output: stored.outputTokens,
                                                   cacheRead: stored.cacheReadTokens, cacheWrite: stored.cacheWriteTokens))
            #expect(summary.costUSD == stored.costUSD && summary.latencyMS == stored.latencyMS)
            #expect(summary.truncated == stored.truncated)
            let created = try #require(ExportSummary.date(summary.createdAt))
            // Exported at millisecond precision; 1.5 ms leaves room for the double arithmetic of the dates.
            #expect(abs(created.timeIntervalSince(stored.createdAt)) < 0.0015)
            // The key's components are recoverable from the row alone.
            let key = SummaryKey(bodyHash: row.bodyHash, promptVersion: summary.promptVersion, model: summary.model,
                                 params: summary.params)
            #expect(key == Summarizer.key(forBodyHash: function.bodyHash,
                                          identity: SummaryBackendIdentity(provider: .openAICompatible, model: summary.model,
                                                                           version: summary.promptVersion,
                                                                           params: summary.params)).components)
        }
    }

    @Test func pathsGlobNarrowsRowsAndRollups() async throws {
        let fixture = try await ExportFixture.make()
        let (text, totals) = try await fixture.export(.jsonl, paths: "src/**")
        let paths = try Self.objects(text).map { $0["path"] as? String ?? "" }
        #expect(Set(paths) == ["src/app.py", "src/util/text.py"])
        #expect(totals.functions == 4 && totals.files == 2)
        // The narrowed export reads only the matching files; its rows are the full export's, in the same order.
        let full = try await fixture.export(.jsonl).text.split(separator: "\n")
        #expect(text.split(separator: "\n") == full.filter { $0.contains("\"path\":\"src/") })
        let document = try await fixture.export(.json, paths: "*.py").text
        let all = try #require(try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])
        #expect((all["functions"] as? [Any])?.count == 5)
        let narrowed = try #require(try JSONSerialization.jsonObject(
            with: Data(try await fixture.export(.json, paths: "lib/").text.utf8)) as? [String: Any])
        let rollupPaths = Set(((narrowed["rollups"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String })
        #expect(rollupPaths == ["lib", "lib/io.py"])
        #expect(narrowed["paths"] as? String == "lib/")
        await #expect(throws: ExportError.emptyGlob) { try await fixture.export(.jsonl, paths: " ") }
    }

    @Test func jsonIsOneDocumentWithRollupsAndTotals() async throws {
        let fixture = try await ExportFixture.make()
        let (text, totals) = try await fixture.export(.json)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(document.keys) == ["schema", "generator", "exported_at", "paths", "repository", "rollups", "functions", "totals"])
        #expect(document["schema"] as? String == "mu.export/1" && document["paths"] is NSNull)
        let repository = try #require(document["repository"] as? [String: Any])
        #expect(repository["head_commit"] as? String == fixture.head)
        let functions = try #require(document["functions"] as? [[String: Any]])
        #expect(functions.count == 5 && functions.allSatisfy { Set($0.keys) == Self.rowKeys })
        let rollups = try #require(document["rollups"] as? [[String: Any]])
        let kinds = Dictionary(grouping: rollups, by: { $0["kind"] as? String ?? "" }).mapValues(\.count)
        #expect(kinds == ["repository": 1, "directory": 3, "file": 3])
        #expect(rollups.first?["path"] as? String == ".")
        for rollup in rollups {
            #expect(Set(rollup.keys) == ["path", "kind", "children_hash", "summary"])
            #expect((rollup["summary"] as? [String: Any])?["params"] as? String != nil)
        }
        let counted = try #require(document["totals"] as? [String: Any])
        #expect(counted["functions"] as? Int == 5 && counted["summarized"] as? Int == 4 && counted["files"] as? Int == 3)
        #expect(counted["rollups"] as? Int == totals.rollups && totals.rollups == 7)
    }

    @Test func markdownHasOneSectionPerFileAndAnEntryPerFunction() async throws {
        let fixture = try await ExportFixture.make()
        let text = try await fixture.export(.markdown).text
        let lines = text.components(separatedBy: "\n")
        #expect(lines.first?.hasPrefix("# ") == true && lines.first?.hasSuffix("— code summaries") == true)
        #expect(lines.filter { $0.hasPrefix("## `") } == ["## `lib/io.py`", "## `src/app.py`", "## `src/util/text.py`"])
        #expect(lines.filter { $0.hasPrefix("### ") } == ["### `read_all`", "### `alpha`", "### `beta`",
                                                          "### `Gamma.delta`", "### `shout`"])
        #expect(lines.contains("- Commit: `\(fixture.head)`"))
        #expect(lines.contains("## Directories"))
        // beta failed: it is listed, without a summary; the others carry bullets and a provenance caption.
        let beta = try #require(lines.firstIndex(of: "### `beta`"))
        #expect(lines[beta + 1 ..< beta + 8].contains("_No summary yet._"))
        let alpha = try #require(lines.firstIndex(of: "### `alpha`"))
        let alphaBlock = lines[alpha ..< beta].joined(separator: "\n")
        #expect(alphaBlock.contains("- Does the work of alpha for its callers."))
        #expect(alphaBlock.contains("<sub>openai-compatible · test-model · direct · prompt \(PROMPT_VERSION) · 100 in / 20 out tokens"))
        #expect(alphaBlock.contains("`def alpha(x)`"))
        #expect(lines.contains("5 functions in 3 files, 4 summarized."))
    }

    @Test func htmlIsOneSelfContainedPageWithTreeAndSearch() async throws {
        let fixture = try await ExportFixture.make()
        let text = try await fixture.export(.html).text
        #expect(text.hasPrefix("<!DOCTYPE html>") && text.hasSuffix("</html>\n"))
        // Nothing is fetched: no external src/href, no <link>, no script from elsewhere.
        let external = try Regex(#"(?i)(src|href)\s*=\s*["']?\s*(https?:|//)"#)
        #expect(text.firstMatch(of: external) == nil)
        #expect(!text.lowercased().contains("<link") && !text.lowercased().contains("<script src"))
        #expect(!text.contains("@import") && !text.contains("url("))
        // A search box wired to the inline script, and a file tree linking each file's section.
        #expect(text.contains("<input id=\"mu-search\" type=\"search\""))
        #expect(text.contains("getElementById('mu-search')") && text.contains("addEventListener('input'"))
        #expect(text.contains("<nav id=\"tree\""))
        for (number, path) in ["lib/io.py", "src/app.py", "src/util/text.py"].enumerated() {
            #expect(text.contains("<section class=\"file\" id=\"f\(number + 1)\" data-path=\"\(path)\">"))
            let name = (path as NSString).lastPathComponent
            #expect(text.contains("<a href=\"#f\(number + 1)\" title=\""), "tree link for \(path)")
            #expect(text.contains(">\(name)</a>"))
        }
        #expect(text.contains("<summary>src/</summary>") && text.contains("<summary>util/</summary>"))
        #expect(text.components(separatedBy: "<div class=\"fn\">").count - 1 == 5)
        #expect(text.contains("No summary yet."))
        #expect(text.contains("Does the work of shout for its callers."))
    }
}

@Suite("mu export: provenance and output pieces")
struct ExportPiecesTests {
    /// The parser agrees with ``ParamsFingerprint/make(parameters:template:maxInputTokens:)`` for every strategy.
    @Test(arguments: PromptStrategy.allCases)
    func provenanceIsRecoveredFromTheParamsFingerprint(_ strategy: PromptStrategy) {
        let parameters = CompletionParameters(maxTokens: 300, temperature: 0.2)
        let builtIn = ParamsFingerprint.make(parameters: parameters, template: .builtIn(strategy), maxInputTokens: 8000)
        let provenance = SummaryProvenance(params: builtIn)
        #expect(provenance.strategy == strategy.rawValue)
        #expect(provenance.templateHash == "builtin:\(strategy.rawValue)")
        #expect(provenance.parameters == ["temperature": .number(0.2), "max_tokens": .integer(300),
                                          "max_input_tokens": .integer(8000)])
        let custom = PromptTemplate.custom(user: "Explain {{code}}", strategy: strategy)
        let customProvenance = SummaryProvenance(params: ParamsFingerprint.make(parameters: parameters, template: custom))
        #expect(customProvenance.templateHash == custom.fingerprint)
        #expect(customProvenance.templateHash?.hasPrefix("custom:\(strategy.rawValue):") == true)
    }

    @Test func timestampsRoundToTheMillisecond() {
        #expect(ExportSummary.timestamp(Date(timeIntervalSince1970: 1_764_464_523.8449999)) == "2025-11-30T01:02:03.845Z")
        #expect(ExportSummary.timestamp(Date(timeIntervalSince1970: 1_764_464_523)) == "2025-11-30T01:02:03.000Z")
        #expect(ExportSummary.timestamp(Date(timeIntervalSince1970: 1_764_464_523.9996)) == "2025-11-30T01:02:04.000Z")
        let back = ExportSummary.date("2025-11-30T01:02:03.045Z")
        #expect(back.map { abs($0.timeIntervalSince1970 - 1_764_464_523.045) < 0.0005 } == true)
    }

    @Test func defaultTemperatureAndOpaqueParams() {
        let provenance = SummaryProvenance(params: "temperature=default;max_tokens=200;strategy=direct;template=builtin:direct")
        #expect(provenance.parameters == ["temperature": .none, "max_tokens": .integer(200)])
        for opaque in ["extractive", "rollup", ""] {
            let none = SummaryProvenance(params: opaque)
            #expect(none.strategy == nil && none.templateHash == nil && none.parameters.isEmpty)
        }
    }

    @Test func remoteURLsLoseTheirCredentials() {
        #expect(ExportRepository.withoutCredentials("https://user:tok@github.com/a/b.git") == "https://github.com/a/b.git")
        #expect(ExportRepository.withoutCredentials("https://github.com/a/b.git") == "https://github.com/a/b.git")
        #expect(ExportRepository.withoutCredentials("ssh://git@host:22/a/b") == "ssh://host:22/a/b")
        #expect(ExportRepository.withoutCredentials("git@github.com:a/b.git") == "git@github.com:a/b.git")
        #expect(ExportRepository.withoutCredentials("https://host/a@b") == "https://host/a@b")
    }

    @Test func htmlTextIsEscaped() {
        #expect(HTMLText.escape("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
        #expect(MarkdownRenderer.code("a`b") == "``a`b``")
        #expect(MarkdownRenderer.plain("x <y>\nz") == "x &lt;y&gt; z")
    }

    @Test func unwritableDestinationsAreOneLineErrorsAndLeaveNoFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mu-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: ExportError.self) { try ExportSink(path: dir.appendingPathComponent("missing/out.jsonl").path) }
        #expect(throws: ExportError.cannotWrite(path: dir.path, reason: "it is a directory")) { try ExportSink(path: dir.path) }
        let target = dir.appendingPathComponent("out.html").path
        do {
            let sink = try ExportSink(path: target)
            try sink.write("partial")
            try sink.flush()
            // Never committed (as when an export fails half way): nothing is left behind.
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        let sink = try ExportSink(path: target)
        try sink.write("whole")
        try sink.commit()
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "whole")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.html"])
    }
}
