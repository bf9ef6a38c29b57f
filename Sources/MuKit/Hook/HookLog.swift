import Foundation

/// `.mu/hook.log`: one timestamped line per event of the background runs, plus anything they
/// print. Rotated to `hook.log.1` when it grows past `maxBytes`, so it never grows without bound.
public struct HookLog: Sendable {
    public let url: URL
    public var maxBytes: Int64

    public static let fileName = "hook.log"

    public init(muDirectory: URL, maxBytes: Int64 = 1_048_576) {
        self.url = muDirectory.appendingPathComponent(Self.fileName)
        self.maxBytes = maxBytes
    }

    /// `hook.log.1`: the previous log after a rotation.
    public var rotatedURL: URL { url.appendingPathExtension("1") }

    /// Moves the log to `hook.log.1` (replacing an older one) when it is over the limit.
    /// Only the run holding the hook lock rotates, so two runs never rotate at once.
    @discardableResult
    public func rotateIfNeeded() -> Bool {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int64,
              size > maxBytes else { return false }
        return rename(url.path, rotatedURL.path) == 0
    }

    /// Appends one line, `2025-01-31T12:00:00Z [pid 123] message`, with a single `write(2)` on an
    /// `O_APPEND` descriptor so lines from concurrent runs never interleave.
    public func append(_ message: String, date: Date = Date()) {
        let line = "\(Self.timestamp(date)) [pid \(getpid())] \(message)\n"
        let fd = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array(line.utf8)
        _ = bytes.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
    }

    /// Sends this process's stdout and stderr to the end of the log (for whatever a run prints).
    public func redirectStandardOutput() {
        let fd = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        dup2(fd, STDOUT_FILENO)
        dup2(fd, STDERR_FILENO)
        close(fd)
    }

    /// The last `count` lines of the log (reading at most the last 64 KiB).
    public func tail(_ count: Int) -> [String] {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return [] }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let start = size > 65_536 ? size - 65_536 : 0
        try? handle.seek(toOffset: start)
        let data = (try? handle.readToEnd()) ?? Data()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        return Array(lines.suffix(count))
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
