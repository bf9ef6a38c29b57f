import Foundation
import MuKit
import MuStore
import MuTestSupport
import Testing

/// The `mu` binary built with the tests (`swift build --build-tests` builds every product into
/// the directory holding the test bundle); `MU_TEST_BINARY` overrides it.
func builtMuBinary() throws -> String {
    if let path = ProcessInfo.processInfo.environment["MU_TEST_BINARY"] { return path }
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    var directory = URL(fileURLWithPath: exe).deletingLastPathComponent()
    // On macOS the runner sits inside the .xctest bundle: climb out of it.
    while directory.path != "/", !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("mu").path) {
        if directory.pathExtension == "xctest" || directory.lastPathComponent == "Contents" || directory.lastPathComponent == "MacOS" {
            directory.deleteLastPathComponent()
        } else {
            break
        }
    }
    let candidate = directory.appendingPathComponent("mu").path
    try #require(FileManager.default.isExecutableFile(atPath: candidate),
                 "the mu binary is not next to the tests (\(candidate)): build with `swift build --build-tests`")
    return candidate
}

/// An environment for git (and so for the hook and mu) that reads no user configuration: a
/// private HOME inside `.git` (never committed), no MU_* or provider variables.
func hermeticEnvironment(_ repo: TempGitRepository) throws -> [String: String] {
    let home = repo.root.appendingPathComponent(".git/mu-test-home")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    let inherited = ProcessInfo.processInfo.environment
    return ["PATH": inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin", "HOME": home.path,
            "LANG": "C.UTF-8", "GIT_CONFIG_NOSYSTEM": "1"]
}

/// A config loader matching `hermeticEnvironment`, for in-process runs.
func hermeticLoader(_ repo: TempGitRepository) -> ConfigLoader {
    ConfigLoader(environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"],
                 homeDirectory: repo.root.appendingPathComponent(".git/mu-test-home"))
}

/// `git add -A && git commit` with the hermetic environment (so the installed hook runs there too).
func commit(_ repo: TempGitRepository, _ message: String, in directory: URL? = nil,
            environment: [String: String]? = nil) throws {
    let env = try environment ?? hermeticEnvironment(repo)
    let dir = directory ?? repo.root
    try TempGitRepository.run("/usr/bin/env", ["git", "add", "-A"], in: dir, environment: env)
    try TempGitRepository.run("/usr/bin/env", ["git", "commit", "-q", "--allow-empty", "-m", message], in: dir, environment: env)
}

func revParse(_ repo: TempGitRepository, _ rev: String = "HEAD", in directory: URL? = nil) throws -> String {
    try repo.git(["rev-parse", rev], in: directory).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// Waits (polling every 100 ms, at most `timeout`) until the background hook run for `head` in
/// the working tree at `root` has finished with no rerun pending; returns its record.
func waitForHookRun(root: URL, head: String, timeout: Duration = .seconds(30)) async throws -> HookRunRecord {
    let mu = root.appendingPathComponent(".mu", isDirectory: true)
    let status = HookStatusFile(muDirectory: mu)
    let marks = RerunMark(muDirectory: mu)
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while clock.now < deadline {
        if let record = status.read(), record.head == head, record.outcome != .running, !marks.isPresent {
            return record
        }
        try await Task.sleep(for: .milliseconds(100))
    }
    let log = HookLog(muDirectory: mu).tail(10).joined(separator: "\n")
    Issue.record("no finished hook run for \(head.prefix(12)) within \(timeout); last record: \(String(describing: status.read())); log:\n\(log)")
    throw CancellationError()
}

/// Every indexed function as `path:qualifiedName`, and the same with summaries present.
func indexedFunctions(root: URL) async throws -> (all: Set<String>, summarized: Set<String>) {
    let database = try MuDatabase(path: root.appendingPathComponent(".mu/mu.db").path)
    defer { try? database.close() }
    let index = SymbolIndex(database: database)
    var all = Set<String>(), summarized = Set<String>()
    var after: Int64 = 0
    while true {
        let page = try await index.functions(afterID: after, limit: 500)
        guard let last = page.last else { break }
        after = last.id
        for function in page {
            all.insert("\(function.path):\(function.qualifiedName)")
            if function.summary != nil { summarized.insert("\(function.path):\(function.qualifiedName)") }
        }
    }
    return (all, summarized)
}

/// Result of a finished process.
struct ProcessOutcome {
    var status: Int32
    var stdout: String
    var stderr: String
    var seconds: Double
}

/// Runs a program to completion, reading its output to EOF (so a child that kept our pipes open
/// would make this wait: the hook must not).
func runProcess(_ executable: String, _ arguments: [String], in directory: URL,
                environment: [String: String]) throws -> ProcessOutcome {
    // A script written a moment ago can still be open for writing in a child that another test's
    // thread forked meanwhile (the descriptor lives until that child execs): exec then fails with
    // ETXTBSY for a few milliseconds. Retry, as Go's os/exec does.
    for attempt in 1...50 {
        do {
            return try runProcessOnce(executable, arguments, in: directory, environment: environment)
        } catch let error as NSError where attempt < 50 && isTextFileBusy(error) {
            Thread.sleep(forTimeInterval: 0.02)
        }
    }
    fatalError("unreachable")
}

private func isTextFileBusy(_ error: NSError) -> Bool {
    let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError
    return (error.domain == NSPOSIXErrorDomain && error.code == Int(ETXTBSY))
        || (underlying?.domain == NSPOSIXErrorDomain && underlying?.code == Int(ETXTBSY))
}

private func runProcessOnce(_ executable: String, _ arguments: [String], in directory: URL,
                            environment: [String: String]) throws -> ProcessOutcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = environment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let start = Date()
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessOutcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                          stderr: String(decoding: errData, as: UTF8.self), seconds: Date().timeIntervalSince(start))
}

/// Writes an executable file.
@discardableResult
func writeExecutable(_ url: URL, _ text: String) throws -> URL {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    return url
}

func permissions(_ path: String) throws -> Int {
    try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
}
