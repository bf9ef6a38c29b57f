import Foundation
import Testing
@testable import MuStore

/// Issue 9 #8: every open of an existing index for reading runs the corruption check, so a damaged
/// file gets one line with the recovery hint instead of counts or answers read from broken pages.
@Suite("MuDatabase: corruption check on open")
struct IntegrityCheckTests {
    /// An index big enough that its middle holds table pages, with everything checkpointed into the file.
    func makeIndex(_ dir: TemporaryDirectory) async throws -> String {
        let writer = try MuDatabase.temporary(in: dir)
        let index = SymbolIndex(database: writer)
        for file in 0..<20 {
            let records = (0..<40).map { i in
                Fixture.function("Module\(file).function_with_a_long_name_\(i)", path: "src/file\(file).py",
                                 lines: (i * 10 + 1)...(i * 10 + 9))
            }
            try await index.replaceFunctions(inFile: "src/file\(file).py", with: records, commit: "abc")
        }
        try await writer.checkpoint()
        try writer.close()
        return dir.path(".mu/mu.db")
    }

    func damage(_ path: String) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let size = try handle.seekToEnd()
        #expect(size > 64 * 1024)
        try handle.seek(toOffset: size / 2)
        handle.write(Data(repeating: 0xA5, count: 8192))
        try handle.close()
    }

    @Test func aDamagedIndexIsRefusedByEveryReadingOpen() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try await makeIndex(dir)
        // Intact: opens, and the check's success is remembered next to the file.
        let reader = try MuDatabase(path: path, access: .readOnly)
        #expect(try await SymbolIndex(database: reader).functionCount() == 800)
        try reader.close()
        #expect(FileManager.default.fileExists(atPath: IntegrityCheck.stampPath(for: path)))

        // Damaged after that check: the changed file is checked again and refused, read-only or not.
        try damage(path)
        let refused = StoreError.notAMuDatabase(path: path)
        #expect(throws: refused) { try MuDatabase(path: path, access: .readOnly) }
        #expect(throws: refused) { try MuDatabase(path: path, checked: true) }
        #expect(refused.description.contains("run `mu cache clear --all` to recreate it"))

        // `mu cache clear --all` removes the stamp with the file.
        try MuDatabase.destroy(at: path)
        #expect(!FileManager.default.fileExists(atPath: IntegrityCheck.stampPath(for: path)))
    }

    @Test func theStampNamesTheFileStateAndAWriteChangesIt() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try await makeIndex(dir)
        let before = try #require(IntegrityCheck.fileStamp(path))
        try MuDatabase(path: path, access: .readOnly).close()
        // Opening and closing a reader changes nothing the stamp names, so the next open skips the check.
        #expect(IntegrityCheck.fileStamp(path) == before)
        #expect(try String(contentsOfFile: IntegrityCheck.stampPath(for: path), encoding: .utf8) == before)
        let writer = try MuDatabase(path: path)
        try await writer.setMetaValue("x", forKey: "probe")
        try await writer.checkpoint()
        try writer.close()
        #expect(IntegrityCheck.fileStamp(path) != before)
    }

    /// While a writer keeps frames in the WAL, readers must not re-run the check on every open. SQLite
    /// as root `fchown`s the WAL on each open, which moves only its ctime: that must not count as a change.
    @Test func aWALWhoseOnlyChangeIsItsCtimeKeepsTheStamp() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try await makeIndex(dir)
        let writer = try MuDatabase(path: path)
        defer { try? writer.close() }
        try await writer.setMetaValue("x", forKey: "probe")   // left in the WAL: no checkpoint
        let wal = path + "-wal"
        #expect(((try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0) > 0)
        try MuDatabase(path: path, access: .readOnly).close()
        let checked = try String(contentsOfFile: IntegrityCheck.stampPath(for: path), encoding: .utf8)
        #expect(checked.contains("wal=empty") == false)

        // The same mode set again: only the ctime moves, as with SQLite's fchown.
        try await Task.sleep(for: .milliseconds(10))
        #expect(chmod(wal, 0o644) == 0)
        #expect(IntegrityCheck.fileStamp(path) == checked)
        try MuDatabase(path: path, access: .readOnly).close()
        #expect(IntegrityCheck.fileStamp(path) == checked)

        // A new frame in the WAL is a change.
        try await writer.setMetaValue("y", forKey: "probe")
        #expect(IntegrityCheck.fileStamp(path) != checked)
    }
}
