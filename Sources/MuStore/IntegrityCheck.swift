import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The corruption check of every command that opens an existing index to read it: SQLite's
/// `quick_check` (every page read once), so a file with damaged bytes gets the one-line
/// ``StoreError/notAMuDatabase(path:)`` and its `mu cache clear --all` hint instead of plausible
/// counts or a wrong answer.
///
/// `quick_check` reads the whole file (about 1 s for a 100 MB index on a loaded 2-core machine), so
/// its success is remembered in a small stamp next to the database (`mu.db-checked`): the file's
/// device, inode, size, mtime and ctime, and the same of its write-ahead log but the ctime. While
/// both are unchanged the check is not run again; any write changes the stamp, so the first read
/// after a write checks again. The stamp is written best-effort (a read-only `.mu/` just means checking every time).
enum IntegrityCheck {
    /// Where the stamp of `path` lives.
    static func stampPath(for path: String) -> String { path + "-checked" }

    /// Runs `quick_check` on `reader`'s main database unless the stamp says this exact file
    /// state was checked already. Throws `notAMuDatabase` when SQLite finds damage.
    static func verify(_ reader: some DatabaseReader, path: String) throws {
        let stamp = fileStamp(path)
        let stampFile = stampPath(for: path)
        if let stamp, let stored = try? String(contentsOfFile: stampFile, encoding: .utf8), stored == stamp { return }
        let problems = try reader.read { db in try String.fetchAll(db, sql: "PRAGMA main.quick_check(1)") }
        guard problems == ["ok"] else { throw StoreError.notAMuDatabase(path: path) }
        // The state seen before the check: a write since then changes it, and the next open checks again.
        if let stamp { try? stamp.write(toFile: stampFile, atomically: true, encoding: .utf8) }
    }

    /// The identity and last change of the database file and its WAL, or nil when it cannot be read.
    /// An empty or missing WAL holds nothing: it is "empty" whatever its times (opening a connection
    /// may create it and closing the last one removes it, without changing what a reader sees).
    ///
    /// The WAL's ctime is left out: SQLite running as root `fchown`s the WAL to the database's owner
    /// on every open, read-only ones included, which moves its ctime without changing a byte. With the
    /// ctime in the stamp, every read command after a write (while the WAL holds frames) re-ran
    /// `quick_check`: 160 ms instead of 10 for `mu query` on CPython's index.
    static func fileStamp(_ path: String) -> String? {
        func describe(_ file: String) -> String? {
            var st = stat()
            guard stat(file, &st) == 0 else { return nil }
            let isWAL = file != path
            if st.st_size == 0, isWAL { return nil }
            let identity = "\(st.st_dev):\(st.st_ino):\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
            return isWAL ? identity : identity + ":\(st.st_ctim.tv_sec).\(st.st_ctim.tv_nsec)"
        }
        guard let main = describe(path) else { return nil }
        return "mu-integrity-2 \(main) wal=\(describe(path + "-wal") ?? "empty")\n"
    }
}
