import ArgumentParser
import Foundation
import MuKit

/// The `mu` command line: a thin layer over MuKit, one file per command.
///
/// Every command's configuration names it (`commandName`). Without one, ArgumentParser derives the
/// name with `String(describing:)` while it builds the command tree at every start, and each of the
/// protocol casts that makes is a scan of all ~16,000 conformance records in the binary: 3 ms of a
/// 16 ms `mu query` (perf, release) for four unnamed `cache` subcommands.
@main
struct Mu: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mu",
        abstract: "Index a git repository's functions and their summaries.",
        discussion: """
        mu extracts every named function and method of a repository with its exact line span, \
        summarizes each one once (cached by body hash), and answers queries from a local SQLite index.

        Quick start:
          mu functions .          list the functions mu sees
          mu config init          write a .murc.toml to edit
        """,
        version: MuVersion.string,
        subcommands: [SummarizeCommand.self, CostCommand.self, FunctionsCommand.self, QueryCommand.self, SearchCommand.self, ShowCommand.self,
                      StatusCommand.self, CacheCommand.self, ModelsCommand.self, DoctorCommand.self, ConfigCommand.self,
                      HookCommand.self, CallersCommand.self, CalleesCommand.self, ExportCommand.self, McpCommand.self,
                      BatchCommand.self, ExperimentCommand.self]
    )

    /// Runs the command and maps every error to one line on stderr and an exit code (see `ExitStatus`).
    static func main() async {
        MuLogging.bootstrap()
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error) // ArgumentParser's own: help, version, usage errors
        }
        do {
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            await NetworkLifecycle.shutdown()
        } catch {
            await NetworkLifecycle.shutdown()
            // ArgumentParser's built-in commands (help) report through their own errors.
            if Mu.isOwn(type(of: command)), let status = ExitStatus.forUserError(error) {
                FileHandle.standardError.write(Data("mu: \(status.message)\n".utf8))
                Foundation.exit(status.code)
            }
            exit(withError: error) // CleanExit, ExitCode, ValidationError, help
        }
    }

    /// True for `mu` and its subcommands at any depth (not ArgumentParser's help command).
    static func isOwn(_ command: ParsableCommand.Type, under root: ParsableCommand.Type = Mu.self) -> Bool {
        command == root || root.configuration.subcommands.contains { isOwn(command, under: $0) }
    }
}

enum MuVersion {
    static let string = "0.1.0"
}
