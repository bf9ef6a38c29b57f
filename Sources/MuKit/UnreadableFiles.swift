import Foundation

/// Files a run could not read (permissions), the way `git status` treats them: skipped with a
/// warning and a count, never an abort. Their index rows stay as they were (nothing indexed is
/// lost); the next run that can read them brings them up to date.
public enum UnreadableFiles {
    /// One warning line naming the first few files, or nil when there are none.
    public static func warning(_ paths: [String]) -> String? {
        guard !paths.isEmpty else { return nil }
        let shown = paths.prefix(5).joined(separator: ", ")
        let more = paths.count > 5 ? ", … (\(paths.count - 5) more)" : ""
        let count = paths.count == 1 ? "1 file" : "\(paths.count) files"
        return "warning: \(count) could not be read (permission denied) and \(paths.count == 1 ? "keeps its" : "keep their") last index: \(shown)\(more)"
    }
}
