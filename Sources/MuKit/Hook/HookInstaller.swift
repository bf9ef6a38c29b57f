import Foundation
import MuSource

/// Where git looks for the repository's post-commit hook.
public struct HookLocation: Sendable, Equatable {
    /// `core.hooksPath`, or `hooks/` in the common git directory (shared by all worktrees).
    public var hooksDirectory: URL
    /// Where `core.hooksPath` was set; nil when git uses the default directory.
    public var hooksPathLevel: GitConfigLevel?
    /// `<hooks>/post-commit`
    public var hookFile: URL
    /// `<hooks>/post-commit.pre-mu`: the hook that was there before mu's, run first by mu's.
    public var previousHookFile: URL
    /// The hooks directory is inside the working tree (a tracked `.githooks/`, say).
    public var insideWorkingTree: Bool
    /// The default hooks directory, when `core.hooksPath` points elsewhere.
    public var defaultHooksDirectory: URL?
}

/// What `mu hook status` reports about the hook file.
public struct HookInstallation: Sendable, Equatable {
    public var location: HookLocation
    /// mu's block is in the hook file git runs.
    public var installed: Bool
    /// The mu binary the block calls.
    public var executable: String?
    public var executableExists: Bool
    /// Git only runs hooks with the executable bit.
    public var hookIsExecutable: Bool
    /// A hook that was there before mu's is kept and run first.
    public var chainsPreviousHook: Bool
    /// `mu.hook` is true in the repository's config: `mu hook run` works here.
    public var enabled: Bool
    /// A hook file holding mu's block that git does not run (core.hooksPath points elsewhere).
    public var unusedBlockFile: URL?
}

/// Installs, removes and inspects mu's post-commit hook, never losing a hook that was there.
///
/// An existing hook is moved to `post-commit.pre-mu` (a rename: contents, mode and symlinks
/// stay as they were) and mu's hook runs it first, keeping its exit status; `uninstall` moves
/// it back. Installing twice writes nothing. The repository is marked with `mu.hook = true` in
/// its git config, so a hooks directory shared by many repositories (a global `core.hooksPath`)
/// only indexes the repositories where `mu hook install` was run.
public struct HookInstaller {
    public let repository: GitRepository
    /// The git config key that marks a repository as opted in.
    public static let enabledKey = "mu.hook"

    public init(repository: GitRepository) {
        self.repository = repository
    }

    public enum InstallOutcome: Sendable, Equatable {
        /// A new hook file; `chained` when an existing hook was kept as `post-commit.pre-mu`.
        case installed(chained: Bool)
        /// mu's block was rewritten (another mu binary, or the block had been edited).
        case updated
        case unchanged
    }

    public enum UninstallOutcome: Sendable, Equatable {
        /// mu's hook removed; `restoredPrevious` when the earlier hook was put back.
        case removed(restoredPrevious: Bool)
        /// Lines someone added around mu's block were kept in the hook file; the earlier hook,
        /// if any, stays at `post-commit.pre-mu`.
        case removedBlockKeptOtherLines
        /// The hooks directory is shared with other repositories (a global `core.hooksPath`): only
        /// this repository's `mu.hook` mark was removed, the shared hook file stays for the others.
        case disabledHereSharedHookKept
        case notInstalled
    }

    public func location() throws -> HookLocation {
        let (directory, level) = try repository.hooksDirectory()
        let defaultDirectory = repository.commonDirectory.appendingPathComponent("hooks", isDirectory: true)
        let root = repository.root.standardizedFileURL.path
        let dir = directory.standardizedFileURL.path
        let gitDirectory = repository.commonDirectory.standardizedFileURL.path
        return HookLocation(
            hooksDirectory: directory,
            hooksPathLevel: level,
            hookFile: directory.appendingPathComponent(HookScript.hookName),
            previousHookFile: directory.appendingPathComponent(HookScript.hookName + HookScript.previousHookSuffix),
            insideWorkingTree: (dir == root || dir.hasPrefix(root + "/"))
                && dir != gitDirectory && !dir.hasPrefix(gitDirectory + "/"),
            defaultHooksDirectory: level == nil || dir == defaultDirectory.standardizedFileURL.path ? nil : defaultDirectory)
    }

    /// Installs (or refreshes) the hook calling `executable`; returns what changed and notes for the user.
    public func install(executable: String) throws -> (outcome: InstallOutcome, notes: [String]) {
        let location = try location()
        // The hook's runs write `.mu/` in the background, possibly while the user runs `git add -A`:
        // the exclude line must be there before the first one.
        repository.ensureExcluded(".mu/")
        let fm = FileManager.default
        let hook = location.hookFile.path
        do {
            try fm.createDirectory(at: location.hooksDirectory, withIntermediateDirectories: true)
        } catch {
            throw HookError.cannotWrite(location.hooksDirectory.path, error.localizedDescription)
        }
        let outcome: InstallOutcome
        if let text = Self.ourHookText(at: hook), let parts = HookScript.split(text) {
            let updated = parts.before + HookScript.block(executable: executable) + parts.after
            if updated == text, fm.isExecutableFile(atPath: hook) {
                outcome = .unchanged
            } else {
                try Self.write(updated, to: hook)
                outcome = .updated
            }
        } else {
            var chained = false
            if Self.exists(hook) {
                let previous = location.previousHookFile.path
                if Self.exists(previous) { throw HookError.previousHookInTheWay(previous) }
                guard rename(hook, previous) == 0 else {
                    throw HookError.cannotWrite(previous, String(cString: strerror(errno)))
                }
                chained = true
            }
            try Self.write(HookScript.file(executable: executable), to: hook)
            outcome = .installed(chained: chained)
        }
        if repository.configBool(Self.enabledKey) != true {
            try repository.setLocalConfig(Self.enabledKey, bool: true)
        }

        var notes: [String] = []
        if let level = location.hooksPathLevel, level.isShared {
            notes.append("core.hooksPath is set in your \(level.rawValue) git config: the hook in \(location.hooksDirectory.path) runs for every repository using it; mu indexes only repositories where `mu hook install` was run (git config mu.hook true)")
        }
        if location.insideWorkingTree {
            notes.append("the hooks directory \(location.hooksDirectory.path) is inside the working tree: the hook file holds this machine's mu path; do not commit it")
        }
        return (outcome, notes)
    }

    /// Removes mu's block and puts back the hook that was there before, and the repository's
    /// `mu.hook` mark. In a hooks directory shared with other repositories (set in the global or
    /// system git config) only the mark goes, unless `removeSharedHook`.
    public func uninstall(removeSharedHook: Bool = false) throws -> UninstallOutcome {
        let location = try location()
        let wasEnabled = repository.configBool(Self.enabledKey) == true
        if wasEnabled { try repository.removeLocalConfig(Self.enabledKey) }
        if let level = location.hooksPathLevel, level.isShared, !removeSharedHook {
            return wasEnabled ? .disabledHereSharedHookKept : .notInstalled
        }
        return try removeBlock(location)
    }

    private func removeBlock(_ location: HookLocation) throws -> UninstallOutcome {
        let fm = FileManager.default
        let hook = location.hookFile.path
        let previous = location.previousHookFile.path
        guard let text = Self.ourHookText(at: hook), let parts = HookScript.split(text) else {
            // mu's hook file is gone but the hook it had moved aside is still there: put it back.
            if !Self.exists(hook), Self.exists(previous) {
                guard rename(previous, hook) == 0 else { throw HookError.cannotWrite(hook, String(cString: strerror(errno))) }
                return .removed(restoredPrevious: true)
            }
            return .notInstalled
        }
        let rest = parts.before + parts.after
        let trimmed = rest.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed == HookScript.shebang {
            do { try fm.removeItem(atPath: hook) } catch { throw HookError.cannotWrite(hook, error.localizedDescription) }
            if Self.exists(previous) {
                guard rename(previous, hook) == 0 else { throw HookError.cannotWrite(hook, String(cString: strerror(errno))) }
                return .removed(restoredPrevious: true)
            }
            return .removed(restoredPrevious: false)
        }
        try Self.write(rest, to: hook)
        return .removedBlockKeptOtherLines
    }

    /// The hook's state, for `mu hook status`.
    public func inspect() throws -> HookInstallation {
        let location = try location()
        let fm = FileManager.default
        let hook = location.hookFile.path
        let block = Self.ourHookText(at: hook).flatMap(HookScript.split)?.block
        let executable = block.flatMap(HookScript.executable(inBlock:))
        var unused: URL?
        if let defaults = location.defaultHooksDirectory {
            let other = defaults.appendingPathComponent(HookScript.hookName)
            if let text = Self.ourHookText(at: other.path), HookScript.split(text) != nil { unused = other }
        }
        return HookInstallation(
            location: location,
            installed: block != nil,
            executable: executable,
            executableExists: executable.map { fm.isExecutableFile(atPath: $0) } ?? false,
            hookIsExecutable: fm.isExecutableFile(atPath: hook),
            chainsPreviousHook: Self.exists(location.previousHookFile.path),
            enabled: repository.configBool(Self.enabledKey) == true,
            unusedBlockFile: unused)
    }

    // MARK: - files

    /// The text of a regular (non-symlink) hook file, nil when missing, a symlink or unreadable.
    static func ourHookText(at path: String) -> String? {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return try? String(contentsOfFile: path, encoding: .utf8)
    }

    /// Whether anything (a file, a symlink, even a dangling one) is at `path`.
    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// Writes an executable hook file atomically (temp file + rename in the same directory).
    static func write(_ text: String, to path: String) throws {
        let temp = path + ".mu-tmp-\(getpid())"
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: temp))
            guard chmod(temp, 0o755) == 0, rename(temp, path) == 0 else {
                let why = String(cString: strerror(errno))
                try? FileManager.default.removeItem(atPath: temp)
                throw HookError.cannotWrite(path, why)
            }
        } catch let error as HookError {
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            throw HookError.cannotWrite(path, error.localizedDescription)
        }
    }
}
