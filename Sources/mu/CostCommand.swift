import ArgumentParser
import Foundation
import MuCore
import MuCLIFormat
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
        if let warning = UnreadableFiles.warning(plan.unreadable) { Terminal.note("mu: \(warning)") }
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
