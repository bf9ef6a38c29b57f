import ArgumentParser
import Foundation
import MuKit
import MuCore

/// The one place where errors become exit codes (see docs: 0 ok, 1 error, 2 some functions
/// failed, 3 credentials refused, 4 stopped at the budget).
struct ExitStatus {
    var code: Int32
    var message: String

    /// An error thrown by a command mapped to its exit code: a ``MuFailure`` gives its own, any
    /// other error (I/O, database) is 1; nil for ArgumentParser's exits, which print themselves.
    static func forUserError(_ error: Error) -> ExitStatus? {
        switch error {
        case is CleanExit, is ExitCode, is ValidationError: return nil
        case let failure as any MuFailure: return ExitStatus(code: failure.exitCode.rawValue, message: failure.userMessage)
        default: return ExitStatus(code: MuExitCode.error.rawValue, message: "\(error)")
        }
    }
}

extension ExitStatus {
    /// A finished summarize run's exit code: 3 credentials refused, 4 budget reached, 1 provider
    /// unreachable, 2 some functions failed, else 0. Thrown as `ExitCode` so ArgumentParser exits quietly.
    static func check(_ report: SummarizeReport) throws {
        switch report.stop {
        case .credentialsRefused?: throw ExitCode(MuExitCode.credentialsRefused.rawValue)
        case .budgetReached?: throw ExitCode(MuExitCode.budgetReached.rawValue)
        case .providerUnreachable?: throw ExitCode(MuExitCode.error.rawValue)
        case nil: if report.failed > 0 { throw ExitCode(MuExitCode.someFunctionsFailed.rawValue) }
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
