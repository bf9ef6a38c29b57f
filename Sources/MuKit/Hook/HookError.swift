import Foundation
import MuCore

/// Errors from installing or removing the post-commit hook.
public enum HookError: MuFailure, Equatable {
    /// An earlier hook was moved aside before, and a new foreign hook now sits in its place:
    /// moving it too would overwrite the first one.
    case previousHookInTheWay(String)
    case cannotWrite(String, String)
    case executableNotFound(String)

    public var description: String {
        switch self {
        case .previousHookInTheWay(let path):
            "\(path) already exists (a hook mu moved aside earlier?): move it away or merge it into post-commit, then run `mu hook install` again"
        case .cannotWrite(let path, let why): "cannot write \(path): \(why)"
        case .executableNotFound(let what):
            "cannot find mu's own executable (\(what)): run `mu hook install` with mu's absolute path, e.g. `$(command -v mu) hook install`"
        }
    }
}
