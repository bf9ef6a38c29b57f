import Foundation
import MuSource

/// Lists the functions of a repository (or of a directory or file inside it) without any LLM:
/// walk, then extract with ctags + scanners and SwiftSyntax. The `mu functions` pipeline.
public struct FunctionLister: Sendable {
    public struct Listing: Sendable {
        public var root: URL
        public var headCommit: String?
        public var files: [FileFunctions]
        public var walk: WalkResult
        /// Files that disappeared or became unreadable between listing and reading.
        public var readFailures: [(path: String, reason: ReadFailure)]
        public var functionCount: Int { files.reduce(0) { $0 + $1.units.count } }
    }

    public var options: RepositoryWalker.Options
    public var environment: [String: String]

    public init(options: RepositoryWalker.Options = .init(), environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.options = options
        self.environment = environment
    }

    /// Opens the repository holding `path` and returns its root and the path relative to it.
    public static func locate(_ path: String) throws -> (repository: GitRepository, relative: String?) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDir) else { throw GitError.pathNotFound(path) }
        let repository = try GitRepository(discovering: isDir.boolValue ? absolute : (absolute as NSString).deletingLastPathComponent)
        let rootPath = repository.root.resolvingSymlinksInPath().path
        let resolved = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
        var relative: String? = nil
        if resolved != rootPath, resolved.hasPrefix(rootPath + "/") {
            relative = String(resolved.dropFirst(rootPath.count + 1))
        }
        return (repository, relative)
    }

    public func list(path: String) async throws -> Listing {
        let trace = PhaseTimer()
        let (repository, relative) = try Self.locate(path)
        var options = self.options
        options.scope = relative
        let walk = try RepositoryWalker(options: options).walk(repository)
        trace.mark("walk (\(walk.files.count) files)")
        let head = repository.headCommit()
        let root = repository.root
        var batch = try await CompositeExtractor.standard(environment: environment)
            .extract(walk.files.map(\.file), root: root)
        trace.mark("extract")
        batch.files.sort { $0.file.path < $1.file.path }
        return Listing(root: root, headCommit: head, files: batch.files, walk: walk, readFailures: batch.failures)
    }
}
