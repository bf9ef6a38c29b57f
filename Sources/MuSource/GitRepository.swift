import CLibGit2
import Foundation
import MuCore
#if canImport(Glibc)
import Glibc
#endif

/// Errors from opening or reading a git repository.
public enum GitError: MuFailure, Equatable {
    case pathNotFound(String)
    case notARepository(String)
    case bareRepository(String)
    case libgit2(operation: String, message: String)

    public var description: String {
        switch self {
        case .pathNotFound(let path): "no such file or directory: \(path)"
        case .notARepository(let path): "not inside a git repository: \(path) (mu indexes git repositories; run `git init` there first)"
        case .bareRepository(let path): "\(path) is a bare git repository: mu needs a working tree (clone it or use `git worktree add`)"
        case .libgit2(let op, let message): "git \(op) failed: \(message)"
        }
    }
}

/// One file git knows about or would add: tracked (from the index) or untracked and not ignored.
public struct GitFileEntry: Sendable, Hashable {
    /// Path relative to the repository root, `/`-separated.
    public var path: String
    /// Blob id from the index for tracked files whose working copy is unmodified; nil otherwise.
    public var cleanBlobID: String?
    /// True for symbolic links (mode 120000 in the index, or a symlink on disk).
    public var isSymlink: Bool
    /// True for a tracked file this process may not read (permissions): git cannot tell whether it
    /// changed, so it is listed without a blob id and the walker skips it as unreadable.
    public var isUnreadable = false

    public init(path: String, cleanBlobID: String?, isSymlink: Bool, isUnreadable: Bool = false) {
        self.path = path
        self.cleanBlobID = cleanBlobID
        self.isSymlink = isSymlink
        self.isUnreadable = isUnreadable
    }
}

/// A small wrapper over libgit2: what mu needs of a repository, nothing more.
///
/// A handle is not thread-safe: use one from a single task at a time (or open one per task).
public final class GitRepository {
    let repo: OpaquePointer
    /// Absolute path of the working tree root, without a trailing slash.
    public let root: URL

    /// Opens the repository containing `path` (searching upwards, through worktrees).
    public init(discovering path: String) throws {
        Self.initialize
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw GitError.pathNotFound(path) }
        var handle: OpaquePointer?
        let rc = git_repository_open_ext(&handle, path, 0, nil)
        guard rc == 0, let handle else {
            if rc == GIT_ENOTFOUND.rawValue { throw GitError.notARepository(path) }
            throw GitError.libgit2(operation: "open", message: Self.lastError())
        }
        if git_repository_is_bare(handle) == 1 {
            git_repository_free(handle)
            throw GitError.bareRepository(path)
        }
        guard let workdir = git_repository_workdir(handle) else {
            git_repository_free(handle)
            throw GitError.bareRepository(path)
        }
        var rootPath = String(cString: workdir)
        while rootPath.count > 1, rootPath.hasSuffix("/") { rootPath.removeLast() }
        self.repo = handle
        self.root = URL(fileURLWithPath: rootPath, isDirectory: true)
    }

    deinit { git_repository_free(repo) }

    /// The repository's git directory shared by all worktrees (`.git` of the main checkout):
    /// where `info/exclude` and, by default, `hooks/` live.
    public var commonDirectory: URL {
        let path = git_repository_commondir(repo).map { String(cString: $0) } ?? root.appendingPathComponent(".git").path
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    /// Adds `pattern` to `info/exclude` unless a line already says it, so mu's own files never show
    /// up as untracked. Failures are ignored: the exclude file is a convenience.
    public func ensureExcluded(_ pattern: String) {
        let info = commonDirectory.appendingPathComponent("info", isDirectory: true)
        let file = info.appendingPathComponent("exclude")
        let existing = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        let lines = existing.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !lines.contains(pattern), !lines.contains("/" + pattern) else { return }
        try? FileManager.default.createDirectory(at: info, withIntermediateDirectories: true)
        let prefix = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
        let text = existing + prefix + "# mu's local index\n" + pattern + "\n"
        try? text.write(to: file, atomically: true, encoding: .utf8)
    }

    /// The linked libgit2's version, e.g. "1.5.1".
    public static var libgit2Version: String {
        var major: Int32 = 0, minor: Int32 = 0, rev: Int32 = 0
        git_libgit2_version(&major, &minor, &rev)
        return "\(major).\(minor).\(rev)"
    }

    /// libgit2 is initialised once per process and never shut down: mu is short-lived.
    private static let initialize: Void = { git_libgit2_init(); return () }()

    static func lastError() -> String {
        guard let err = git_error_last(), let message = err.pointee.message else { return "unknown libgit2 error" }
        return String(cString: message)
    }

    /// HEAD's commit id, or nil in a repository with no commits yet.
    public func headCommit() -> String? {
        var oid = git_oid()
        guard git_reference_name_to_id(&oid, repo, "HEAD") == 0 else { return nil }
        return Self.hex(oid)
    }

    static func hex(_ oid: git_oid) -> String {
        var copy = oid
        var buffer = [CChar](repeating: 0, count: 41)
        git_oid_fmt(&buffer, &copy)
        return buffer.withUnsafeBufferPointer { ptr in
            String(decoding: UnsafeRawBufferPointer(ptr).prefix(40), as: UTF8.self)
        }
    }

    /// Tracked files (from the index, submodules excluded, deleted ones dropped) plus untracked
    /// files that no ignore rule matches, sorted by path. A tracked file this process may not read
    /// is listed with `isUnreadable` instead of failing the listing (as `git status` warns and goes on).
    public func listFiles() throws -> [GitFileEntry] {
        var index: OpaquePointer?
        guard git_repository_index(&index, repo) == 0, let index else {
            throw GitError.libgit2(operation: "index", message: Self.lastError())
        }
        defer { git_index_free(index) }

        var tracked: [(path: String, entry: git_index_entry)] = []
        for i in 0..<git_index_entrycount(index) {
            guard let entry = git_index_get_byindex(index, i)?.pointee, let cPath = entry.path else { continue }
            if entry.mode == 0o160000 { continue } // submodule (gitlink)
            tracked.append((String(cString: cPath), entry))
        }
        // Working-tree status: which tracked files are modified or deleted, which are untracked.
        let status = try workingTreeStatus(tracked: tracked.map(\.path), literalPaths: nil)

        var seen = Set<String>()
        var files: [GitFileEntry] = []
        for (path, entry) in tracked {
            guard !status.deleted.contains(path), seen.insert(path).inserted else { continue }
            let unreadable = status.unreadable.contains(path)
            let clean = !unreadable && !status.changed.contains(path)
            files.append(GitFileEntry(path: path, cleanBlobID: clean ? Self.hex(entry.id) : nil,
                                      isSymlink: entry.mode == 0o120000, isUnreadable: unreadable))
        }
        for path in status.untracked where seen.insert(path).inserted {
            // An untracked directory that holds its own repository is a nested repo: skip it.
            if path.hasSuffix("/") { continue }
            files.append(GitFileEntry(path: path, cleanBlobID: nil, isSymlink: false))
        }
        files.sort { $0.path < $1.path }
        return files
    }

    /// What `git status` says about the working tree, by path.
    struct WorkingTreeStatus {
        var changed = Set<String>()
        var deleted = Set<String>()
        var untracked: [String] = []
        /// Tracked paths this process may not read (left out of the status, which would fail on them).
        var unreadable = Set<String>()
    }

    /// The working tree's status (of `literalPaths` only, when given), sorted by kind.
    func workingTreeStatus(tracked: [String], literalPaths: [String]?) throws -> WorkingTreeStatus {
        let (sorted, unreadable) = try withTolerantStatus(tracked: { tracked }, literalPaths: literalPaths) { list in
            var status = WorkingTreeStatus()
            for i in 0..<git_status_list_entrycount(list) {
                guard let entry = git_status_byindex(list, i)?.pointee else { continue }
                let flags = entry.status.rawValue
                guard let delta = entry.index_to_workdir ?? entry.head_to_index,
                      let cPath = delta.pointee.new_file.path ?? delta.pointee.old_file.path else { continue }
                let path = String(cString: cPath)
                if flags & GIT_STATUS_WT_NEW.rawValue != 0 {
                    status.untracked.append(path)
                } else if flags & (GIT_STATUS_WT_DELETED.rawValue | GIT_STATUS_INDEX_DELETED.rawValue) != 0 {
                    status.deleted.insert(path)
                } else {
                    status.changed.insert(path)
                }
            }
            return status
        }
        var result = sorted
        result.unreadable = unreadable
        for path in result.deleted where !isGone(path) {
            result.deleted.remove(path)
            result.unreadable.insert(path)
        }
        return result
    }

    /// Runs `body` over a status list (index and working tree, untracked files recursed, submodules
    /// left out). libgit2 fails the whole status with "… is locked: Permission denied" when it must
    /// hash a tracked file this process may not read; then the unreadable ones among `tracked` are
    /// found (`access(2)`, only on this path) and the status is asked again without them, which are
    /// returned. A tracked file in a directory this process may not enter is reported deleted by
    /// libgit2 instead: callers tell those apart with `isGone`.
    func withTolerantStatus<T>(tracked: () throws -> [String], literalPaths: [String]?, extraFlags: UInt32 = 0,
                               _ body: (OpaquePointer) throws -> T) throws -> (T, unreadable: Set<String>) {
        do {
            return (try withStatusList(pathspec: literalPaths ?? [], literal: literalPaths != nil,
                                       extraFlags: extraFlags, body), [])
        } catch let failure {
            let unreadable = try tracked().filter { !isReadable($0) }
            guard !unreadable.isEmpty else { throw failure }
            let excluded = Set(unreadable)
            if let literalPaths {
                let rest = literalPaths.filter { !excluded.contains($0) }
                // An empty pathspec would mean "everything": ask for a path that cannot exist instead.
                return (try withStatusList(pathspec: rest.isEmpty ? [".git/mu-nothing"] : rest, literal: true,
                                           extraFlags: extraFlags, body), excluded)
            }
            // Negative pathspecs first: the first pattern that matches a path decides.
            let pathspec = unreadable.map { "!" + Self.escapedPathspec($0) } + ["*"]
            return (try withStatusList(pathspec: pathspec, literal: false, extraFlags: extraFlags, body), excluded)
        }
    }

    /// One `git_status_list_new` over the index and the working tree.
    private func withStatusList<T>(pathspec: [String], literal: Bool, extraFlags: UInt32,
                                   _ body: (OpaquePointer) throws -> T) throws -> T {
        var cStrings = pathspec.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        return try cStrings.withUnsafeMutableBufferPointer { buffer in
            var options = git_status_options()
            git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION))
            options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
            options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue
                | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
                | GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
                | (literal ? GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH.rawValue : 0)
                | extraFlags
            if !pathspec.isEmpty { options.pathspec = git_strarray(strings: buffer.baseAddress, count: buffer.count) }
            var list: OpaquePointer?
            guard git_status_list_new(&list, repo, &options) == 0, let list else {
                throw GitError.libgit2(operation: "status", message: Self.lastError())
            }
            defer { git_status_list_free(list) }
            return try body(list)
        }
    }

    /// The paths of the index's entries (stage 0 and conflicts alike), submodules left out.
    func trackedPaths() throws -> [String] {
        var index: OpaquePointer?
        guard git_repository_index(&index, repo) == 0, let index else {
            throw GitError.libgit2(operation: "index", message: Self.lastError())
        }
        defer { git_index_free(index) }
        return (0..<git_index_entrycount(index)).compactMap { i in
            guard let entry = git_index_get_byindex(index, i)?.pointee, let cPath = entry.path,
                  entry.mode != 0o160000 else { return nil }
            return String(cString: cPath)
        }
    }

    /// Whether this process may read the working copy of `path` (a missing file counts as readable:
    /// it is deleted, not unreadable).
    private func isReadable(_ path: String) -> Bool {
        access(root.path + "/" + path, R_OK) == 0 || errno == ENOENT || errno == ENOTDIR
    }

    /// Whether `path` is really gone from the working tree (not merely behind a directory this
    /// process may not enter).
    func isGone(_ path: String) -> Bool {
        var st = stat()
        return lstat(root.path + "/" + path, &st) != 0 && (errno == ENOENT || errno == ENOTDIR)
    }

    /// A path as a pathspec matching only itself (glob characters escaped).
    static func escapedPathspec(_ path: String) -> String {
        var escaped = ""
        for character in path {
            if "*?[]\\".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
