import Foundation
import MuSource
import MuStore
import MuCore

/// Errors about the repository's `.mu` directory and index as a whole.
public enum WorkspaceError: MuFailure, Equatable {
    case noIndex(String)
    case cannotCreate(String, String)
    case busy(pid: Int32?)

    public var description: String {
        switch self {
        case .noIndex(let root): "no index yet in \(root): run `mu summarize` there first"
        case .cannotCreate(let path, let why): "cannot create \(path): \(why)"
        case .busy(let pid): "another mu run\(pid.map { " (pid \($0))" } ?? "") holds the index lock and did not finish within the wait; try again when it has"
        }
    }
}

/// A repository as mu sees it: its git handle, resolved configuration and `.mu/` directory with
/// the index database. Every command that reads or writes the index starts here.
public struct Workspace: Sendable {
    public let root: URL
    public let config: ResolvedConfig
    /// `<root>/.mu`
    public var muDirectory: URL { root.appendingPathComponent(".mu", isDirectory: true) }
    /// `<root>/.mu/mu.db`: functions, files, runs (and the summaries unless `[cache] path` moves them).
    public var indexPath: String { muDirectory.appendingPathComponent("mu.db").path }
    /// Where summaries live: the index file, or a shared cache file named by `[cache] path`.
    public var summariesPath: String { config.cacheURL(repositoryRoot: root).path }
    public var lockPath: String { muDirectory.appendingPathComponent("lock").path }

    /// Opens the repository containing `path` and loads its configuration.
    public init(path: String, flags: ConfigFlags = ConfigFlags(), loader: ConfigLoader = ConfigLoader()) throws {
        let repository = try FunctionLister.locate(path).repository
        self.root = repository.root
        self.config = try loader.load(repositoryRoot: repository.root, flags: flags)
    }

    public init(root: URL, config: ResolvedConfig) {
        self.root = root
        self.config = config
    }

    /// Creates `.mu/` if needed, with its line in `.git/info/exclude`, before mu writes anything there
    /// (run lock, index, hook log): without the line, a `git add -A` racing a background hook run
    /// would pick up mu's files.
    public func prepareMuDirectory() throws {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: muDirectory.path) else { return }
        do {
            try fm.createDirectory(at: muDirectory, withIntermediateDirectories: true)
        } catch {
            throw WorkspaceError.cannotCreate(muDirectory.path, (error as NSError).localizedDescription)
        }
        if let repository = try? GitRepository(discovering: root.path) {
            repository.ensureExcluded(".mu/")
        }
    }

    /// Opens (creating if needed) the index; adds `.mu/` to `.git/info/exclude` on first use. An
    /// existing index opened with `create: false` (`mu cost`, the MCP server, the hook's reads,
    /// `mu cache`) gets the read commands' corruption check; `mu summarize` (`create: true`) does not
    /// pay for it: SQLite refuses damaged pages as it writes.
    public func openDatabase(create: Bool) throws -> MuDatabase {
        let fm = FileManager.default
        if !fm.fileExists(atPath: indexPath) {
            guard create else { throw WorkspaceError.noIndex(root.path) }
            try prepareMuDirectory()
            if let repository = try? GitRepository(discovering: root.path) {
                repository.ensureExcluded(".mu/")   // also when `.mu/` was made by something else first
            }
        }
        let summaries = summariesPath
        if summaries != indexPath {
            try? fm.createDirectory(at: URL(fileURLWithPath: summaries).deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        return try MuDatabase(path: indexPath, summariesPath: summaries == indexPath ? nil : summaries, checked: !create)
    }
}
