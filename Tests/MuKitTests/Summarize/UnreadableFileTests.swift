import Foundation
import MuTestSupport
import Testing

/// Issue 9 #6: a tracked file mu may not read (permissions) is skipped with a warning and a count,
/// as `git status` does, instead of aborting the run with libgit2's "… is locked: Permission
/// denied"; its index rows are kept. The tests run as root, which reads any file, so mu runs as
/// `nobody` (setpriv) on a repository that user owns; as another user, chmod alone suffices.
@Suite(.enabled(if: UnprivilegedRun.available,
                 "needs a non-root user, or setpriv and a mu binary (and Swift runtime) that nobody may run"))
struct UnreadableFileTests {
    @Test func anUnreadableFileIsSkippedCountedAndKeepsItsIndex() async throws {
        let repo = try TempGitRepository()
        try repo.git(["config", "mu.hook", "true"])
        try repo.write("a.py", "def a():\n    return 1\n")
        try repo.write("b.py", "def b():\n    return 2\n")
        try repo.write("sub/c.py", "def c():\n    return 3\n")
        try repo.commitAll("three files")
        let environment = try hermeticEnvironment(repo)
        try UnprivilegedRun.handOver(repo.root)
        let mu = try builtMuBinary()
        func run(_ arguments: [String]) throws -> ProcessOutcome {
            try UnprivilegedRun.run(mu, arguments, in: repo.root, environment: environment)
        }

        let first = try run(["summarize", ".", "--provider", "extractive", "--quiet"])
        try #require(first.status == 0, "\(first.stderr)")

        // b.py unreadable and changed since (so its stored state no longer matches); sub/ not enterable.
        let b = repo.root.appendingPathComponent("b.py").path
        try FileManager.default.setAttributes([.posixPermissions: 0, .modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: b)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: repo.root.appendingPathComponent("sub").path)
        try repo.write("a.py", "def a():\n    return 10\n")
        try UnprivilegedRun.handOver(repo.root.appendingPathComponent("a.py"))

        let summarize = try run(["summarize", ".", "--provider", "extractive", "--json"])
        #expect(summarize.status == 0, "\(summarize.stderr)")
        #expect(!summarize.stderr.contains("is locked"))
        #expect(summarize.stderr.contains("warning: 2 files could not be read (permission denied) and keep their last index: b.py, sub/c.py"),
                "\(summarize.stderr)")
        #expect(jsonInt(summarize.stdout, "files_unreadable") == 2, "\(summarize.stdout)")
        #expect(jsonInt(summarize.stdout, "functions") == 3, "\(summarize.stdout)")

        let since = try run(["summarize", ".", "--provider", "extractive", "--since", "HEAD", "--json"])
        #expect(since.status == 0, "\(since.stderr)")
        #expect(jsonInt(since.stdout, "files_unreadable") == 2, "\(since.stdout)")

        let cost = try run(["cost", ".", "--provider", "extractive", "--json"])
        #expect(cost.status == 0, "\(cost.stderr)")
        #expect(jsonInt(cost.stdout, "files_unreadable") == 2, "\(cost.stdout)")

        let status = try run(["status", ".", "--json"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(jsonInt(status.stdout, "files_unreadable") == 2, "\(status.stdout)")
        #expect(jsonInt(status.stdout, "functions") == 3, "\(status.stdout)")
        let statusText = try run(["status", "."])
        #expect(statusText.stdout.contains("2 unreadable (permission denied), kept as indexed"), "\(statusText.stdout)")

        let functions = try run(["functions", "."])
        #expect(functions.status == 0, "\(functions.stderr)")
        #expect(functions.stdout.contains("a.py") && !functions.stdout.contains("b.py"))
        #expect(functions.stderr.contains("2 files could not be read"), "\(functions.stderr)")

        // The hook: a commit touching b.py, which is then unreadable.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: b)
        try repo.write("b.py", "def b():\n    return 20\n")
        try UnprivilegedRun.handOver(repo.root.appendingPathComponent("b.py"))
        let committed = try UnprivilegedRun.run("/usr/bin/git", ["commit", "-qam", "b changed"], in: repo.root, environment: environment)
        try #require(committed.status == 0, "\(committed.stderr)")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: b)
        let hook = try run(["hook", "run", ".", "--foreground"])
        #expect(hook.status == 0, "\(hook.stderr)")
        #expect(hook.stdout.contains("unreadable skipped"), "\(hook.stdout)")

        // `mu mcp`'s refresh tool: the same count in its text and structured result.
        let refresh = try UnprivilegedRun.mcpRefresh(mu, root: repo.root, environment: environment)
        #expect(refresh.contains("could not be read (permission denied)") && refresh.contains(#""files_unreadable":2"#), "\(refresh)")

        // Nothing indexed was lost: b.py and sub/c.py keep their functions and summaries.
        let query = try run(["query", "b", "--json"])
        #expect(query.status == 0 && query.stdout.contains("\"b.py\""), "\(query.stdout) \(query.stderr)")
        let indexed = try await indexedFunctions(root: repo.root)
        #expect(indexed.all == ["a.py:a", "b.py:b", "sub/c.py:c"])
        #expect(indexed.summarized == indexed.all)
    }

    func jsonInt(_ text: String, _ key: String) -> Int? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("{") }),
              let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
        return object[key] as? Int
    }
}

/// Running a program as an unprivileged user, so file permissions apply to it.
enum UnprivilegedRun {
    static let isRoot = getuid() == 0
    static let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }
    /// Whether the test can run: not root, or root with setpriv and a mu binary `nobody` may execute
    /// (a checkout under /root, mode 700, is not: then the suite is skipped and says why).
    static let available: Bool = {
        guard isRoot else { return true }
        guard let mu = try? builtMuBinary(),
              let probe = try? run(mu, ["--version"], in: URL(fileURLWithPath: "/tmp"), environment: ["PATH": "/usr/bin:/bin"])
        else { return false }
        return probe.status == 0
    }()

    /// Gives the tree at `url` to `nobody` when running as root (nothing to do otherwise).
    static func handOver(_ url: URL) throws {
        guard isRoot else { return }
        try TempGitRepository.run("/bin/chown", ["-R", "nobody:nogroup", url.path], in: url.deletingLastPathComponent(),
                                  environment: ["PATH": "/usr/bin:/bin"])
    }

    /// Starts `mu mcp` (as `nobody` when root), calls its `refresh` tool and returns the reply line.
    /// Stdin stays open until the reply arrives (the server stops at end of input); a watchdog ends
    /// the process after 60 s so a missing reply fails the test instead of hanging it.
    static func mcpRefresh(_ mu: String, root: URL, environment: [String: String]) throws -> String {
        let process = Process()
        if isRoot, let setpriv {
            process.executableURL = URL(fileURLWithPath: setpriv)
            process.arguments = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", mu, "mcp", root.path]
        } else {
            process.executableURL = URL(fileURLWithPath: mu)
            process.arguments = ["mcp", root.path]
        }
        process.currentDirectoryURL = root
        process.environment = environment
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        DispatchQueue.global().asyncAfter(deadline: .now() + 60) { if process.isRunning { process.terminate() } }
        let requests = [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}"#,
            #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"refresh","arguments":{}}}"#,
        ]
        input.fileHandleForWriting.write(Data((requests.joined(separator: "\n") + "\n").utf8))
        var received = Data()
        var reply = ""
        while reply.isEmpty {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
            reply = String(decoding: received, as: UTF8.self).split(separator: "\n")
                .first { $0.contains(#""id":2"#) }.map(String.init) ?? ""
        }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return reply
    }

    /// Runs `executable` as `nobody` when root (setpriv keeps the environment), as is otherwise.
    static func run(_ executable: String, _ arguments: [String], in directory: URL,
                    environment: [String: String]) throws -> ProcessOutcome {
        guard isRoot, let setpriv else { return try runProcess(executable, arguments, in: directory, environment: environment) }
        return try runProcess(setpriv, ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", executable] + arguments,
                              in: directory, environment: environment)
    }
}
