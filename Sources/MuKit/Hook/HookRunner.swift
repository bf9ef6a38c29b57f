import Foundation
import MuLLM
import MuSource
import MuStore

/// What `mu hook run` (started by the post-commit hook) does: bring the index up to date with
/// the new commit, reading only the files that changed, one run at a time.
///
/// Runs coalesce. A run takes `.mu/hook.lock`; a run that finds it taken leaves a rerun mark
/// (`RerunMark`) and exits, and the run holding the lock runs once more when it finishes and finds
/// marks. Twenty quick commits (a rebase, a script) thus make two or three runs, not twenty.
/// The index itself is guarded by the pipeline's own lock (`.mu/lock`), so a hook run waits for a
/// manual `mu summarize` instead of racing it.
///
/// The files looked at are the union of the diffs to HEAD from: HEAD's first parent (every file
/// of a root commit), the commit the index was last brought up to date with (so commits whose run
/// failed, amended or rebased-away commits are caught up), the commits named by rerun marks, plus
/// the working tree's changes and the files that had uncommitted changes when last indexed. With
/// no index yet, no recorded commit, or history missing (a shallow boundary, a garbage-collected
/// commit), the run looks at every file: the file-state cache still skips unchanged ones.
///
/// Every run is recorded in `.mu/hook.log` and `.mu/hook-status.json`; no failure escapes.
public struct HookRunner: Sendable {
    public var path: String
    public var loader: ConfigLoader
    /// Overrides the configured provider (tests).
    public var provider: (any LLMProvider)?
    /// Send this process's stdout and stderr to the log (the detached run).
    public var redirectOutputToLog: Bool
    public var logMaxBytes: Int64 = 1_048_576
    /// How long a run waits for a manual `mu summarize` holding the index lock.
    public var indexLockTimeout: Duration = .seconds(900)
    /// Whether the run also brings the roll-ups (file, directory, repository summaries) up to date,
    /// incrementally; on by default (off only in tests that count function calls alone).
    public var rollups = true

    /// The lock that makes hook runs coalesce (the index has its own, `.mu/lock`).
    public static let lockFileName = "hook.lock"

    public init(path: String, loader: ConfigLoader = ConfigLoader(), provider: (any LLMProvider)? = nil,
                redirectOutputToLog: Bool = false) {
        self.path = path
        self.loader = loader
        self.provider = provider
        self.redirectOutputToLog = redirectOutputToLog
    }

    public enum Result: Sendable, Equatable {
        /// Not a repository with a working tree (nothing recorded).
        case notARepository(String)
        /// The repository has no `mu.hook = true` (a shared hooks directory): nothing done or written.
        case notEnabled
        /// Another run holds the hook lock: a rerun mark was left for it.
        case coalesced(holder: Int32?)
        /// The runs this process made (one, plus one per round of rerun marks).
        case ran([HookRunRecord])
    }

    public func run() async -> Result {
        let repository: GitRepository
        do { repository = try GitRepository(discovering: path) } catch { return .notARepository("\(error)") }
        guard repository.configBool(HookInstaller.enabledKey) == true else { return .notEnabled }
        let muDirectory = repository.root.appendingPathComponent(".mu", isDirectory: true)
        if !FileManager.default.fileExists(atPath: muDirectory.path) {
            try? FileManager.default.createDirectory(at: muDirectory, withIntermediateDirectories: true)
            repository.ensureExcluded(".mu/")   // before the log and status files appear
        }
        let log = HookLog(muDirectory: muDirectory, maxBytes: logMaxBytes)
        let status = HookStatusFile(muDirectory: muDirectory)
        let marks = RerunMark(muDirectory: muDirectory)
        let lockPath = muDirectory.appendingPathComponent(Self.lockFileName).path

        var lock: RunLock?
        do {
            lock = try RunLock.tryAcquire(at: lockPath)
            if lock == nil {
                let head = repository.headCommit()
                let parent: String?? = head.flatMap { try? repository.parents(ofCommit: $0) }.map(\.first)
                marks.leave(commit: head, parent: parent)
                let holder = RunLock.holderPID(at: lockPath)
                // The holder may have finished between the two looks: then this run is the one to go.
                lock = try RunLock.tryAcquire(at: lockPath)
                if lock == nil {
                    log.append("commit \(shortCommit(head)): another hook run\(holder.map { " (pid \($0))" } ?? "") is in progress; left a rerun mark")
                    return .coalesced(holder: holder)
                }
            }
        } catch {
            var record = HookRunRecord(head: repository.headCommit(), mode: "incremental", paths: nil, coalesced: 0)
            finish(&record, error: "\(error)", log: log, status: status)
            return .ran([record])
        }

        log.rotateIfNeeded() // only the lock holder rotates
        if redirectOutputToLog { log.redirectStandardOutput() }
        var records: [HookRunRecord] = []
        while let held = lock {
            repeat {
                records.append(await once(repository, log: log, status: status, marks: marks))
            } while marks.isPresent && records.count < Self.maxRounds
            await held.release()
            lock = nil
            // A mark left between the last look and the release: whoever takes the lock now runs it.
            if marks.isPresent, records.count < Self.maxRounds { lock = try? RunLock.tryAcquire(at: lockPath) }
        }
        return .ran(records)
    }

    /// Rounds one process makes at most; marks left after that wait for the next commit's run
    /// (a safety net: each round consumes every mark present, so bursts need two or three).
    static let maxRounds = 20

    /// One incremental (or, failing a base, full) pipeline run, recorded.
    private func once(_ repository: GitRepository, log: HookLog, status: HookStatusFile,
                      marks: RerunMark) async -> HookRunRecord {
        let head = repository.headCommit()
        let taken = marks.take()
        var record = HookRunRecord(head: head, mode: "incremental", paths: nil, coalesced: taken?.count ?? 0)
        status.write(record)
        do {
            let config = try loader.load(repositoryRoot: repository.root)
            let workspace = Workspace(root: repository.root, config: config)
            let (onlyPaths, fullReason) = await scope(repository, workspace: workspace, head: head, marks: taken)
            record.mode = onlyPaths == nil ? "full" : "incremental"
            record.fullReason = fullReason
            record.paths = onlyPaths?.count
            status.write(record)
            log.append("start: HEAD \(shortCommit(head))"
                + (record.coalesced > 0 ? ", \(record.coalesced) coalesced commit\(record.coalesced == 1 ? "" : "s")" : "")
                + (onlyPaths.map { ", \($0.count) changed path\($0.count == 1 ? "" : "s")" } ?? ", every file (\(fullReason ?? "no base"))"))

            var summarizer = try Summarizer(workspace: workspace, provider: provider)
            summarizer.onlyPaths = onlyPaths
            summarizer.lockTimeout = indexLockTimeout
            // File, directory and repository summaries for what changed (incremental: the changed
            // files, their directories and the root), so `mu show DIR` stays current after commits.
            summarizer.rollups = rollups
            let report = try await summarizer.run(onWait: { pid in
                log.append("waiting for another mu run\(pid.map { " (pid \($0))" } ?? "") to release the index")
            })
            await note(report, in: &record, workspace: workspace, log: log)
            finish(&record, error: nil, log: log, status: status)
        } catch {
            finish(&record, error: "\(error)", log: log, status: status)
        }
        return record
    }

    /// The paths this run re-reads (changes since the commits already indexed, plus files the index
    /// saw dirty), or nil with the reason when it must read every file.
    private func scope(_ repository: GitRepository, workspace: Workspace, head: String?,
                       marks: RerunMark.Marks?) async -> (onlyPaths: Set<String>?, fullReason: String?) {
        var (bases, fullReason) = baseCommits(repository, head: head, marks: marks)
        var extraPaths: [String] = []
        if fullReason == nil {
            let (indexed, dirty, reason) = await indexState(workspace, repository: repository)
            fullReason = reason
            if let indexed { bases.append(indexed) }
            extraPaths = dirty
        }
        guard fullReason == nil else { return (nil, fullReason) }
        do {
            return (try IncrementalScope.changes(since: bases, in: repository).paths.union(extraPaths), nil)
        } catch {
            return (nil, "cannot diff: \(error)")
        }
    }

    /// The run's totals and outcome in the record (and the roll-up line and unreadable files in the log).
    private func note(_ report: SummarizeReport, in record: inout HookRunRecord, workspace: Workspace,
                      log: HookLog) async {
        record.filesChanged = report.filesChanged
        record.filesRemoved = report.filesRemoved
        record.filesUnreadable = report.unreadable.count
        if let warning = UnreadableFiles.warning(report.unreadable) { log.append(warning) }
        record.functions = report.functions
        record.summarized = report.summarized
        record.cacheHits = report.cacheHitsMemory + report.cacheHitsDisk
        record.failed = report.failed
        record.costUSD = report.costUSD
        if rollups {
            log.append("roll-ups: \(report.rollupsSummarized) summarized, \(report.rollupsReused) reused"
                + (report.rollupsFailed > 0 ? ", \(report.rollupsFailed) failed" : ""))
        }
        switch report.stop {
        case .credentialsRefused(let message)?:
            record.outcome = .credentialsRefused
            record.error = message
        case .budgetReached(let limit, let spent)?:
            record.outcome = .budgetReached
            record.error = String(format: "stopped at the budget: $%.4f of $%.2f spent", spent, limit)
        case .providerUnreachable(let message)?, .providerFailed(let message)?:
            record.outcome = .providerUnavailable
            record.error = message + (await missingSummaries(workspace) ?? "")
        case nil where report.summarized == 0 && report.failed > 0 && report.unreachableFailures == report.failed:
            // Too few requests for the pool to stop, but none got an answer: the provider was
            // unreachable, not these functions at fault.
            record.outcome = .providerUnavailable
            record.error = (report.unreachableMessage ?? "could not reach the provider") + (await missingSummaries(workspace) ?? "")
        case nil:
            record.outcome = report.failed > 0 ? .partial : .succeeded
            record.error = report.failureSamples.first
        }
    }

    /// "; N functions without a summary, the next run sends them", from the index after the run.
    private func missingSummaries(_ workspace: Workspace) async -> String? {
        guard let database = try? workspace.openDatabase(create: false) else { return nil }
        defer { try? database.close() }
        guard let missing = try? await SymbolIndex(database: database).counts().withoutSummary else { return nil }
        return "; \(missing) function\(missing == 1 ? "" : "s") without a summary, the next run sends them"
    }

    /// HEAD's first parent (nil = the empty tree, for a root commit) and the marks' commits, or
    /// why every file must be looked at.
    private func baseCommits(_ repository: GitRepository, head: String?,
                             marks: RerunMark.Marks?) -> (bases: [String?], fullReason: String?) {
        guard let head else { return ([], "no commit yet") }
        var bases: [String?] = []
        do {
            if let parent = try repository.parents(ofCommit: head).first {
                guard repository.hasObject(parent) else {
                    return ([], "HEAD's parent is beyond this shallow clone's history")
                }
                bases.append(parent)
            } else {
                bases.append(nil) // a root commit: every file of it
            }
        } catch {
            return ([], "cannot read HEAD: \(error)")
        }
        if let marks {
            if marks.unknownBase { return ([], "a coalesced commit could not be named") }
            for base in marks.bases {
                if let base, !repository.hasObject(base) { continue } // gone (amended and collected): covered by the index's commit
                bases.append(base)
            }
        }
        return (bases, nil)
    }

    /// The commit the index was last brought up to date with and the files that had uncommitted
    /// changes then (their recorded state has no blob id), or why every file must be looked at.
    private func indexState(_ workspace: Workspace, repository: GitRepository) async
        -> (indexed: String?, dirty: [String], fullReason: String?) {
        guard FileManager.default.fileExists(atPath: workspace.indexPath) else { return (nil, [], "no index yet") }
        do {
            let database = try workspace.openDatabase(create: false)
            defer { try? database.close() }
            guard let indexed = try await SymbolIndex(database: database).lastIndexedCommit() else {
                return (nil, [], "the index records no commit")
            }
            guard repository.hasObject(indexed) else {
                return (nil, [], "the last indexed commit \(shortCommit(indexed)) is no longer in the repository")
            }
            let dirty = try await FileStateCache(database: database).allStates().values
                .filter { $0.blobId == nil }.map(\.path)
            return (indexed, dirty, nil)
        } catch {
            return (nil, [], "cannot read the index: \(error)")
        }
    }

    private func finish(_ record: inout HookRunRecord, error: String?, log: HookLog, status: HookStatusFile) {
        record.finishedAt = Date()
        if let error {
            record.outcome = .failed
            record.error = error
        }
        status.write(record)
        let seconds = String(format: "%.2f s", record.duration ?? 0)
        if record.outcome == .failed {
            log.append("failed after \(seconds): \(record.error ?? "unknown error")")
        } else {
            var line = "done in \(seconds): \(record.outcome.label) · \(record.filesChanged) files changed"
            if record.filesRemoved > 0 { line += ", \(record.filesRemoved) removed" }
            if let unreadable = record.filesUnreadable, unreadable > 0 { line += ", \(unreadable) unreadable skipped" }
            line += " · \(record.functions) functions · \(record.summarized) new summaries, \(record.cacheHits) cache hits"
            // A provider that could not serve the run failed the requests, not the functions: the
            // error says why and how many functions wait for the next run.
            if record.outcome != .providerUnavailable { line += " · \(record.failed) failed" }
            if record.costUSD > 0 { line += String(format: " · $%.4f", record.costUSD) }
            if let error = record.error { line += " · \(error)" }
            log.append(line)
        }
    }
}

private func shortCommit(_ commit: String?) -> String { commit.map { String($0.prefix(12)) } ?? "(none)" }
