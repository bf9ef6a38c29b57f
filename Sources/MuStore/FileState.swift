import Foundation
import GRDB

/// What mu knew about a file when it last indexed it.
public struct FileState: Sendable, Hashable, Codable {
    /// Path relative to the repository root.
    public var path: String
    public var size: Int64
    /// Modification time in nanoseconds since 1970.
    public var mtimeNs: Int64
    public var inode: UInt64
    /// Git blob id when the file was tracked and clean, else nil.
    public var blobId: String?
    public var language: String?
    public var indexedAt: Date

    public init(path: String, size: Int64, mtimeNs: Int64, inode: UInt64, blobId: String? = nil,
                language: String? = nil, indexedAt: Date = Date()) {
        self.path = path
        self.size = size
        self.mtimeNs = mtimeNs
        self.inode = inode
        self.blobId = blobId
        self.language = language
        self.indexedAt = indexedAt
    }

    /// Whether a file with these observations can be assumed unchanged since this state.
    ///
    /// When both sides know a blob id, equal blob ids mean equal content (and different
    /// ones mean a change, whatever the stat says). Otherwise size, mtime and inode must
    /// all be equal.
    public func matches(size: Int64, mtimeNs: Int64, inode: UInt64, blobId: String?) -> Bool {
        if let blobId, let stored = self.blobId {
            return blobId == stored
        }
        return size == self.size && mtimeNs == self.mtimeNs && inode == self.inode
    }
}

extension FileState {
    init?(row: Row) {
        let columns = LenientRow(row)
        guard let path = columns.string("path") else { return nil }
        self.init(path: path,
                  size: columns.int64("size") ?? -1,
                  mtimeNs: columns.int64("mtime_ns") ?? -1,
                  inode: UInt64(bitPattern: columns.int64("inode") ?? -1),
                  blobId: columns.string("blob_id"),
                  language: columns.string("language"),
                  indexedAt: columns.date("indexed_at") ?? Date(timeIntervalSince1970: 0))
    }
}
