import Foundation
import Testing
@testable import MuKit

/// A fresh directory under the system temp dir, removed when `body` returns.
func withConfigTestDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("mu-config-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// Writes `text` at `relativePath` under `directory`, creating folders.
@discardableResult
func writeConfigTestFile(_ text: String, to relativePath: String, in directory: URL) throws -> URL {
    let url = directory.appendingPathComponent(relativePath)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return url
}

/// A home, a repository and a loader over an environment of the test's choosing.
struct ConfigFixture {
    let root: URL
    var home: URL { root.appendingPathComponent("home", isDirectory: true) }
    var repo: URL { root.appendingPathComponent("repo", isDirectory: true) }
    var userFile: URL { home.appendingPathComponent(".config/mu/config.toml") }
    var repoFile: URL { repo.appendingPathComponent(".murc.toml") }

    init(root: URL) throws {
        self.root = root
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
    }

    func writeUserFile(_ text: String) throws { try writeConfigTestFile(text, to: ".config/mu/config.toml", in: home) }
    func writeRepoFile(_ text: String) throws { try writeConfigTestFile(text, to: ".murc.toml", in: repo) }

    func load(environment: [String: String] = [:], flags: ConfigFlags = ConfigFlags()) throws(ConfigError) -> ResolvedConfig {
        try ConfigLoader(environment: environment, homeDirectory: home, currentDirectory: root)
            .load(repositoryRoot: repo, flags: flags)
    }
}

/// Runs `body` and returns the `ConfigError` it threw, or nil when it threw nothing (any other error is
/// recorded as a test failure).
func catchConfigError(_ body: () throws -> Void) -> ConfigError? {
    do {
        try body()
        return nil
    } catch let error as ConfigError {
        return error
    } catch {
        Issue.record("expected a ConfigError, got \(error)")
        return nil
    }
}

/// Parses `text` as the repository file at `/r/.murc.toml` and returns the error, if any.
func configFileError(_ text: String) -> ConfigError? {
    catchConfigError { _ = try ConfigFileReader.assignments(from: text, source: .repositoryFile(path: "/r/.murc.toml")) }
}

/// The repository root of the real checkout, found from this file (through the dev package's symlinks).
func configCheckoutRoot(filePath: String = #filePath) -> URL? {
    var url = URL(fileURLWithPath: filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    while url.path != "/" {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent(".murc.toml.example").path) {
            return url
        }
        url = url.deletingLastPathComponent()
    }
    return nil
}
