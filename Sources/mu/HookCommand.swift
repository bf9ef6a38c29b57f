import ArgumentParser
import Foundation
import MuCLIFormat
import MuKit

/// `mu hook install|uninstall|status`: a post-commit hook that indexes each commit in the
/// background; `mu hook run` is what the hook calls.
struct HookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Keep the index current on every commit with a git post-commit hook that never blocks a commit.",
        discussion: """
            After `mu hook install`, every `git commit` returns at once and mu indexes the commit in the \
            background: new and changed functions summarized (cache misses only), deleted ones dropped, \
            renamed files' functions moved without a new provider call. The hook respects core.hooksPath, \
            works in linked worktrees, runs an existing post-commit hook first (kept as post-commit.pre-mu) \
            and always exits with that hook's status. Runs are logged to .mu/hook.log. See docs/hooks.md.
            """,
        subcommands: [Install.self, Uninstall.self, Status.self, Run.self])
}

extension HookCommand {
    struct Install: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "install",
            abstract: "Install the post-commit hook (or refresh it); an existing hook is kept and run first.")

        @Argument(help: "A path inside the repository.", completion: .directory)
        var path: String = "."

        func run() async throws {
            let repository = try FunctionLister.locate(path).repository
            let executable = try MuExecutable.current()
            let installer = HookInstaller(repository: repository)
            let (outcome, notes) = try installer.install(executable: executable)
            let location = try installer.location()
            switch outcome {
            case .installed(let chained):
                print("installed the post-commit hook: \(location.hookFile.path)")
                if chained {
                    print("kept the existing hook as \(location.previousHookFile.lastPathComponent); it runs first and its exit status is kept")
                }
            case .updated: print("updated the post-commit hook: \(location.hookFile.path)")
            case .unchanged: print("the post-commit hook is already installed: \(location.hookFile.path)")
            }
            print("it runs \(executable) in the background after each commit; log: \(repository.root.path)/.mu/\(HookLog.fileName)")
            for note in notes { Terminal.note("mu: note: \(note)") }
            if !FileManager.default.fileExists(atPath: repository.root.appendingPathComponent(".mu/mu.db").path) {
                Terminal.note("mu: no index yet: the first commit indexes the whole repository (`mu cost` shows what that costs; `mu summarize` does it now)")
            }
        }
    }

    struct Uninstall: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "uninstall",
            abstract: "Remove mu's hook and put back the post-commit hook that was there before.")

        @Argument(help: "A path inside the repository.", completion: .directory)
        var path: String = "."

        @Flag(name: .customLong("remove-shared-hook"),
              help: "With a core.hooksPath from the global or system git config, also remove mu's block from that shared hook (other repositories lose it too).")
        var removeSharedHook = false

        func run() async throws {
            let repository = try FunctionLister.locate(path).repository
            let installer = HookInstaller(repository: repository)
            let location = try installer.location()
            switch try installer.uninstall(removeSharedHook: removeSharedHook) {
            case .removed(let restored):
                print("removed the post-commit hook from \(location.hookFile.path)")
                if restored { print("put back the hook that was there before") }
            case .removedBlockKeptOtherLines:
                print("removed mu's block from \(location.hookFile.path); kept the lines added around it")
                if FileManager.default.fileExists(atPath: location.previousHookFile.path) {
                    Terminal.note("mu: note: the earlier hook is still at \(location.previousHookFile.path); merge it back by hand")
                }
            case .disabledHereSharedHookKept:
                print("this repository is no longer indexed on commit; the shared hook in \(location.hookFile.path) stays for other repositories (--remove-shared-hook removes it)")
            case .notInstalled:
                print("no mu hook installed in \(location.hookFile.path)")
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Whether the hook is installed and where, when it last ran and how that run ended.")

        @Argument(help: "A path inside the repository.", completion: .directory)
        var path: String = "."

        @Flag(help: "Print one JSON document.")
        var json = false

        func run() async throws {
            let status = try HookStatus.read(path: path)
            if json {
                print(HookStatusFormat.json(status))
            } else {
                print(HookStatusFormat.text(status))
            }
        }
    }

    /// What the hook calls: detaches, then updates the index for the new commit (coalescing with a
    /// run in progress), logging to .mu/hook.log. Not for direct use, but harmless.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Update the index for the latest commit (what the hook runs).",
            shouldDisplay: false)

        @Argument(help: "A path inside the repository.", completion: .directory)
        var path: String = "."

        @Flag(help: "Stay attached to the terminal and print the outcome instead of logging only.")
        var foreground = false

        func run() async throws {
            if !foreground { ProcessDetacher.detach() }
            let result = await HookRunner(path: path, redirectOutputToLog: !foreground).run()
            guard foreground else { return }
            switch result {
            case .notARepository(let why):
                Terminal.note("mu: \(why)")
                throw ExitCode(1)
            case .notEnabled: print("this repository is not marked for indexing on commit (run `mu hook install`)")
            case .coalesced(let holder):
                print("another hook run\(holder.map { " (pid \($0))" } ?? "") is in progress; it will run again for this commit")
            case .ran(let records):
                for record in records { print(HookStatusFormat.runLine(record)) }
                if records.contains(where: { $0.outcome == .failed }) { throw ExitCode(1) }
            }
        }
    }
}
