import Foundation

/// `.mu/hook.rerun`: left by a hook run that found another one running, so commits coalesce:
/// instead of queueing one run per commit, the run in progress runs once more when it finishes,
/// covering every commit that marked.
///
/// Each mark is one line naming the commit that triggered it and that commit's parent (`-` for a
/// root commit): the rerun diffs from both, so a file whose state the first run saw in the middle
/// of a burst of commits is looked at again.
public struct RerunMark: Sendable {
    public let url: URL

    public static let fileName = "hook.rerun"

    public init(muDirectory: URL) {
        self.url = muDirectory.appendingPathComponent(Self.fileName)
    }

    /// One line per mark; a single `O_APPEND` write, so concurrent marks never mix.
    public func leave(commit: String?, parent: String??) {
        let parentText: String
        switch parent {
        case .none: parentText = "?"          // unknown
        case .some(.none): parentText = "-"   // root commit
        case .some(.some(let id)): parentText = id
        }
        let line = "\(commit ?? "?") \(parentText)\n"
        let fd = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array(line.utf8)
        _ = bytes.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
    }

    public var isPresent: Bool { FileManager.default.fileExists(atPath: url.path) }

    /// The marks left so far, removing them (rename first, so a mark written meanwhile goes into
    /// a new file and is not lost).
    public func take() -> Marks? {
        let taken = url.path + ".taking-\(getpid())"
        guard rename(url.path, taken) == 0 else { return nil }
        defer { unlink(taken) }
        let text = (try? String(contentsOfFile: taken, encoding: .utf8)) ?? ""
        var marks = Marks()
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            marks.count += 1
            for field in fields {
                switch field {
                case "-": marks.bases.append(nil)
                case "?": marks.unknownBase = true
                default: marks.bases.append(field)
                }
            }
        }
        return marks
    }

    /// What a set of marks asks for.
    public struct Marks: Sendable, Equatable {
        /// How many commits marked.
        public var count = 0
        /// Commits to diff from (nil = the empty tree: a root commit).
        public var bases: [String?] = []
        /// Some mark could not name its commit: the rerun must look at every file.
        public var unknownBase = false
    }
}
