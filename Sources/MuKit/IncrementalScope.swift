import Foundation
import MuSource

/// The files an incremental run looks at: everything that differs between some base commits and
/// the working tree. Committed changes come from libgit2 tree diffs (base → HEAD, renames
/// detected, so both sides of a rename are listed); uncommitted ones from the working tree's
/// status (staged, unstaged, untracked and not ignored).
///
/// Listing a path that did not really change costs a `stat`: the pipeline's file states skip it.
/// Missing one would leave the index stale, so the scope errs on the side of more paths.
public struct IncrementalScope: Sendable, Equatable {
    /// HEAD when the scope was taken; nil before the first commit.
    public var head: String?
    /// The base commits diffed against HEAD; nil stands for the empty tree (every file of HEAD).
    public var bases: [String?]
    /// Committed changes, base by base, deduplicated.
    public var committed: [GitChange]
    /// Staged, unstaged and untracked changes relative to HEAD.
    public var workingTree: [GitChange]

    /// Every repository-relative path to re-read or drop (both sides of renames).
    public var paths: Set<String> {
        Set((committed + workingTree).flatMap(\.paths))
    }

    /// Committed renames, for reports: their functions move without new summaries.
    public var renames: [GitChange] { committed.filter { $0.kind == .renamed } }

    /// `mu summarize --since REV`: what changed between `revision` and the working tree.
    /// - Throws: `GitDiffError.unknownRevision` when `revision` names no commit here.
    public static func since(_ revision: String, in repository: GitRepository) throws -> IncrementalScope {
        let base = try repository.resolveCommit(revision)
        return try changes(since: [base], in: repository)
    }

    /// `since(_:in:)` for the repository whose working tree root is `repositoryRoot`.
    public static func since(_ revision: String, repositoryRoot: URL) throws -> IncrementalScope {
        try since(revision, in: GitRepository(discovering: repositoryRoot.path))
    }

    /// What changed between each base (nil = the empty tree) and the working tree.
    /// - Throws: `GitDiffError.unknownRevision` when a base's tree is not in the repository
    ///   (a commit beyond a shallow clone's history, or one that was garbage-collected).
    public static func changes(since bases: [String?], in repository: GitRepository) throws -> IncrementalScope {
        let head = repository.headCommit()
        var unique: [String?] = []
        for base in bases where !unique.contains(base) { unique.append(base) }
        var committed: [GitChange] = []
        var seen = Set<GitChange>()
        if let head {
            for base in unique where base != head {
                for change in try repository.changes(from: base, to: head) where seen.insert(change).inserted {
                    committed.append(change)
                }
            }
        }
        let workingTree = try repository.workingTreeChanges()
        return IncrementalScope(head: head, bases: unique, committed: committed, workingTree: workingTree)
    }
}
