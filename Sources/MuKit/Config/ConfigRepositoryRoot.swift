import Foundation

extension ConfigLoader {
    /// The directory whose `.murc.toml` applies to `path`: the nearest enclosing directory holding `.git`
    /// (a directory, or a file in worktrees and submodules), or `path` itself outside any git repository.
    /// A lightweight walk so `mu config` needs no libgit2; throws when `path` is not a directory.
    public static func repositoryRoot(containing path: URL) throws(ConfigError) -> URL {
        let start = path.standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: start.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw .notADirectory(path: start.path) }
        var candidate = start
        while true {
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(".git").path) {
                return candidate
            }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path || candidate.path == "/" { return start }
            candidate = parent
        }
    }
}
