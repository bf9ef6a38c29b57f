// The argument-parser floor under `mu --version` (bench/startup.sh): a root AsyncParsableCommand with
// `version:` and 18 subcommands (as many as mu's root, Sources/mu/Mu.swift), each with a few empty
// @Argument/@Option/@Flag/@OptionGroup properties of the kinds mu uses, entered through
// `parseAsRoot` as mu's `main` does, importing Foundation, linked like mu's release build.
// Nothing else: what swift-argument-parser and a static Swift runtime cost to answer `--version`.
import ArgumentParser
import Foundation

@main
struct Floor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "floor",
        abstract: "The argument-parser floor under mu --version.",
        discussion: "A root command with as many subcommands as mu's, doing nothing.",
        version: "0.1.0",
        subcommands: [SummarizeCommand.self, CostCommand.self, FunctionsCommand.self, QueryCommand.self, SearchCommand.self, ShowCommand.self, StatusCommand.self, CacheCommand.self, ModelsCommand.self, DoctorCommand.self, ConfigCommand.self, HookCommand.self, CallersCommand.self, CalleesCommand.self, ExportCommand.self, McpCommand.self, BatchCommand.self, ExperimentCommand.self])

    static func main() async {
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error) // --version and --help end here, as in mu
        }
        do {
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            FileHandle.standardError.write(Data("floor: \(error)\n".utf8)) // Foundation, as mu reports
            exit(withError: error)
        }
    }
}

enum FloorFormat: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("repo"), help: "A repository.") var repositoryPath = "."
    @Flag(help: "Verbose.") var verbose = false
}

struct SummarizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "summarize", abstract: "The summarize command, empty.")
    @Argument(help: "A path.") var path: String = "."
    @Option(name: .shortAndLong, help: "A limit.") var limit: Int = 20
    @Flag(help: "NDJSON.") var json = false
    func run() async throws {}
}

struct CostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cost", abstract: "The cost command, empty.")
    @Argument(help: "Names.") var names: [String] = []
    @Option(help: "A format.") var format: FloorFormat = .text
    @Flag(name: .shortAndLong, help: "Less output.") var quiet = false
    func run() async throws {}
}

struct FunctionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "functions", abstract: "The functions command, empty.")
    @OptionGroup var common: CommonOptions
    @Option(help: "A model.") var model: String?
    @Flag(help: "Dry run.") var dryRun = false
    func run() async throws {}
}

struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "query", abstract: "The query command, empty.")
    @Argument(help: "A path.") var path: String = "."
    @Option(name: .shortAndLong, help: "A limit.") var limit: Int = 20
    @Flag(help: "NDJSON.") var json = false
    func run() async throws {}
}

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "The search command, empty.")
    @Argument(help: "Names.") var names: [String] = []
    @Option(help: "A format.") var format: FloorFormat = .text
    @Flag(name: .shortAndLong, help: "Less output.") var quiet = false
    func run() async throws {}
}

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "The show command, empty.")
    @OptionGroup var common: CommonOptions
    @Option(help: "A model.") var model: String?
    @Flag(help: "Dry run.") var dryRun = false
    func run() async throws {}
}

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "The status command, empty.")
    @Argument(help: "A path.") var path: String = "."
    @Option(name: .shortAndLong, help: "A limit.") var limit: Int = 20
    @Flag(help: "NDJSON.") var json = false
    func run() async throws {}
}

struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cache", abstract: "The cache command, empty.")
    @Argument(help: "Names.") var names: [String] = []
    @Option(help: "A format.") var format: FloorFormat = .text
    @Flag(name: .shortAndLong, help: "Less output.") var quiet = false
    func run() async throws {}
}

struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "models", abstract: "The models command, empty.")
    @OptionGroup var common: CommonOptions
    @Option(help: "A model.") var model: String?
    @Flag(help: "Dry run.") var dryRun = false
    func run() async throws {}
}

struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "doctor", abstract: "The doctor command, empty.")
    @Argument(help: "A path.") var path: String = "."
    @Option(name: .shortAndLong, help: "A limit.") var limit: Int = 20
    @Flag(help: "NDJSON.") var json = false
    func run() async throws {}
}

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "The config command, empty.")
    @Argument(help: "Names.") var names: [String] = []
    @Option(help: "A format.") var format: FloorFormat = .text
    @Flag(name: .shortAndLong, help: "Less output.") var quiet = false
    func run() async throws {}
}

struct HookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hook", abstract: "The hook command, empty.")
    @OptionGroup var common: CommonOptions
    @Option(help: "A model.") var model: String?
    @Flag(help: "Dry run.") var dryRun = false
    func run() async throws {}
}

struct CallersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "callers", abstract: "The callers command, empty.")
    @Argument(help: "A path.") var path: String = "."
    @Option(name: .shortAndLong, help: "A limit.") var limit: Int = 20
    @Flag(help: "NDJSON.") var json = false
    func run() async throws {}
}

struct CalleesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "callees", abstract: "The callees command, empty.")
    @Argument(help: "Names.") var names: [String] = []
    @Option(help: "A format.") var format: FloorFormat = .text
    @Flag(name: .shortAndLong, help: "Less output.") var quiet = false
    func run() async throws {}
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "The export command, empty.")
    @OptionGroup var common: CommonOptions
    @Option(help: "A model.") var model: String?
    @Flag(help: "Dry run.") var dryRun = false
    func run() async throws {}
}

struct McpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mcp", abstract: "The mcp command, empty.")
    @Argument(help: "A path.") var path: String = "."
    @Option(name: .shortAndLong, help: "A limit.") var limit: Int = 20
    @Flag(help: "NDJSON.") var json = false
    func run() async throws {}
}

struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "batch", abstract: "The batch command, empty.")
    @Argument(help: "Names.") var names: [String] = []
    @Option(help: "A format.") var format: FloorFormat = .text
    @Flag(name: .shortAndLong, help: "Less output.") var quiet = false
    func run() async throws {}
}

struct ExperimentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "experiment", abstract: "The experiment command, empty.")
    @OptionGroup var common: CommonOptions
    @Option(help: "A model.") var model: String?
    @Flag(help: "Dry run.") var dryRun = false
    func run() async throws {}
}
