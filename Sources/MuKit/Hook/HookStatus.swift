import Foundation
import MuSource

/// Everything `mu hook status` reports: where the hook is, whether git will run it, and how the
/// last background run went. Reads no configuration, so it works when the config is broken.
public struct HookStatus: Sendable {
    public var root: URL
    public var installation: HookInstallation
    /// The last run's record; nil when the hook never ran here.
    public var lastRun: HookRunRecord?
    /// For a run recorded as `running`: whether its process still exists (false = it was killed).
    public var lastRunAlive: Bool
    /// Commits waiting for the run in progress (rerun marks).
    public var rerunPending: Bool
    public var log: URL
    /// The log's last lines.
    public var logTail: [String]

    public static func read(path: String, logLines: Int = 5) throws -> HookStatus {
        let repository = try GitRepository(discovering: path)
        let installation = try HookInstaller(repository: repository).inspect()
        let muDirectory = repository.root.appendingPathComponent(".mu", isDirectory: true)
        let lastRun = HookStatusFile(muDirectory: muDirectory).read()
        var alive = false
        if let run = lastRun, run.outcome == .running {
            alive = kill(run.pid, 0) == 0 || errno == EPERM
        }
        let log = HookLog(muDirectory: muDirectory)
        return HookStatus(root: repository.root, installation: installation, lastRun: lastRun, lastRunAlive: alive,
                          rerunPending: RerunMark(muDirectory: muDirectory).isPresent,
                          log: log.url, logTail: log.tail(logLines))
    }

    /// Why git will not index commits here although mu's block may be in place; nil when all is well.
    public var problem: String? {
        let i = installation
        if !i.installed {
            if let unused = i.unusedBlockFile {
                return "mu's hook is in \(unused.path), but core.hooksPath makes git run \(i.location.hookFile.path): run `mu hook install` again"
            }
            return nil
        }
        if !i.hookIsExecutable { return "\(i.location.hookFile.path) is not executable, so git skips it: chmod +x it or run `mu hook install` again" }
        if !i.executableExists { return "the hook calls \(i.executable ?? "?"), which no longer exists: run `mu hook install` again with the mu you use now" }
        if !i.enabled { return "this repository is not marked for indexing (git config mu.hook is not true): run `mu hook install` here" }
        return nil
    }
}
