import CLibGit2
import Foundation

/// Where a git configuration value was set.
public enum GitConfigLevel: String, Sendable, Hashable {
    case system, xdg, global, local, app, other

    init(_ level: git_config_level_t) {
        switch level {
        case GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_PROGRAMDATA: self = .system
        case GIT_CONFIG_LEVEL_XDG: self = .xdg
        case GIT_CONFIG_LEVEL_GLOBAL: self = .global
        case GIT_CONFIG_LEVEL_LOCAL: self = .local
        case GIT_CONFIG_LEVEL_APP: self = .app
        default: self = .other
        }
    }

    /// True for settings that apply to more than this repository (`~/.gitconfig`, `/etc/gitconfig`).
    public var isShared: Bool { self == .system || self == .xdg || self == .global }
}

/// A configuration value with the file level it came from.
public struct GitConfigValue: Sendable, Hashable {
    public var value: String
    public var level: GitConfigLevel
}

extension GitRepository {
    /// The raw value of a configuration key (`core.hooksPath`) with its level, or nil when unset.
    public func configValue(_ name: String) throws -> GitConfigValue? {
        try withConfigSnapshot { config in
            var entry: UnsafeMutablePointer<git_config_entry>?
            let rc = git_config_get_entry(&entry, config, name)
            if rc == GIT_ENOTFOUND.rawValue { return nil }
            guard rc == 0, let entry else { throw GitError.libgit2(operation: "config \(name)", message: Self.lastError()) }
            defer { git_config_entry_free(entry) }
            let value = entry.pointee.value.map { String(cString: $0) } ?? ""
            return GitConfigValue(value: value, level: GitConfigLevel(entry.pointee.level))
        }
    }

    /// A boolean configuration key (`true/yes/on/1`), or nil when unset or not a boolean.
    public func configBool(_ name: String) -> Bool? {
        try? withConfigSnapshot { config in
            var out: Int32 = 0
            return git_config_get_bool(&out, config, name) == 0 ? out != 0 : nil
        }
    }

    /// The directory git runs hooks from: `core.hooksPath` when set (`~` expanded; a relative path
    /// is relative to the working tree root, as git resolves it), else `hooks/` in the common
    /// directory shared by all worktrees. `configuredAt` is the level `core.hooksPath` came from.
    public func hooksDirectory() throws -> (url: URL, configuredAt: GitConfigLevel?) {
        guard let setting = try configValue("core.hooksPath"), !setting.value.isEmpty else {
            return (commonDirectory.appendingPathComponent("hooks", isDirectory: true), nil)
        }
        var path = setting.value
        if path == "~" || path.hasPrefix("~/") {
            let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
            path = home + path.dropFirst()
        }
        let url = path.hasPrefix("/")
            ? URL(fileURLWithPath: path, isDirectory: true)
            : root.appendingPathComponent(path, isDirectory: true)
        return (url.standardizedFileURL, setting.level)
    }

    /// Sets a boolean in the repository's own config (`.git/config`, shared by its worktrees).
    public func setLocalConfig(_ name: String, bool value: Bool) throws {
        try withLocalConfig { local in
            guard git_config_set_bool(local, name, value ? 1 : 0) == 0 else {
                throw GitError.libgit2(operation: "config \(name)", message: Self.lastError())
            }
        }
    }

    /// Removes a key from the repository's own config; nothing happens when it is not there.
    public func removeLocalConfig(_ name: String) throws {
        try withLocalConfig { local in
            let rc = git_config_delete_entry(local, name)
            guard rc == 0 || rc == GIT_ENOTFOUND.rawValue else {
                throw GitError.libgit2(operation: "config --unset \(name)", message: Self.lastError())
            }
        }
    }

    private func withConfigSnapshot<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        var config: OpaquePointer?
        guard git_repository_config_snapshot(&config, repo) == 0, let config else {
            throw GitError.libgit2(operation: "config", message: Self.lastError())
        }
        defer { git_config_free(config) }
        return try body(config)
    }

    private func withLocalConfig(_ body: (OpaquePointer) throws -> Void) throws {
        var config: OpaquePointer?
        guard git_repository_config(&config, repo) == 0, let config else {
            throw GitError.libgit2(operation: "config", message: Self.lastError())
        }
        defer { git_config_free(config) }
        var local: OpaquePointer?
        guard git_config_open_level(&local, config, GIT_CONFIG_LEVEL_LOCAL) == 0, let local else {
            throw GitError.libgit2(operation: "config", message: Self.lastError())
        }
        defer { git_config_free(local) }
        try body(local)
    }
}
