import Foundation

/// The absolute path of the running mu binary, for the hook to call.
public enum MuExecutable {
    /// The path this process was started from, made absolute.
    ///
    /// When `argv[0]` (found through `PATH` if it has no slash) is the same file as
    /// `/proc/self/exe`, its path is kept unresolved: a `/usr/local/bin/mu` symlink then keeps
    /// working after an upgrade moves its target. Otherwise the kernel's answer is used.
    public static func current(arguments: [String] = CommandLine.arguments,
                               environment: [String: String] = ProcessInfo.processInfo.environment,
                               currentDirectory: String = FileManager.default.currentDirectoryPath) throws -> String {
        let fm = FileManager.default
        let selfExe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let argv0 = arguments.first ?? ""
        var candidate: String?
        if argv0.contains("/") {
            candidate = argv0.hasPrefix("/") ? argv0 : currentDirectory + "/" + argv0
        } else if !argv0.isEmpty {
            let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
            candidate = path.split(separator: ":").map { "\($0)/\(argv0)" }.first { fm.isExecutableFile(atPath: $0) }
        }
        if let candidate {
            let standardized = URL(fileURLWithPath: candidate).standardizedFileURL.path
            let resolved = URL(fileURLWithPath: standardized).resolvingSymlinksInPath().path
            if fm.isExecutableFile(atPath: standardized), selfExe == nil || resolved == selfExe {
                return standardized
            }
        }
        if let selfExe, fm.isExecutableFile(atPath: selfExe) { return selfExe }
        throw HookError.executableNotFound(argv0.isEmpty ? "no argv[0]" : argv0)
    }
}
