import MuCore

/// Why an export could not be written; one line each, exit code 1.
public enum ExportError: MuFailure, Equatable {
    /// The output file (or its directory) cannot be created or written.
    case cannotWrite(path: String, reason: String)
    /// The `--paths` glob is empty.
    case emptyGlob

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): "cannot write the export to \(path): \(reason)"
        case .emptyGlob: "--paths needs a glob such as 'src/**' or '*.py'"
        }
    }
}
