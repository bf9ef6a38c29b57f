import ArgumentParser
import Foundation
import MuKit
import MuSource

/// The one place where errors become exit codes (see docs: 0 ok, 1 error, 2 some functions
/// failed, 3 credentials refused, 4 stopped at the budget).
struct ExitStatus {
    var code: Int32
    var message: String

    /// A user-facing error mapped to its exit code, or nil for ArgumentParser's own errors.
    static func forUserError(_ error: Error) -> ExitStatus? {
        switch error {
        case is CleanExit, is ExitCode, is ValidationError: return nil
        case let e as GitError: return ExitStatus(code: 1, message: e.description)
        case let e as ExtractionError: return ExitStatus(code: 1, message: e.description)
        case let e as CustomStringConvertible where String(reflecting: type(of: error)).hasPrefix("MuKit.")
                                                || String(reflecting: type(of: error)).hasPrefix("MuStore.")
                                                || String(reflecting: type(of: error)).hasPrefix("MuLLM."):
            return ExitStatus(code: 1, message: e.description)
        default:
            if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") { return nil }
            return ExitStatus(code: 1, message: "\(error)")
        }
    }
}

extension ExitStatus {
    /// A finished summarize run's exit code: 3 credentials refused, 4 budget reached, 1 provider
    /// unreachable, 2 some functions failed, else 0. Thrown as `ExitCode` so ArgumentParser exits quietly.
    static func check(_ report: SummarizeReport) throws {
        switch report.stop {
        case .credentialsRefused?: throw ExitCode(3)
        case .budgetReached?: throw ExitCode(4)
        case .providerUnreachable?: throw ExitCode(1)
        case nil: if report.failed > 0 { throw ExitCode(2) }
        }
    }
}

/// Terminal facts for output decisions.
enum Terminal {
    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }
    static var colors: Bool { stdoutIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    static func bold(_ s: String) -> String { colors ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
    static func dim(_ s: String) -> String { colors ? "\u{1B}[2m\(s)\u{1B}[0m" : s }

    /// A line on stderr (progress, notes): never mixed into stdout.
    static func note(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }
}

/// Buffered stdout writer: one `write` per 64 KiB instead of per line.
struct StdoutBuffer {
    private var buffer = [UInt8]()
    mutating func line(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        buffer.append(10)
        if buffer.count >= 65_536 { flush() }
    }
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
