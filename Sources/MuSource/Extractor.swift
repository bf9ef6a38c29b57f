import Foundation
import MuCore
#if canImport(Glibc)
import Glibc
#endif

/// A file the walker chose to read.
public struct SourceFile: Sendable, Hashable {
    /// Path relative to the repository root, `/`-separated.
    public var path: String
    public var language: Language

    public init(path: String, language: Language) {
        self.path = path
        self.language = language
    }
}

/// The functions found in one file.
public struct FileFunctions: Sendable {
    public var file: SourceFile
    public var units: [FunctionUnit]

    public init(file: SourceFile, units: [FunctionUnit]) {
        self.file = file
        self.units = units
    }
}

/// Why a listed file produced no functions without being an error.
public enum ReadFailure: String, Error, Sendable, CaseIterable {
    case vanished = "deleted while reading"
    case unreadable = "unreadable"
}

/// The outcome of extracting a batch of files.
public struct ExtractionBatch: Sendable {
    public var files: [FileFunctions] = []
    public var failures: [(path: String, reason: ReadFailure)] = []
    public init() {}
}

/// Turns source files into function units. `TreeSitterExtractor` covers every language but
/// Swift, `SwiftSyntaxExtractor` covers Swift; tests and new backends plug in here.
public protocol Extractor: Sendable {
    /// Whether this extractor reads files of `language`.
    func supports(_ language: Language) -> Bool
    /// Extracts every named function from `files`, which live under `root`.
    func extract(_ files: [SourceFile], root: URL) async throws -> ExtractionBatch
}

/// Errors that stop extraction as a whole.
public enum ExtractionError: Error, CustomStringConvertible, Equatable {
    /// A tree-sitter grammar is not installed or does not load.
    case grammarMissing(language: String, detail: String)

    public var description: String {
        switch self {
        case .grammarMissing(let language, let detail):
            "tree-sitter grammar for \(language) missing (\(detail)): run `make setup`"
        }
    }
}

/// Reads a file for extraction: lossy UTF-8, distinguishing "gone" from "unreadable".
enum SourceReader {
    static func read(_ url: URL) -> Result<[UInt8], ReadFailure> {
        let fd = open(url.path, O_RDONLY)
        if fd < 0 {
            return .failure(errno == ENOENT || errno == ENOTDIR ? .vanished : .unreadable)
        }
        defer { close(fd) }
        var data = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return .failure(.unreadable) }
            if n == 0 { break }
            data.append(contentsOf: chunk[0..<n])
        }
        // Lossy decoding: invalid sequences become U+FFFD; newlines are untouched, so lines keep their numbers.
        if let valid = String(validating: data, as: UTF8.self) {
            _ = valid
            return .success(data)
        }
        return .success(Array(String(decoding: data, as: UTF8.self).utf8))
    }
}
