/// An error mu reports to the user: a one-line message and the process exit code it ends with.
///
/// Every module's error type conforms, so the CLI maps errors to exit codes in one place
/// without knowing the modules' types. Codes: 0 ok, 1 error (usage, config, I/O, provider
/// unreachable), 2 some functions failed, 3 provider refused credentials, 4 stopped at the
/// cost budget.
public protocol MuFailure: Error, CustomStringConvertible {
    /// The one-line message shown after `mu: `; by default `description`.
    var userMessage: String { get }
    /// The exit code; by default ``MuExitCode/error``.
    var exitCode: MuExitCode { get }
}

extension MuFailure {
    public var userMessage: String { description }
    public var exitCode: MuExitCode { .error }
}

/// The documented process exit codes.
public enum MuExitCode: Int32, Sendable, Hashable, CaseIterable {
    case ok = 0
    /// Usage, configuration, I/O, provider unreachable.
    case error = 1
    /// The run finished but some functions failed.
    case someFunctionsFailed = 2
    /// The provider refused the credentials.
    case credentialsRefused = 3
    /// The run stopped at the cost budget.
    case budgetReached = 4
}
