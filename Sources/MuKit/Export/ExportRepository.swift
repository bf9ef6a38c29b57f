import Foundation
import MuSource

/// The repository an export comes from: its root, its `origin` remote (credentials removed) and
/// HEAD at export time, read with libgit2.
public struct ExportRepository: Sendable, Hashable, Codable {
    /// Absolute path of the working tree root.
    public var root: String
    /// `remote.origin.url` without any user or password part; nil when there is no origin.
    public var remoteURL: String?
    /// HEAD when the export was made (rows carry the commit each function was indexed at).
    public var headCommit: String?

    enum CodingKeys: String, CodingKey {
        case root
        case remoteURL = "remote_url"
        case headCommit = "head_commit"
    }

    public init(root: String, remoteURL: String?, headCommit: String?) {
        self.root = root
        self.remoteURL = remoteURL
        self.headCommit = headCommit
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(root, forKey: .root)
        try container.encode(remoteURL, forKey: .remoteURL)
        try container.encode(headCommit, forKey: .headCommit)
    }

    /// Reads root, origin URL and HEAD of the repository containing `path`.
    public init(discovering path: String) throws {
        let git = try GitRepository(discovering: path)
        let origin = (try? git.configValue("remote.origin.url"))?.value
        self.init(root: git.root.path, remoteURL: origin.map(Self.withoutCredentials), headCommit: git.headCommit())
    }

    /// `https://user:token@host/x.git` → `https://host/x.git`; scp-like `git@host:x.git` and paths
    /// are kept (a user name there is not a secret).
    static func withoutCredentials(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound]) + rest[rest.index(after: at)...]
    }
}
