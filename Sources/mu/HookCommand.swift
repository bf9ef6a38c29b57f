import ArgumentParser
import Foundation
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

/// Text and JSON for `mu hook status`.
enum HookStatusFormat {
    static func text(_ s: HookStatus) -> String {
        let i = s.installation
        var lines: [String] = []
        if i.installed {
            var line = "hook       installed: \(i.location.hookFile.path)"
            if i.chainsPreviousHook { line += " (runs \(i.location.previousHookFile.lastPathComponent) first)" }
            lines.append(line)
        } else {
            lines.append("hook       not installed (git runs \(i.location.hookFile.path); `mu hook install` adds it)")
        }
        if let level = i.location.hooksPathLevel {
            lines.append("hooks dir  \(i.location.hooksDirectory.path) (core.hooksPath, \(level.rawValue) config)")
        }
        if let executable = i.executable {
            lines.append("mu binary  \(executable)\(i.executableExists ? "" : " (missing!)")")
        }
        if let run = s.lastRun {
            lines.append("last run   " + runLine(run, alive: s.lastRunAlive, relative: true))
        } else {
            lines.append("last run   never")
        }
        if s.rerunPending { lines.append("pending    commits arrived during the current run; it runs again when done") }
        lines.append("log        \(s.log.path)")
        for line in s.logTail.suffix(3) { lines.append("           \(line)") }
        if let problem = s.problem { lines.append("problem    \(problem)") }
        return lines.joined(separator: "\n")
    }

    /// One line about a run: outcome, when, what it did.
    static func runLine(_ r: HookRunRecord, alive: Bool = false, relative: Bool = false) -> String {
        let head = r.head.map { String($0.prefix(12)) } ?? "(no commit)"
        let paths = r.paths ?? 0
        let scope = r.mode == "full" ? "every file\(r.fullReason.map { " (\($0))" } ?? "")"
            : "\(paths) changed path\(paths == 1 ? "" : "s")"
        let coalesced = r.coalesced > 0 ? ", \(r.coalesced) commit\(r.coalesced == 1 ? "" : "s") coalesced" : ""
        switch r.outcome {
        case .running:
            return alive
                ? "running since \(relative ? ago(r.startedAt) : "start") (pid \(r.pid)): HEAD \(head), \(scope)"
                : "interrupted: pid \(r.pid) started \(ago(r.startedAt)) and is gone without finishing (HEAD \(head)); the next commit catches up"
        case .failed:
            return "failed \(relative ? ago(r.finishedAt ?? r.startedAt) : "")".trimmingCharacters(in: .whitespaces)
                + ": \(r.error ?? "unknown error") (HEAD \(head))"
        default:
            var text = "\(r.outcome.rawValue)"
            if relative { text += " \(ago(r.finishedAt ?? r.startedAt))" }
            text += String(format: " in %.2f s", r.duration ?? 0)
            text += ": HEAD \(head), \(scope)\(coalesced) · \(r.filesChanged) files changed"
            if r.filesRemoved > 0 { text += ", \(r.filesRemoved) removed" }
            text += " · \(r.functions) functions · \(r.summarized) new summaries, \(r.cacheHits) cache hits · \(r.failed) failed"
            if r.costUSD > 0 { text += String(format: " · $%.4f", r.costUSD) }
            if let error = r.error { text += "\n           \(error)" }
            return text
        }
    }

    static func json(_ s: HookStatus) -> String {
        let i = s.installation
        var line = JSONLine()
            .field("root", s.root.path)
            .field("installed", i.installed)
            .field("hook_file", i.location.hookFile.path)
            .field("hooks_path_level", i.location.hooksPathLevel?.rawValue)
            .field("chains_previous_hook", i.chainsPreviousHook)
            .field("executable", i.executable)
            .field("executable_exists", i.executableExists)
            .field("enabled", i.enabled)
            .field("problem", s.problem)
            .field("rerun_pending", s.rerunPending)
            .field("log", s.log.path)
        if let r = s.lastRun {
            let iso = ISO8601DateFormatter()
            var run = JSONLine()
                .field("outcome", r.outcome == .running && !s.lastRunAlive ? "interrupted" : r.outcome.rawValue)
                .field("pid", Int(r.pid))
                .field("head", r.head)
                .field("mode", r.mode).field("full_reason", r.fullReason)
                .field("started_at", iso.string(from: r.startedAt))
                .field("finished_at", r.finishedAt.map { iso.string(from: $0) })
                .field("coalesced", r.coalesced)
                .field("files_changed", r.filesChanged).field("files_removed", r.filesRemoved)
                .field("functions", r.functions).field("summarized", r.summarized)
                .field("cache_hits", r.cacheHits).field("failed", r.failed)
                .field("cost_usd", r.costUSD).field("error", r.error)
            if let paths = r.paths { run = run.field("paths", paths) }
            line = line.field("last_run", raw: run.text)
        } else {
            line = line.field("last_run", raw: "null")
        }
        return line.text
    }
}
