import Foundation

/// Runs universal-ctags over a batch of files (the list goes on stdin) and decodes its JSON lines.
struct CtagsRunner: Sendable {
    /// One ctags JSON record (`--output-format=json --fields=+neKS`).
    struct Tag: Sendable, Equatable {
        var name: String
        var path: String
        var line: Int?
        var kind: String?
        var scope: String?
        var scopeKind: String?
        var signature: String?
        var end: Int?
    }

    let executable: URL

    /// The ctags kinds mu reads per language: functions and methods, and the kinds that enclose
    /// them (ctags only reports a scope whose kind is enabled); Kotlin packages to drop from names. Fewer tags to write and read; JavaScript and
    /// TypeScript keep every kind, since functions bound to constants, variables and fields count.
    /// The pattern field (`-P`) is never read, and is a third of the output.
    static let kinds: [String: String] = [
        "Python": "fmc", "Go": "f", "Rust": "fPcis", "Java": "mcgi", "C": "f", "C++": "fcnsu",
        "Ruby": "fSmc", "C#": "mcsin", "Kotlin": "mpcio", "PHP": "fcitn",
    ]

    /// Finds ctags: `MU_CTAGS` if set, else `ctags` on PATH.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> CtagsRunner {
        if let override = environment["MU_CTAGS"], !override.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: override) else { throw ExtractionError.ctagsNotFound }
            return CtagsRunner(executable: URL(fileURLWithPath: override))
        }
        for dir in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            for name in ["ctags", "universal-ctags", "uctags"] {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) {
                    return CtagsRunner(executable: URL(fileURLWithPath: candidate))
                }
            }
        }
        throw ExtractionError.ctagsNotFound
    }

    /// Tags of `paths` (relative to `root`) parsed as `ctagsLanguage`, grouped by path.
    func tags(for paths: [String], ctagsLanguage: String, root: URL) async throws -> [String: [Tag]] {
        var arguments = ["--sort=no", "--output-format=json", "--fields=+neKS-P", "--language-force=\(ctagsLanguage)"]
        if let kinds = Self.kinds[ctagsLanguage] { arguments.append("--kinds-\(ctagsLanguage)=\(kinds)") }
        let output = try await run(arguments: arguments + ["-L", "-", "-f", "-"],
                                   stdin: paths.joined(separator: "\n") + "\n", directory: root)
        var byPath: [String: [Tag]] = [:]
        for line in output.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let tag = CtagsJSONLine.parse(line), tag.line != nil else { continue }
            byPath[tag.path, default: []].append(tag)
        }
        return byPath
    }

    /// Runs ctags off the cooperative pool: it blocks on pipes. Stdin is written and stderr drained
    /// on their own threads so a large output can never deadlock. Dedicated threads, not GCD work
    /// items: with every GCD worker blocked on a pipe, GCD waited about a second before adding one
    /// for the writer, and each batch stalled that long.
    func run(arguments: [String], stdin: String, directory: URL) async throws -> [UInt8] {
        let executable = self.executable
        return try await withCheckedThrowingContinuation { continuation in
            Self.onNewThread {
                let process = Process()
                process.executableURL = executable
                process.arguments = arguments
                process.currentDirectoryURL = directory
                let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
                process.standardInput = inPipe
                process.standardOutput = outPipe
                process.standardError = errPipe
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: ExtractionError.ctagsNotFound)
                    return
                }
                let group = DispatchGroup()
                let input = Data(stdin.utf8)
                group.enter()
                Self.onNewThread {
                    try? inPipe.fileHandleForWriting.write(contentsOf: input)
                    try? inPipe.fileHandleForWriting.close()
                    group.leave()
                }
                let errBox = DataBox()
                group.enter()
                Self.onNewThread {
                    errBox.data = errPipe.fileHandleForReading.readDataToEndOfFile()
                    group.leave()
                }
                let out = outPipe.fileHandleForReading.readDataToEndOfFile()
                group.wait()
                process.waitUntilExit()
                let status = process.terminationStatus
                if status != 0 {
                    let message = String(decoding: errBox.data, as: UTF8.self)
                        .split(separator: "\n").first.map(String.init) ?? ""
                    if message.contains("output-format") || message.contains("Unknown option") {
                        continuation.resume(throwing: ExtractionError.ctagsNotUniversal(executable.path))
                    } else {
                        continuation.resume(throwing: ExtractionError.ctagsFailed(status: status, message: message))
                    }
                    return
                }
                continuation.resume(returning: [UInt8](out))
            }
        }
    }
}

extension CtagsRunner {
    /// Runs blocking work on a thread of its own (see `run`).
    static func onNewThread(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.stackSize = 1 << 20
        thread.start()
    }
}

/// Holds stderr bytes written by one thread and read by another after `DispatchGroup.wait()`.
/// `@unchecked Sendable` is safe: the group's wait orders the single write before the single read.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
