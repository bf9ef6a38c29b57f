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

    public init(include: [String] = [], exclude: [String] = [], maxFileBytes: Int64 = 1_048_576) {
        self.include = include
        self.exclude = exclude
        self.maxFileBytes = maxFileBytes
    }

    public init(_ config: MuConfig) {
        self.init(include: config.index.include, exclude: config.index.exclude, maxFileBytes: Int64(config.index.maxFileBytes))
    }

    /// Loads the configuration that applies to `path` (its repository's `.murc.toml` and the layers
    /// above it) and returns its `[index]` part.
    public static func load(path: String, loader: ConfigLoader = ConfigLoader()) throws -> IndexSettings {
        let root = try FunctionLister.locate(path).repository.root
        return IndexSettings(try loader.load(repositoryRoot: root).config)
    }
}
