import Foundation
import MuKit
import MuStore

/// The repository an `mu mcp` server answers for, and its index opened once.
///
/// A missing index is not a start-up failure: tools answer with a `noIndex` error saying how to
/// make one, and the next call tries again (after `refresh` or a `mu summarize` in a terminal).
public actor IndexSession {
    public let workspace: Workspace
    private var database: MuDatabase?

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    public nonisolated var root: URL { workspace.root }

    /// The opened index, opening it on first use: read-only (one connection, no migration), so a
    /// session never writes the file. A read-write pool would: GRDB creates and drops a table when
    /// it opens one on an empty write-ahead log, which changed the file at every server start and made
    /// the next start (and the next `mu query`) re-run the corruption check, 200 ms on CPython's index.
    /// `refresh` writes through its own connection and then reopens this one.
    func index() throws(ToolError) -> MuDatabase {
        if let database { return database }
        do {
            let opened = try workspace.openDatabaseForReading()
            database = opened
            return opened
        } catch let error as WorkspaceError {
            throw .noIndex(error.description)
        } catch StoreError.olderSchema(let path) {
            throw .noIndex(StoreError.olderSchema(path: path).description + " (or call refresh)")
        } catch {
            throw .noIndex("cannot open the index of \(workspace.root.path): \(error)")
        }
    }

    /// Forgets the handle so the next call reopens the file (after a refresh created it).
    func reopen() {
        database = nil
    }

    /// `input` as a path relative to the repository root, `/`-separated, without `.` or `..`.
    /// Absolute paths must lie inside the root; relative ones are taken from the root.
    nonisolated func relativePath(_ input: String) throws(ToolError) -> String {
        try RepositoryPath.relative(input, root: workspace.root.standardizedFileURL.path)
    }
}

/// Normalises paths given by a client against the repository root, refusing any that escape it.
enum RepositoryPath {
    static func relative(_ input: String, root: String) throws(ToolError) -> String {
        var text = input.trimmingCharacters(in: .whitespaces)
        let rootPrefix = root.hasSuffix("/") ? root : root + "/"
        if text.hasPrefix("/") {
            guard text == root || text.hasPrefix(rootPrefix) else { throw .outsideRepository(input) }
            text = String(text.dropFirst(min(text.count, rootPrefix.count)))
        }
        var parts: [Substring] = []
        for part in text.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { throw .outsideRepository(input) }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }
}
