import Foundation
import MuSource

/// The `[index]` settings that decide which files are read, resolved for a path.
public struct IndexSettings: Sendable {
    public var include: [String] = []
    public var exclude: [String] = []
    public var maxFileBytes: Int64 = 1_048_576

    public var walkerOptions: RepositoryWalker.Options {
        RepositoryWalker.Options(include: include, exclude: exclude, maxFileBytes: maxFileBytes)
    }

    /// Loads the settings that apply to `path` (TODO: from MuConfig once wired).
    public static func load(path: String) throws -> IndexSettings {
        IndexSettings()
    }
}
