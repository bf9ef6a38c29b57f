import CLibGit2
import Foundation
import MuCore

/// Errors from resolving revisions and diffing commits.
public enum GitDiffError: MuFailure, Equatable {
    /// The revision names nothing in this repository (or a commit beyond a shallow clone's history).
    case unknownRevision(String, shallow: Bool)
    /// The revision names an object that is not a commit (and does not peel to one).
    case notACommit(String)
    case libgit2(operation: String, message: String)

    public var description: String {
        switch self {
        case .unknownRevision(let rev, let shallow):
            shallow
                ? "unknown revision '\(rev)': this is a shallow clone and its history may stop before it (git fetch --deepen=N fetches more)"
                : "unknown revision '\(rev)': name a commit, branch, tag or HEAD~N that exists here (git log --oneline lists them)"
        case .notACommit(let rev): "'\(rev)' is not a commit: name a commit, branch, tag or HEAD~N"
        case .libgit2(let op, let message): "git \(op) failed: \(message)"
        }
    }
}

/// One changed file between two trees, or between HEAD and the working tree.
public struct GitChange: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case added, modified, deleted, renamed, copied, typeChanged = "type-changed", untracked
    }

    public var kind: Kind
    /// The path on the new side (the old one for deletions), relative to the root, `/`-separated.
    public var path: String
    /// For renames and copies: where the file came from.
    public var oldPath: String?
    /// For renames and copies: libgit2's similarity score, 0–100 (100 = same content).
    public var similarity: Int?

    public init(kind: Kind, path: String, oldPath: String? = nil, similarity: Int? = nil) {
        self.kind = kind
        self.path = path
        self.oldPath = oldPath
        self.similarity = similarity
    }

    /// Every path the change touches: both sides of a rename, the one path otherwise.
    public var paths: [String] {
        if let oldPath, oldPath != path { return [oldPath, path] }
        return [path]
    }

    public var description: String {
        if let oldPath, oldPath != path { return "\(kind.rawValue) \(oldPath) -> \(path)" }
        return "\(kind.rawValue) \(path)"
    }
}

extension GitRepository {
    /// Whether the repository is a shallow clone (history cut at some commits).
    public var isShallow: Bool { git_repository_is_shallow(repo) == 1 }

    /// The commit id a revision names (`HEAD~1`, a branch, a tag, an abbreviated id, `@{-1}`...),
    /// peeling annotated tags.
    public func resolveCommit(_ revision: String) throws -> String {
        var object: OpaquePointer?
        let rc = git_revparse_single(&object, repo, revision)
        guard rc == 0, let object else {
            if rc == GIT_ENOTFOUND.rawValue || rc == GIT_EINVALIDSPEC.rawValue || rc == GIT_EAMBIGUOUS.rawValue {
                throw GitDiffError.unknownRevision(revision, shallow: isShallow)
            }
            // libgit2 reports a missing ancestor in a shallow clone as a generic error.
            if isShallow { throw GitDiffError.unknownRevision(revision, shallow: true) }
            throw GitDiffError.libgit2(operation: "rev-parse \(revision)", message: Self.lastError())
        }
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        guard git_object_peel(&commit, object, GIT_OBJECT_COMMIT) == 0, let commit else {
            throw GitDiffError.notACommit(revision)
        }
        defer { git_object_free(commit) }
        guard let oid = git_object_id(commit) else { throw GitDiffError.notACommit(revision) }
        return Self.hex(oid.pointee)
    }

    /// The parents of a commit, first parent first (empty for a root commit). In a shallow clone
    /// the parents of a boundary commit are listed but their objects are missing.
    public func parents(ofCommit id: String) throws -> [String] {
        try withCommit(id) { commit in
            (0..<git_commit_parentcount(commit)).compactMap { i in
                git_commit_parent_id(commit, i).map { Self.hex($0.pointee) }
            }
        }
    }

    /// Whether the object with this id is present in the object database (a shallow clone's
    /// boundary parents are not).
    public func hasObject(_ id: String) -> Bool {
        var oid = git_oid()
        guard git_oid_fromstr(&oid, id) == 0 else { return false }
        var odb: OpaquePointer?
        guard git_repository_odb(&odb, repo) == 0, let odb else { return false }
        defer { git_odb_free(odb) }
        return git_odb_exists(odb, &oid) == 1
    }

    /// Files that differ between two commits' trees, with renames detected (`git diff --name-status
    /// -M base target`). A nil `base` is the empty tree: every file of `target` is added.
    public func changes(from base: String?, to target: String, detectRenames: Bool = true) throws -> [GitChange] {
        try withTree(ofCommit: base) { oldTree in
            try withTree(ofCommit: target) { newTree in
                var options = git_diff_options()
                git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
                options.flags = GIT_DIFF_IGNORE_SUBMODULES.rawValue | GIT_DIFF_INCLUDE_TYPECHANGE.rawValue
                var diff: OpaquePointer?
                guard git_diff_tree_to_tree(&diff, repo, oldTree, newTree, &options) == 0, let diff else {
                    throw GitDiffError.libgit2(operation: "diff", message: Self.lastError())
                }
                defer { git_diff_free(diff) }
                if detectRenames { try findRenames(diff) }
                return Self.collect(diff)
            }
        }
    }

    /// Changes between HEAD (the empty tree before the first commit) and the working tree, staged
    /// or not, plus untracked files that no ignore rule matches (`git status`), renames detected
    /// between HEAD and the index.
    /// A tracked file this process may not read is listed as modified (git cannot tell), so the
    /// caller's walk sees it and skips it as unreadable.
    public func workingTreeChanges() throws -> [GitChange] {
        let (changes, unreadable) = try withTolerantStatus(
            tracked: trackedPaths, literalPaths: nil,
            extraFlags: GIT_STATUS_OPT_RENAMES_HEAD_TO_INDEX.rawValue) { list in
            var changes: [GitChange] = []
            for i in 0..<git_status_list_entrycount(list) {
                guard let entry = git_status_byindex(list, i)?.pointee else { continue }
                for delta in [entry.head_to_index, entry.index_to_workdir] {
                    guard let delta, let change = Self.change(delta.pointee) else { continue }
                    changes.append(change)
                }
            }
            return changes
        }
        return changes + unreadable.sorted().map { GitChange(kind: .modified, path: $0) }
    }

    /// `listFiles()` limited to `paths`: the same entries (tracked with their clean blob id,
    /// untracked and not ignored, deleted and submodules left out), but the status is asked for
    /// these paths only, so an incremental run costs what changed, not the size of the tree.
    public func listFiles(restrictedTo paths: Set<String>) throws -> [GitFileEntry] {
        guard !paths.isEmpty else { return [] }
        var index: OpaquePointer?
        guard git_repository_index(&index, repo) == 0, let index else {
            throw GitError.libgit2(operation: "index", message: Self.lastError())
        }
        defer { git_index_free(index) }

        let sorted = paths.sorted()
        let tracked = sorted.filter { git_index_get_bypath(index, $0, 0) != nil }
        let status = try workingTreeStatus(tracked: tracked, literalPaths: sorted)
        let changed = status.changed, deleted = status.deleted, untracked = Set(status.untracked)

        var files: [GitFileEntry] = []
        for path in sorted {
            if let entry = git_index_get_bypath(index, path, 0)?.pointee {
                if entry.mode == 0o160000 || deleted.contains(path) { continue } // submodule, or gone
                let unreadable = status.unreadable.contains(path)
                let clean = !unreadable && !changed.contains(path)
                files.append(GitFileEntry(path: path, cleanBlobID: clean ? Self.hex(entry.id) : nil,
                                          isSymlink: entry.mode == 0o120000, isUnreadable: unreadable))
            } else if untracked.contains(path) || (changed.contains(path) && !deleted.contains(path)) {
                // Untracked and not ignored, or conflicted (no stage-0 entry): read what is on disk.
                files.append(GitFileEntry(path: path, cleanBlobID: nil, isSymlink: false))
            }
        }
        return files
    }

    // MARK: - helpers

    private func findRenames(_ diff: OpaquePointer) throws {
        var find = git_diff_find_options()
        git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION))
        find.flags = GIT_DIFF_FIND_RENAMES.rawValue
        guard git_diff_find_similar(diff, &find) == 0 else {
            throw GitDiffError.libgit2(operation: "rename detection", message: Self.lastError())
        }
    }

    private static func collect(_ diff: OpaquePointer) -> [GitChange] {
        (0..<git_diff_num_deltas(diff)).compactMap { i in
            git_diff_get_delta(diff, i).flatMap { change($0.pointee) }
        }
    }

    private static func change(_ delta: git_diff_delta) -> GitChange? {
        let newPath = delta.new_file.path.map { String(cString: $0) }
        let oldPath = delta.old_file.path.map { String(cString: $0) }
        guard let path = newPath ?? oldPath else { return nil }
        switch delta.status {
        case GIT_DELTA_ADDED: return GitChange(kind: .added, path: path)
        case GIT_DELTA_DELETED: return GitChange(kind: .deleted, path: oldPath ?? path)
        case GIT_DELTA_MODIFIED: return GitChange(kind: .modified, path: path)
        case GIT_DELTA_TYPECHANGE: return GitChange(kind: .typeChanged, path: path)
        case GIT_DELTA_UNTRACKED: return GitChange(kind: .untracked, path: path)
        case GIT_DELTA_RENAMED:
            return GitChange(kind: .renamed, path: path, oldPath: oldPath, similarity: Int(delta.similarity))
        case GIT_DELTA_COPIED:
            return GitChange(kind: .copied, path: path, oldPath: oldPath, similarity: Int(delta.similarity))
        case GIT_DELTA_CONFLICTED, GIT_DELTA_UNREADABLE: return GitChange(kind: .modified, path: path)
        default: return nil // unmodified, ignored
        }
    }

    private func withCommit<T>(_ id: String, _ body: (OpaquePointer) throws -> T) throws -> T {
        var oid = git_oid()
        guard git_oid_fromstr(&oid, id) == 0 else { throw GitDiffError.unknownRevision(id, shallow: isShallow) }
        var commit: OpaquePointer?
        guard git_commit_lookup(&commit, repo, &oid) == 0, let commit else {
            throw GitDiffError.unknownRevision(id, shallow: isShallow)
        }
        defer { git_commit_free(commit) }
        return try body(commit)
    }

    /// Runs `body` with the tree of a commit, or with nil (the empty tree) when `id` is nil.
    private func withTree<T>(ofCommit id: String?, _ body: (OpaquePointer?) throws -> T) throws -> T {
        guard let id else { return try body(nil) }
        return try withCommit(id) { commit in
            var tree: OpaquePointer?
            guard git_commit_tree(&tree, commit) == 0, let tree else {
                throw GitDiffError.unknownRevision(id, shallow: isShallow)
            }
            defer { git_tree_free(tree) }
            return try body(tree)
        }
    }
}
