import Foundation
import MuKit
import MuSource
import MuTestSupport
import Testing

/// The installed hook file, run the way git runs it, with a stand-in for mu that records how it
/// was started.
@Suite struct HookScriptTests {
    struct Setup {
        let repo: TempGitRepository
        let hook: URL
        let record: URL
        let env: [String: String]
    }

    /// A repository with mu's hook calling `fakeMu` (written from `muScript`), and optionally a
    /// previous hook.
    func setUp(muScript: String?, previous: String? = nil, executableName: String = "fake mu") throws -> Setup {
        let repo = try TempGitRepository()
        let record = repo.root.appendingPathComponent(".git/record.txt")
        let hook = repo.root.appendingPathComponent(".git/hooks/post-commit")
        if let previous { try writeExecutable(hook, previous) }
        let fakeMu = repo.root.appendingPathComponent(".git/bin/\(executableName)")
        if let muScript { try writeExecutable(fakeMu, muScript) }
        _ = try HookInstaller(repository: GitRepository(discovering: repo.root.path)).install(executable: fakeMu.path)
        var env = try hermeticEnvironment(repo)
        env["RECORD"] = record.path
        return Setup(repo: repo, hook: hook, record: record, env: env)
    }

    func waitForLines(_ file: URL, count: Int) async throws -> [String] {
        for _ in 0..<100 {
            let lines = ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            if lines.count >= count { return lines }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("\(file.path) never had \(count) lines")
        return []
    }

    @Test func runsThePreviousHookFirstKeepsItsExitStatusAndStartsMuDetached() async throws {
        let s = try setUp(
            muScript: """
                #!/bin/sh
                echo "mu $* stdin=$(readlink /proc/$$/fd/0) stdout=$(readlink /proc/$$/fd/1) stderr=$(readlink /proc/$$/fd/2)" >> "$RECORD"
                """,
            previous: "#!/bin/sh\necho \"previous $*\" >> \"$RECORD\"\necho 'output of the previous hook'\nexit 3\n")
        let outcome = try runProcess(s.hook.path, [], in: s.repo.root, environment: s.env)
        #expect(outcome.status == 3)
        #expect(outcome.stdout == "output of the previous hook\n") // the previous hook's output reaches the user
        let lines = try await waitForLines(s.record, count: 2)
        #expect(lines.first == "previous ")
        #expect(lines.last == "mu hook run stdin=/dev/null stdout=/dev/null stderr=/dev/null")
    }

    @Test func aSlowMuNeverHoldsUpTheHook() throws {
        let s = try setUp(muScript: "#!/bin/sh\nsleep 2\necho done >> \"$RECORD\"\n")
        // Timed inside a shell: Foundation's Process only reports an exit once every inheritor
        // of its descriptors is gone, and this stand-in (unlike mu) does not close them.
        let timed = "s=$(date +%s%N); \"$0\"; status=$?; e=$(date +%s%N); echo $status $(( (e - s) / 1000000 ))"
        let outcome = try runProcess("/bin/sh", ["-c", timed, s.hook.path], in: s.repo.root, environment: s.env)
        let fields = outcome.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(fields.first == 0)
        let milliseconds = try #require(fields.last)
        #expect(milliseconds < 500, "the hook waited for mu: \(milliseconds) ms")
    }

    @Test func aDeletedOrBrokenMuBinaryNeverFailsTheHook() throws {
        let missing = try setUp(muScript: nil)
        let outcome = try runProcess(missing.hook.path, [], in: missing.repo.root, environment: missing.env)
        #expect(outcome.status == 0 && outcome.stdout.isEmpty && outcome.stderr.isEmpty)

        let failing = try setUp(muScript: "#!/bin/sh\necho boom >&2\nexit 9\n",
                                previous: "#!/bin/sh\nexit 0\n", executableName: "it's mu")
        let second = try runProcess(failing.hook.path, [], in: failing.repo.root, environment: failing.env)
        #expect(second.status == 0 && second.stderr.isEmpty)
    }

    @Test func aPreviousHookThatWasNotExecutableStaysDisabled() throws {
        let s = try setUp(muScript: "#!/bin/sh\nexit 0\n", previous: "#!/bin/sh\necho ran >> \"$RECORD\"\nexit 1\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o644],
                                              ofItemAtPath: s.hook.path + HookScript.previousHookSuffix)
        let outcome = try runProcess(s.hook.path, [], in: s.repo.root, environment: s.env)
        #expect(outcome.status == 0)
        #expect(!FileManager.default.fileExists(atPath: s.record.path)) // git would not have run it either
    }

    @Test func aRealCommitRunsTheHookAndSucceedsWhateverThePreviousHookReturns() async throws {
        let s = try setUp(muScript: "#!/bin/sh\necho \"mu $* in $(pwd)\" >> \"$RECORD\"\n",
                          previous: "#!/bin/sh\necho previous >> \"$RECORD\"\nexit 1\n")
        try s.repo.write("a.py", "x = 1\n")
        try commit(s.repo, "one", environment: s.env) // throws if git commit fails
        let lines = try await waitForLines(s.record, count: 2)
        #expect(lines == ["previous", "mu hook run in \(s.repo.root.path)"])
    }
}
