import Foundation

/// Where an export goes: standard output, or a file written under a temporary name in the same
/// directory and renamed into place by ``commit()``, so a failed export never leaves half a file
/// (and never replaces a good one). Bytes are buffered (64 KiB) and written as they come, so the
/// export's memory does not grow with the index.
///
/// Used by one task at a time (the exporter's); not Sendable.
public final class ExportSink {
    /// `-` for standard output, else the final path.
    public let destination: String
    private let handle: FileHandle
    private let temporaryPath: String?
    private var buffer: [UInt8] = []
    private var finished = false

    /// Opens the destination; `-` is standard output.
    /// - Throws: ``ExportError/cannotWrite(path:reason:)`` when the file cannot be created.
    public init(path: String) throws {
        destination = path
        guard path != "-" else {
            handle = FileHandle.standardOutput
            temporaryPath = nil
            return
        }
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ExportError.cannotWrite(path: path, reason: "it is a directory")
        }
        let directory = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ExportError.cannotWrite(path: path, reason: "no such directory \(directory)")
        }
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).mu-export-\(getpid()).tmp").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw ExportError.cannotWrite(path: path, reason: Self.reason(errno))
        }
        self.handle = handle
        temporaryPath = temporary
    }

    deinit {
        if !finished, let temporaryPath {
            try? handle.close()
            unlink(temporaryPath)
        }
    }

    /// Appends text.
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 65_536 { try flush() }
    }

    /// Appends bytes.
    public func write(_ bytes: Data) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 65_536 { try flush() }
    }

    /// Writes what is buffered.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw ExportError.cannotWrite(path: destination, reason: Self.describe(error))
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes the rest and, for a file, moves it into place. Without it the temporary file is removed.
    public func commit() throws {
        try flush()
        guard let temporaryPath else { return }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw ExportError.cannotWrite(path: destination, reason: Self.describe(error))
        }
        let final = (destination as NSString).expandingTildeInPath
        guard rename(temporaryPath, final) == 0 else {
            let reason = Self.reason(errno)
            unlink(temporaryPath)
            finished = true
            throw ExportError.cannotWrite(path: destination, reason: reason)
        }
        finished = true
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }

    private static func describe(_ error: any Error) -> String {
        if let posix = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return reason(Int32(posix.code))
        }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return reason(Int32(nsError.code)) }
        return nsError.localizedDescription
    }
}
