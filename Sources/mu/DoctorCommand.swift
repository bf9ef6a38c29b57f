import ArgumentParser
import Foundation
import MuKit
import MuLLM

struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the set-up: tree-sitter grammars, libgit2, repository, config, provider key and reachability.",
        discussion: "Reachability sends one tiny request (a few tokens) to the configured provider; --offline skips it."
    )

    @Argument(help: "A path inside the repository.", completion: .directory)
    var path: String = "."

    @Flag(help: "Do not contact the provider.")
    var offline = false

    @OptionGroup var llm: LLMOptions

    func run() async throws {
        let checks = await Doctor().run(path: path, flags: llm.flags, reach: !offline)
        for check in checks {
            let mark = check.ok ? "ok  " : "FAIL"
            print("\(mark)  \(check.name.padding(toLength: 11, withPad: " ", startingAt: 0)) \(check.detail)")
            if let fix = check.fix, !check.ok { print("      \(String(repeating: " ", count: 11)) fix: \(fix)") }
        }
        if checks.contains(where: { !$0.ok }) { throw ExitCode(1) }
    }
}
