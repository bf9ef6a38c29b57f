import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory, exclusive lock on a file in `.mu/` (usually `.mu/lock`) so that two
/// `mu summarize` processes never run at once.
///
/// Uses `flock(2)`: the kernel releases the lock when the holder closes the file or dies,
/// so a crashed run never leaves a stale lock. The descriptor is opened close-on-exec,
/// so child processes (git) do not inherit it. `flock` locks belong to an open
/// file description: two `tryAcquire` calls in one process also exclude each other.
public actor RunLock {
    /// The lock file.
    public nonisolated let path: String
    private var descriptor: Int32?

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        if let descriptor { close(descriptor) }
    }

    /// Takes the lock if nobody holds it; nil when another holder has it.
    ///
    /// Creates the file (and its directory) when missing, and writes the process id into
    /// it so a waiting process can name the holder (`holderPID`).
    /// - Throws: `StoreError.lockFailed` when the file cannot be created or locked.
    public static func tryAcquire(at path: String) throws -> RunLock? {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw StoreError.lockFailed(path: path, reason: "cannot create \(directory)")
            }
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw StoreError.lockFailed(path: path, reason: String(cString: strerror(errno)))
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK || code == EAGAIN { return nil }
            throw StoreError.lockFailed(path: path, reason: String(cString: strerror(code)))
        }
        let pid = Array("\(getpid())\n".utf8)
        if ftruncate(descriptor, 0) == 0 {
            _ = pid.withUnsafeBufferPointer { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        }
        return RunLock(path: path, descriptor: descriptor)
    }

    /// Waits up to `timeout` for the lock, polling every `pollInterval`; nil when it
    /// is still held by another process at the deadline.
    public static func acquire(at path: String, timeout: Duration,
                               pollInterval: Duration = .milliseconds(100)) async throws -> RunLock? {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            if let lock = try tryAcquire(at: path) { return lock }
            if clock.now >= deadline { return nil }
            try await Task.sleep(for: pollInterval)
        }
    }

    /// The process id the current holder wrote into the lock file, when readable.
    /// Only meaningful after `tryAcquire` returned nil.
    public static func holderPID(at path: String) -> Int32? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return Int32(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Whether some process holds the lock at `path` now (a run is in progress). Opens the file
    /// read-only and never creates or writes it; a missing file means no holder.
    public static func isHeld(at path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return false
        }
        return errno == EWOULDBLOCK || errno == EAGAIN
    }

    /// Whether this instance still holds the lock.
    public var isHeld: Bool { descriptor != nil }

    /// Releases the lock (also done when the instance is deallocated or the process exits).
    public func release() {
        guard let descriptor else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        self.descriptor = nil
    }
}
