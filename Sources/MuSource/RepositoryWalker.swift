import Foundation
import MuCore
#if canImport(Glibc)
import Glibc
#endif

/// Why the walker left a file out.
public enum SkipReason: String, Sendable, CaseIterable, Codable {
    case unsupportedLanguage = "not a supported language"
    case excluded = "excluded by [index] include/exclude"
    case binary = "binary"
    case generated = "generated or minified"
    case tooLarge = "over max_file_bytes"
    case symlinkOutside = "symlink leaving the repository"
    case brokenSymlink = "broken or looping symlink"
    case notRegular = "not a regular file"
    case vanished = "deleted while listing"
    case unreadable = "unreadable"
}

/// A file chosen for extraction, with what the file-state cache needs to notice changes.
public struct WalkedFile: Sendable, Hashable {
    public var file: SourceFile
    public var size: Int64
    public var mtimeNs: Int64
    public var inode: UInt64
    /// The index's blob id when git says the working copy is unmodified.
    public var blobID: String?
}

/// What a walk found and what it skipped (by reason, with the paths for `--verbose`).
public struct WalkResult: Sendable {
    public var files: [WalkedFile] = []
    public var skipped: [SkipReason: [String]] = [:]
    /// Files listed by git before any filtering.
    public var listed = 0

    public var skippedCount: Int { skipped.values.reduce(0) { $0 + $1.count } }
    /// Files this process may not read (permissions): skipped with a warning, their index rows kept.
    public var unreadable: [String] { skipped[.unreadable] ?? [] }
}

/// Decides which of a repository's files mu reads: tracked and untracked-but-not-ignored files
/// (from libgit2), in a supported language, not binary, generated, oversized or excluded.
public struct RepositoryWalker: Sendable {
    public struct Options: Sendable {
        public var include: [Glob] = []
        public var exclude: [Glob] = []
        public var maxFileBytes: Int64 = 1_048_576
        /// Restrict to this path (relative to the root; a directory or a file); nil = the whole repository.
        public var scope: String? = nil
        public init(include: [String] = [], exclude: [String] = [], maxFileBytes: Int64 = 1_048_576, scope: String? = nil) {
            self.include = include.map(Glob.init)
            self.exclude = exclude.map(Glob.init)
            self.maxFileBytes = maxFileBytes
            self.scope = scope
        }
    }

    public var options: Options
    public init(options: Options = Options()) { self.options = options }

    /// Bytes read from the head of each file to detect binaries, generated files and shebangs.
    static let headBytes = 8192

    /// Says whether a file is known unchanged since the last run (same size, mtime, inode or blob
    /// id) and returns its language then, so the walker can skip reading its head again.
    public typealias KnownFile = @Sendable (_ path: String, _ size: Int64, _ mtimeNs: Int64, _ inode: UInt64, _ blobID: String?) -> Language?

    public func walk(_ repository: GitRepository, known: KnownFile? = nil) throws -> WalkResult {
        let entries = try repository.listFiles()
        return walk(entries: entries, root: repository.root, known: known)
    }

    public func walk(entries: [GitFileEntry], root: URL, known: KnownFile? = nil) -> WalkResult {
        var result = WalkResult()
        let rootPath = root.path
        let realRoot = URL(fileURLWithPath: rootPath).resolvingSymlinksInPath().path
        for entry in entries {
            let path = entry.path
            if let scope = options.scope, !scope.isEmpty, scope != ".", path != scope, !path.hasPrefix(scope.hasSuffix("/") ? scope : scope + "/") {
                continue
            }
            result.listed += 1
            func skip(_ reason: SkipReason) { result.skipped[reason, default: []].append(path) }
            if !options.include.isEmpty, !options.include.contains(where: { $0.matches(path) }) { skip(.excluded); continue }
            if options.exclude.contains(where: { $0.matches(path) }) { skip(.excluded); continue }
            let fileName = String(path.split(separator: "/").last ?? "")
            var language = Language.detect(fileName: fileName)
            if language == nil, fileName.contains(".") && !fileName.hasPrefix(".") {
                skip(.unsupportedLanguage); continue // an extension we do not read: no need to open it
            }
            if entry.isUnreadable { skip(.unreadable); continue } // git could not read it either
            let absolute = rootPath + "/" + path
            var st = stat()
            guard lstat(absolute, &st) == 0 else { skip(errno == ENOENT ? .vanished : .unreadable); continue }
            if (st.st_mode & S_IFMT) == S_IFLNK {
                let resolved = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
                var target = stat()
                guard stat(absolute, &target) == 0 else { skip(.brokenSymlink); continue }
                guard resolved == realRoot || resolved.hasPrefix(realRoot + "/") else { skip(.symlinkOutside); continue }
                st = target
            }
            guard (st.st_mode & S_IFMT) == S_IFREG else { skip(.notRegular); continue }
            let mtimeNs = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
            if let known, Int64(st.st_size) <= options.maxFileBytes,
               let knownLanguage = known(path, Int64(st.st_size), mtimeNs, UInt64(st.st_ino), entry.cleanBlobID) {
                // Unchanged since it was last read and accepted: no need to read its head again.
                result.files.append(WalkedFile(file: SourceFile(path: path, language: knownLanguage), size: Int64(st.st_size),
                                               mtimeNs: mtimeNs, inode: UInt64(st.st_ino), blobID: entry.cleanBlobID))
                continue
            }
            // Read the head: binary (NUL), generated markers, minified text, shebang.
            guard let head = Self.readHead(absolute) else { skip(.unreadable); continue }
            if head.contains(0) { skip(.binary); continue }
            if language == nil {
                let firstLine = head.prefix(while: { $0 != 10 })
                language = Language.detect(shebang: Substring(String(decoding: firstLine, as: UTF8.self)))
            }
            guard let language else { skip(.unsupportedLanguage); continue }
            if Self.looksGenerated(head: head, fileName: fileName, size: Int64(st.st_size)) { skip(.generated); continue }
            if Int64(st.st_size) > options.maxFileBytes { skip(.tooLarge); continue }
            result.files.append(WalkedFile(file: SourceFile(path: path, language: language), size: Int64(st.st_size),
                                           mtimeNs: mtimeNs, inode: UInt64(st.st_ino), blobID: entry.cleanBlobID))
        }
        return result
    }

    static func readHead(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: headBytes)
        let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
        guard n >= 0 else { return nil }
        return Array(buffer.prefix(n))
    }

    static let generatedMarkers = ["@generated", "do not edit", "code generated", "autogenerated", "auto-generated",
                                   "generated by", "this file is generated", "automatically generated"]

    /// Generated files carry a marker near the top; minified ones have very long lines.
    static func looksGenerated(head: [UInt8], fileName: String, size: Int64) -> Bool {
        let lower = fileName.lowercased()
        if lower.contains(".min.") || lower.hasSuffix(".pb.go") || lower.hasSuffix("_pb2.py") || lower.hasSuffix(".g.dart") { return true }
        // Markers in the first few lines only: a comment deep in a file that says "generated by" is not one.
        var lines = 0
        var lineStart = 0
        for (i, b) in head.enumerated() where b == 10 {
            let line = String(decoding: head[lineStart..<i], as: UTF8.self).lowercased()
            if generatedMarkers.contains(where: { line.contains($0) }),
               line.contains("//") || line.contains("#") || line.contains("/*") || line.contains("*") || line.contains("--") {
                return true
            }
            lineStart = i + 1
            lines += 1
            if lines >= 5 { break }
        }
        // Minified: no newline in the first 8 KiB of a larger file, or a very long average line.
        let newlines = head.reduce(0) { $1 == 10 ? $0 + 1 : $0 }
        if head.count >= headBytes && newlines == 0 { return true }
        if head.count >= 2048, newlines > 0, head.count / newlines > 400 { return true }
        return false
    }
}
