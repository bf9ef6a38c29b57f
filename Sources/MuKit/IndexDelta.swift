import Foundation
import MuCore
import MuSource
import MuStore

/// What changed since the last run, from a walk and the stored file states alone (no parsing):
/// the files to read, the files left as indexed, the indexed files that are gone.
///
/// `mu summarize`, its planner (`mu cost`, `--dry-run`) and `mu status` all start here.
public struct IndexDelta: Sendable {
    /// Everything the walk found (with its skip counts).
    public var walk: WalkResult
    /// New or changed files (size, mtime, inode or clean blob id differ from the stored state).
    public var toRead: [WalkedFile]
    /// Files whose stored state matches: their functions stay as indexed.
    public var unchanged: [WalkedFile]
    /// Indexed paths the walk no longer finds (deleted, now ignored or excluded), sorted. Files
    /// the walk could not read (permissions) are not among them: they keep their index rows.
    public var removed: [String]

    /// Files changed, added or removed since the last run.
    public var staleCount: Int { toRead.count + removed.count }

    /// Splits a walk by the stored states. With `onlyPaths` (`--since`, the hook) only those
    /// paths are considered: every other file counts as unchanged and none as removed.
    public init(walk: WalkResult, known: [String: FileState], onlyPaths: Set<String>? = nil) {
        self.walk = walk
        var toRead: [WalkedFile] = []
        var unchanged: [WalkedFile] = []
        for file in walk.files {
            let path = file.file.path
            if let onlyPaths, !onlyPaths.contains(path) {
                unchanged.append(file)
            } else if let state = known[path],
                      state.matches(size: file.size, mtimeNs: file.mtimeNs, inode: file.inode, blobId: file.blobID) {
                unchanged.append(file)
            } else {
                toRead.append(file)
            }
        }
        let walked = Set(walk.files.map(\.file.path))
        // Every indexed file has a state (written with its functions), so the states name them all.
        var removed = Set(known.keys).subtracting(walked).subtracting(walk.unreadable)
        if let onlyPaths { removed.formIntersection(onlyPaths) }
        self.toRead = toRead
        self.unchanged = unchanged
        self.removed = removed.sorted()
    }

    /// Walks `repository` (only `onlyPaths` when given: git is asked about those paths alone) and
    /// compares with `known`. Files whose state matches are not even opened by the walker.
    public static func compute(repository: GitRepository, options: RepositoryWalker.Options,
                               known: [String: FileState], onlyPaths: Set<String>? = nil) throws -> IndexDelta {
        let entries = try onlyPaths.map { try repository.listFiles(restrictedTo: $0) } ?? repository.listFiles()
        let walk = RepositoryWalker(options: options).walk(entries: entries, root: repository.root,
                                                           known: knownFiles(known))
        return IndexDelta(walk: walk, known: known, onlyPaths: onlyPaths)
    }

    /// The walker's shortcut for files whose state is unchanged (their head is not read again).
    public static func knownFiles(_ known: [String: FileState]) -> RepositoryWalker.KnownFile {
        { path, size, mtimeNs, inode, blobID in
            guard let state = known[path], state.matches(size: size, mtimeNs: mtimeNs, inode: inode, blobId: blobID),
                  let name = state.language, let language = Language(rawValue: name) else { return nil }
            return language
        }
    }
}
