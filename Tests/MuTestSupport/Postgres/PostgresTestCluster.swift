import Foundation

/// A throw-away PostgreSQL cluster for tests: `initdb` in a temporary directory, `pg_ctl start`
/// on a free loopback port, stopped and deleted by `stop()` (and at process exit for the shared one).
///
/// PostgreSQL refuses to run as root, so when the tests run as root (CI) every server command runs
/// as the `postgres` user (`runuser -u postgres`). Password authentication (scram-sha-256) is on,
/// so wrong-password tests are real. `make setup` installs Debian's `postgresql` when missing.
///
/// `start(tls: true)` makes a cluster that speaks TLS only: `ssl=on` with a server certificate
/// signed by a throw-away authority (`certificates`, made with the `openssl` CLI), and a
/// `pg_hba.conf` with `hostssl` lines only, so a plain TCP connection is refused.
public final class PostgresTestCluster: @unchecked Sendable {
    // @unchecked Sendable: every stored property is immutable except `running`, which is guarded by `lock`.
    public let directory: URL
    public let port: Int
    public let superuser = "mu_test"
    public let password = "mu-test-secret"
    /// With TLS: the authority that signed the server's certificate (its `authority` file is what a
    /// client passes as `sslrootcert`); nil for a plain cluster.
    public let certificates: TestCertificates?
    private let binaries: URL
    private let runAs: String?
    private let lock = NSLock()
    private var running = false

    /// One cluster per test process, started on first use; each test makes its own database.
    /// Async, and the blocking work runs off the cooperative pool: tests waiting for the cluster
    /// must not starve other tests' timers.
    public static func shared() async throws -> PostgresTestCluster {
        let task: Task<PostgresTestCluster, any Error> = sharedLock.withLock {
            if let sharedStart { return sharedStart }
            let task = Task { () async throws -> PostgresTestCluster in
                let cluster = try await offload { try PostgresTestCluster() }
                sharedLock.withLock { sharedCluster = cluster }
                atexit { PostgresTestCluster.stopShared() }
                return cluster
            }
            sharedStart = task
            return task
        }
        return try await task.value
    }

    /// Initialises and starts a new cluster off the cooperative pool (use for tests that stop the
    /// server, or with `tls` for TLS-only tests).
    public static func start(tls: Bool = false) async throws -> PostgresTestCluster {
        try await offload { try PostgresTestCluster(tls: tls) }
    }

    /// Initialises and starts a new cluster (use for tests that stop the server).
    init(tls: Bool = false) throws {
        binaries = try Self.findBinaries()
        runAs = getuid() == 0 ? "postgres" : nil
        let base = URL(fileURLWithPath: "/tmp").appendingPathComponent("mu-pg-\(UUID().uuidString.prefix(8))")
        directory = base
        port = try Self.freePort()
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        let passwordFile = base.appendingPathComponent("pw")
        try Data(password.utf8).write(to: passwordFile)
        certificates = tls ? try TestCertificates.make(in: base.appendingPathComponent("tls")) : nil
        if let runAs {
            try Self.run("/bin/chown", ["-R", "\(runAs):", base.path])
        }
        try server("initdb", ["-D", dataPath, "-U", superuser, "--pwfile", passwordFile.path, "-A", "scram-sha-256",
                              "--no-sync", "-E", "UTF8", "--locale=C"])
        if tls {
            // TLS only over TCP: no `host` line, so a client that does not ask for TLS is refused.
            try Data("""
                local all all scram-sha-256
                hostssl all all 127.0.0.1/32 scram-sha-256

                """.utf8).write(to: URL(fileURLWithPath: dataPath).appendingPathComponent("pg_hba.conf"))
        }
        try start()
    }

    deinit { stop() }

    var dataPath: String { directory.appendingPathComponent("data").path }

    /// Starts (or restarts) the server on `port`.
    public func start() throws {
        lock.lock(); defer { lock.unlock() }
        guard !running else { return }
        let options = "-c listen_addresses=127.0.0.1 -p \(port) -k \(directory.path) -c fsync=off "
            + "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
            + (certificates.map { " -c ssl=on -c ssl_cert_file=\($0.server.path) -c ssl_key_file=\($0.serverKey.path)" } ?? "")
        try server("pg_ctl", ["-D", dataPath, "-l", directory.appendingPathComponent("log").path, "-o", options,
                              "-w", "-t", "60", "start"])
        running = true
    }

    /// Stops the server (immediately: tests do not need a clean shutdown), keeping its files.
    public func pause() throws {
        lock.lock(); defer { lock.unlock() }
        guard running else { return }
        try server("pg_ctl", ["-D", dataPath, "-m", "immediate", "-w", "stop"])
        running = false
    }

    /// Stops the server and deletes the cluster.
    public func stop() {
        try? pause()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Creates an empty database and returns its name.
    public func createDatabase(_ prefix: String = "mu") async throws -> String {
        let name = "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
        try await query("CREATE DATABASE \(name)", database: "postgres")
        return name
    }

    /// `psql` off the cooperative pool.
    @discardableResult
    public func query(_ sql: String, database: String) async throws -> String {
        try await Self.offload { try self.psql(sql, database: database) }
    }

    /// `pause()` off the cooperative pool.
    public func stopServer() async throws {
        try await Self.offload { try self.pause() }
    }

    /// Runs one SQL statement as the superuser; returns psql's unaligned output.
    @discardableResult
    public func psql(_ sql: String, database: String) throws -> String {
        try Self.run(binaries.appendingPathComponent("psql").path,
                     ["-h", "127.0.0.1", "-p", String(port), "-U", superuser, "-d", database, "-v", "ON_ERROR_STOP=1",
                      "-At", "-c", sql],
                     environment: ["PGPASSWORD": password, "PATH": "/usr/bin:/bin"])
    }

    /// A connection URL (the password, when given, is part of it as in `MU_CACHE_URL`).
    public func url(database: String, user: String? = nil, password: String? = nil,
                    sslmode: String = "disable") -> String {
        let secret = password.map { ":\($0)" } ?? ""
        return "postgres://\(user ?? superuser)\(secret)@127.0.0.1:\(port)/\(database)?sslmode=\(sslmode)"
    }

    // MARK: Plumbing

    /// Runs a server tool (as `runAs` when root) with `spawnClosingDescriptors`: `pg_ctl start` leaves a
    /// daemon behind, which must not inherit this process's pipes (Foundation's `Process` would then
    /// wait for it forever, and so would any concurrent test reading a pipe the daemon holds).
    private func server(_ tool: String, _ arguments: [String]) throws {
        let path = binaries.appendingPathComponent(tool).path
        let command = runAs.map { ["/sbin/runuser", "-u", $0, "--", path] } ?? [path]
        let output = directory.appendingPathComponent("\(tool).out").path
        let status = try Self.spawnClosingDescriptors(command + arguments, in: directory.path, output: output)
        guard status == 0 else {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            throw PostgresTestClusterError.command((command + arguments).joined(separator: " "),
                                                   "exit \(status): \(text.suffix(2000))")
        }
    }

    /// posix_spawn with every descriptor above stderr closed in the child, stdin from /dev/null and
    /// stdout+stderr appended to `output`; waits for the child and returns its exit status.
    static func spawnClosingDescriptors(_ argv: [String], in directory: String, output: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // glibc 2.34+ has these; Swift's Glibc module does not export the `_np` ones, so look them up.
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>,
                                                    UnsafePointer<CChar>) -> Int32
        guard let closeFrom = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np"),
              let changeDirectory = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np")
        else { throw PostgresTestClusterError.command(argv.joined(separator: " "), "needs glibc 2.34 or later") }
        _ = unsafeBitCast(closeFrom, to: CloseFrom.self)(&actions, 3)
        _ = directory.withCString { unsafeBitCast(changeDirectory, to: ChangeDirectory.self)(&actions, $0) }
        let cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else {
            throw PostgresTestClusterError.command(argv.joined(separator: " "), "posix_spawn failed: \(spawned)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return -1 }
        }
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    private static let sharedLock = NSLock()
    nonisolated(unsafe) private static var sharedStart: Task<PostgresTestCluster, any Error>?
    nonisolated(unsafe) private static var sharedCluster: PostgresTestCluster?
    // nonisolated(unsafe): both are read and written only under `sharedLock`.

    private static func stopShared() {
        sharedLock.lock()
        let cluster = sharedCluster
        sharedCluster = nil
        sharedLock.unlock()
        cluster?.stop()
    }

    /// Runs blocking work (initdb, pg_ctl, psql) on a Dispatch thread, not a cooperative one.
    public static func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Debian's `/usr/lib/postgresql/<version>/bin` (newest), or `pg_config --bindir`.
    static func findBinaries() throws -> URL {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for version in versions {
            let bin = root.appendingPathComponent("\(version)/bin")
            if FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path) { return bin }
        }
        if let dir = try? run("/usr/bin/env", ["pg_config", "--bindir"]).trimmingCharacters(in: .whitespacesAndNewlines),
           FileManager.default.isExecutableFile(atPath: dir + "/initdb") {
            return URL(fileURLWithPath: dir)
        }
        throw PostgresTestClusterError.notInstalled
    }

    /// A TCP port free on 127.0.0.1 right now.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PostgresTestClusterError.noPort }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw PostgresTestClusterError.noPort }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs a program, draining its output; throws with its stderr on a non-zero exit.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                    environment: [String: String]? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PostgresTestClusterError.command(([executable] + arguments).joined(separator: " "),
                                                   String(decoding: errData + outData, as: UTF8.self))
        }
        return String(decoding: outData, as: UTF8.self)
    }
}

public enum PostgresTestClusterError: Error, CustomStringConvertible {
    case notInstalled
    case noPort
    case command(String, String)

    public var description: String {
        switch self {
        case .notInstalled: return "PostgreSQL server binaries not found: run `make setup` (installs Debian's postgresql)"
        case .noPort: return "no free loopback port"
        case .command(let command, let output): return "\(command) failed: \(output)"
        }
    }
}
