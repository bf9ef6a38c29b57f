import ArgumentParser
import Foundation
import MuCore
import MuKit

struct CostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cost",
        abstract: "What `mu summarize` would send and cost (cache misses only), without calling any provider.",
        discussion: "Same as `mu summarize --dry-run`. Input tokens are estimated at 4 characters per token until a model's real usage has been seen, output tokens at the mean observed (120 before that)."
    )

    @Argument(help: "A path inside the repository.", completion: .directory)
    var path: String = "."

    @OptionGroup var llm: LLMOptions

    @Flag(help: "Print one JSON document.")
    var json = false

    func run() async throws {
        let plan = try await SummaryPlanner(workspace: Workspace(path: path, flags: llm.flags)).plan()
        print(json ? PlanFormat.json(plan) : PlanFormat.text(plan))
    }
}

enum PlanFormat {
    static func text(_ p: SummaryPlan) -> String {
        var lines = ["\(p.functions) functions in \(p.filesScanned) files (\(p.filesToRead) to read); \(p.cacheHits) cached, \(p.misses) to summarize with \(p.provider)/\(p.model)"]
        if p.misses > 0 {
            if p.provider == .extractive {
                lines.append("offline extractive summaries: no tokens, no cost")
            } else if p.estimate.isPriced {
                lines.append(String(format: "estimated ~%d input + ~%d output tokens, ~$%.4f", p.estimate.inputTokens, p.estimate.outputTokens, p.estimate.costUSD))
            } else {
                lines.append("estimated ~\(p.estimate.inputTokens) input + ~\(p.estimate.outputTokens) output tokens; no price known for \(p.model) (add [models.\(p.model)] prices to .murc.toml)")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ p: SummaryPlan) -> String {
        JSONLine().field("provider", p.provider.rawValue).field("model", p.model)
            .field("files_scanned", p.filesScanned).field("files_to_read", p.filesToRead)
            .field("functions", p.functions).field("cache_hits", p.cacheHits).field("misses", p.misses)
            .field("input_tokens", p.estimate.inputTokens).field("output_tokens", p.estimate.outputTokens)
            .field("cost_usd", p.estimate.costUSD).field("priced", p.estimate.isPriced).text
    }
}

/// Before a paid run: show the estimate, and on a terminal ask when it is above the threshold.
enum Confirmation {
    /// Estimated dollars above which mu asks before sending (on a terminal, without --yes).
    static let thresholdUSD = 1.0

    /// Returns false when the user declined.
    static func confirm(_ plan: SummaryPlan, yes: Bool, quiet: Bool) -> Bool {
        guard plan.misses > 0 else { return true }
        if !quiet { Terminal.note("mu: " + PlanFormat.text(plan).replacingOccurrences(of: "\n", with: "; ")) }
        let interactive = isatty(STDIN_FILENO) == 1 && Terminal.stderrIsTTY
        let expensive = plan.estimate.costUSD > thresholdUSD || !plan.estimate.isPriced
        guard expensive, interactive, !yes else { return true }
        FileHandle.standardError.write(Data("Send \(plan.misses) functions to \(plan.provider)/\(plan.model)? [y/N] ".utf8))
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return answer == "y" || answer == "yes"
    }
}
