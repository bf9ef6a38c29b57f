import Foundation

/// Where a run's rows go: each is appended to the results file as one JSON line the moment it
/// arrives (one `write`, no buffering, so a killed run keeps every finished row) and kept for the
/// report printed at the end.
public actor ExperimentRowSink {
    private let handle: FileHandle
    private let encoder = ExperimentRow.lineEncoder()
    public private(set) var rows: [ExperimentRow] = []
    public let url: URL

    /// Creates (or truncates) `url`, making its directory when needed.
    public init(url: URL) throws(ExperimentError) {
        self.url = url
        let manager = FileManager.default
        try? manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard manager.createFile(atPath: url.path, contents: nil), let handle = FileHandle(forWritingAtPath: url.path) else {
            throw .results("\(url.path): cannot be written")
        }
        self.handle = handle
    }

    public func write(_ row: ExperimentRow) throws {
        handle.write(Data((try row.jsonLine(encoder: encoder) + "\n").utf8))
        rows.append(row)
    }

    public var count: Int { rows.count }

    public func close() { try? handle.close() }
}
