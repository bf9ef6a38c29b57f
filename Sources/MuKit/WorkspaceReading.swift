import Foundation
import MuSource
import MuStore

/// The read commands' way into a repository (`query`, `search`, `show`, `status`, `cache stats`):
/// only the configuration keys they use, and the index opened read-only — no migration, no file
/// or directory created, no write. A missing index is ``WorkspaceError/noIndex(_:)``; an index from an
/// older or newer mu is a one-line ``StoreError``.
extension Workspace {
    /// The configuration keys a read command needs: where the summaries live.
    public static let readingKeys: Set<String> = ["cache.path"]
    /// What `mu status` also needs to tell changed files: the `[index]` file selection.
    public static let stalenessKeys: Set<String> = readingKeys.union(["index.include", "index.exclude", "index.max_file_bytes"])

    /// The repository containing `path`, with only ``readingKeys`` of its configuration resolved
    /// (a bad value of another key does not stop a read). Found without libgit2
    /// (``WorkTreeLocator``): a read never pays for initialising it.
    public static func forReading(path: String, keys: Set<String> = readingKeys,
                                  loader: ConfigLoader = ConfigLoader()) throws -> Workspace {
        let root = try WorkTreeLocator.root(containing: path)
        let config = try loader.load(repositoryRoot: root, only: keys)
        return Workspace(root: root, config: config)
    }

    /// Opens the index read-only (one connection, no migration).
    public func openDatabaseForReading() throws -> MuDatabase {
        guard FileManager.default.fileExists(atPath: indexPath) else { throw WorkspaceError.noIndex(root.path) }
        let summaries = summariesPath
        return try MuDatabase(path: indexPath, summariesPath: summaries == indexPath ? nil : summaries, access: .readOnly)
    }
}
