import ArgumentParser
import Foundation
import MuCLIFormat
import MuKit
import MuLLM

struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "The model catalog: provider, API model id, context window, USD per 1M input/output tokens.",
        discussion: "Entries under [models.NAME] in the configuration add models or override prices. Prices are list prices as published in early 2026: check your provider's page."
    )

    @Argument(help: "A path inside a repository (for its .murc.toml).", completion: .directory)
    var path: String = "."

    @Flag(help: "Print NDJSON, one model per line.")
    var json = false

    func run() async throws {
        let resolved = try ConfigLoader().load(repositoryRoot: try? FunctionLister.locate(path).repository.root)
        let setup = LLMSetup(resolved)
        var out = StdoutBuffer()
        let entries = setup.catalog.entries.sorted { ($0.provider.rawValue, $0.id) < ($1.provider.rawValue, $1.id) }
        if !json {
            out.line("provider           model                          context     in $/1M   out $/1M")
        }
        for m in entries {
            let isDefault = setup.catalog.defaultModel(for: m.provider) == m.id
            if json {
                var line = JSONLine().field("provider", m.provider.rawValue).field("model", m.id)
                    .field("context_window", m.contextWindow)
                line = m.inputUSDPerMTok.map { line.field("input_usd_per_mtok", $0) } ?? line.field("input_usd_per_mtok", raw: "null")
                line = m.outputUSDPerMTok.map { line.field("output_usd_per_mtok", $0) } ?? line.field("output_usd_per_mtok", raw: "null")
                out.line(line.field("default", isDefault).text)
            } else {
                let price = { (v: Double?) in v.map { String(format: "%9.2f", $0) } ?? "        ?" }
                out.line("\(m.provider.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) \((m.id + (isDefault ? " *" : "")).padding(toLength: 30, withPad: " ", startingAt: 0)) \(String(m.contextWindow).leftPad(9))  \(price(m.inputUSDPerMTok))  \(price(m.outputUSDPerMTok))")
            }
        }
        if !json { out.line("* the provider's default model") }
        out.flush()
    }
}

extension String {
    func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
