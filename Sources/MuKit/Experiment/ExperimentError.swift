import Foundation
import MuCore

/// Why `mu experiment` cannot start or stopped: one line each, with its exit code.
public enum ExperimentError: MuFailure, Equatable {
    /// A bad flag value (`--param`, `--strategies`, `--vary`, `--baseline`…).
    case usage(String)
    /// The index is missing, empty, or out of date for a sampled function.
    case index(String)
    /// A results file that cannot be read or holds no experiment rows.
    case results(String)
    /// The estimate is above `--max-cost`, or spending reached it.
    case budget(limitUSD: Double, neededUSD: Double)
    /// The provider refused the credentials.
    case credentials(String)

    public var description: String {
        switch self {
        case .usage(let message), .index(let message), .results(let message), .credentials(let message): message
        case .budget(let limit, let needed):
            "stopped at the cost budget: $\(Money.format(needed)) would pass --max-cost $\(Money.format(limit)); rows so far are kept"
        }
    }

    public var exitCode: MuExitCode {
        switch self {
        case .budget: .budgetReached
        case .credentials: .credentialsRefused
        default: .error
        }
    }
}

/// Dollar amounts as mu prints them: four decimals below $1, two above.
enum Money {
    static func format(_ usd: Double) -> String {
        usd < 1 ? String(format: "%.4f", usd) : String(format: "%.2f", usd)
    }
}
