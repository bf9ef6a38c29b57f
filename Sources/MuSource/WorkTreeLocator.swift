import Foundation
import MuCore

/// Finds the root of the git working tree containing a path by looking for `.git` upwards, without
/// libgit2.
///
/// Why not `GitRepository(discovering:)`: initialising libgit2 parses the system's CA bundle for its
/// HTTPS transport (about 9 ms of CPU here), which is most of a `mu query`. Read commands only need
/// the root to find `.mu/`, so they use this; anything that reads git's index or status still opens
/// the repository with libgit2. The answer is the same as libgit2's `git_repository_open_ext` without
/// flags for ordinary checkouts, linked worktrees and submodules (a `.git` file), and from inside the
/// `.git` directory (tests compare the two).
public enum WorkTreeLocator {
    /// The working tree root containing `path` (a file or directory), with symbolic links resolved.
    public static func root(containing path: String) throws(GitError) -> URL {
        // libgit2 resolves symbolic links in the path it discovers from; so does this.
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw GitError.pathNotFound(path)
        }
        let start = isDirectory.boolValue ? absolute : (absolute as NSString).deletingLastPathComponent
        var directory = start
        while true {
            if isGitEntry((directory as NSString).appendingPathComponent(".git")) {
                return URL(fileURLWithPath: directory, isDirectory: true)
            }
            if (directory as NSString).lastPathComponent == ".git", isGitDirectory(directory) {
                return URL(fileURLWithPath: (directory as NSString).deletingLastPathComponent, isDirectory: true)
            }
            let parent = (directory as NSString).deletingLastPathComponent
            if parent == directory || parent.isEmpty { break }
            directory = parent
        }
        if isGitDirectory(start) { throw GitError.bareRepository(start) }
        throw GitError.notARepository(start)
    }

    /// A `.git` directory, or a `.git` file pointing at one (`gitdir: …`, worktrees and submodules).
    private static func isGitEntry(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return false }
        if isDirectory.boolValue { return isGitDirectory(path) }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 8)) ?? Data()
        return head.starts(with: Array("gitdir: ".utf8))
    }

    /// What git itself checks: `HEAD` and the `objects` and `refs` directories (or their
    /// `commondir` indirection in a linked worktree's git directory).
    private static func isGitDirectory(_ path: String) -> Bool {
        let manager = FileManager.default
        let has = { (name: String) in manager.fileExists(atPath: (path as NSString).appendingPathComponent(name)) }
        return has("HEAD") && ((has("objects") && has("refs")) || has("commondir"))
    }
}
