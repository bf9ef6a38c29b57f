import Foundation

/// A real git repository in a fresh temporary directory, driven with the git CLI, for tests.
/// The directory is removed when the value is deinitialised.
public final class TempGitRepository: @unchecked Sendable {
    // @unchecked Sendable: `root` is immutable; the files it names are only touched by the test owning it.
    public let root: URL

    /// Creates an empty repository (`git init`) with a deterministic identity and no hooks.
    public init(bare: Bool = false) throws {
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("mu-test-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        root = base.resolvingSymlinksInPath()
        try git(bare ? ["init", "-q", "--bare", "-b", "main"] : ["init", "-q", "-b", "main"])
        if !bare {
            try git(["config", "user.email", "test@example.com"])
            try git(["config", "user.name", "mu tests"])
            try git(["config", "commit.gpgsign", "false"])
            try git(["config", "core.autocrlf", "false"])
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes a file (creating directories), relative to the root.
    @discardableResult
    public func write(_ path: String, _ contents: String) throws -> URL {
        try write(path, Data(contents.utf8))
    }

    @discardableResult
    public func write(_ path: String, _ data: Data) throws -> URL {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url
    }

    public func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    /// `git add -A && git commit -m message`.
    public func commitAll(_ message: String = "commit") throws {
        try git(["add", "-A"])
        try git(["commit", "-q", "--allow-empty", "-m", message])
    }

    /// A linked worktree of this repository (`git worktree add`), in a sibling directory the caller removes.
    public func addLinkedWorktree() throws -> URL {
        let worktree = root.deletingLastPathComponent().appendingPathComponent(root.lastPathComponent + "-wt")
        try git(["worktree", "add", "-q", worktree.path])
        return worktree
    }

    /// Runs git in the repository; throws with git's stderr when it fails.
    @discardableResult
    public func git(_ arguments: [String], in directory: URL? = nil) throws -> String {
        try Self.run("/usr/bin/env", ["git"] + arguments, in: directory ?? root)
    }

    /// Runs a program and returns its stdout; throws `Failure` on a non-zero exit.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], in directory: URL,
                           environment: [String: String]? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = environment ?? ProcessInfo.processInfo.environment
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_TERMINAL_PROMPT"] = "0"
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(command: ([executable] + arguments).joined(separator: " "), status: process.terminationStatus,
                          stderr: String(decoding: errData, as: UTF8.self))
        }
        return String(decoding: outData, as: UTF8.self)
    }

    public struct Failure: Error, CustomStringConvertible {
        public var command: String
        public var status: Int32
        public var stderr: String
        public var description: String { "\(command) exited \(status): \(stderr)" }
    }
}

/// Locations inside this source tree, for tests that read committed fixtures.
public enum SourceTree {
    /// The package root (the folder holding Package.swift).
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    public static var fixtures: URL { root.appendingPathComponent("fixtures") }
}
