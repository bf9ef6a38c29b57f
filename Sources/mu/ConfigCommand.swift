import ArgumentParser
import Foundation
import MuKit

/// `mu config init|show`: write the documented example configuration, or show the resolved one.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Create a .murc.toml, or show the configuration mu uses and where each value comes from.",
        discussion: """
            Precedence, highest first: flag > environment > <repo>/.murc.toml > ~/.config/mu/config.toml \
            (or the file named by MU_CONFIG) > defaults. API keys come only from ANTHROPIC_API_KEY, \
            OPENAI_API_KEY and OPENROUTER_API_KEY. Every key is described in docs/configuration.md.
            """,
        subcommands: [Init.self, Show.self])
}

extension ConfigCommand {
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Write .murc.toml into the repository: every key, documented, at its default.",
            discussion: "An existing .murc.toml is never overwritten.")

        @Argument(help: "A directory in the repository (default: the current directory).",
                  completion: .directory)
        var path: String = "."

        func run() async throws {
            let root = try ConfigLoader.repositoryRoot(containing: URL(fileURLWithPath: path))
            let written = try ConfigInit.write(intoRepository: root)
            print("wrote \(written.path)")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print the resolved configuration and the source of each value (API keys masked).")

        @Flag(help: "Print one JSON document instead of text.")
        var json = false

        @Argument(help: "A directory in the repository (default: the current directory).",
                  completion: .directory)
        var path: String = "."

        func run() async throws {
            let root = try ConfigLoader.repositoryRoot(containing: URL(fileURLWithPath: path))
            let resolved = try ConfigLoader().load(repositoryRoot: root)
            print(json ? ConfigShow.json(resolved) : ConfigShow.text(resolved), terminator: "")
        }
    }
}
