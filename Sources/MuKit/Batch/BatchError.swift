import MuCore

/// Why batch mode cannot be used: exit 1 with one line.
public enum BatchError: MuFailure, Equatable {
    /// The configured provider offers no batch API (only anthropic and openai do).
    case unsupported(provider: String)
    /// `mu batch cancel ID` named a batch the index does not know.
    case unknownBatch(String)

    public var description: String {
        switch self {
        case .unsupported(let provider):
            "\(provider) has no batch API: --batch works with the anthropic and openai providers"
        case .unknownBatch(let id):
            "no batch \(id) in this index (`mu batch status` lists them)"
        }
    }
}
