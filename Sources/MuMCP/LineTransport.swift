import Foundation
import Logging
import MCP

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// MCP's stdio transport for mu: newline-delimited JSON-RPC over two file descriptors.
///
/// Unlike the SDK's `StdioTransport` (which makes stdin non-blocking and sleeps 10 ms on every
/// `EAGAIN`, so each call costs about 10 ms), reads block on a dedicated thread and each complete
/// line is handed to the server the moment it arrives. Writes are blocking `write(2)` loops; the
/// actor serialises them so two responses never interleave. Only protocol messages go to the
/// output descriptor; nothing else in `mu mcp` writes to stdout.
public actor LineTransport: Transport {
    public nonisolated let logger: Logger
    private let input: Int32
    private let output: Int32
    private let stream: AsyncThrowingStream<Data, any Error>
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private var reader: Thread?
    private var connected = false

    /// - Parameters:
    ///   - input: descriptor to read requests from (stdin by default); must be blocking.
    ///   - output: descriptor to write responses to (stdout by default).
    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, logger: Logger? = nil) {
        self.input = input
        self.output = output
        self.logger = logger ?? Logger(label: "mu.mcp.transport", factory: { _ in SwiftLogNoOpLogHandler() })
        (stream, continuation) = AsyncThrowingStream.makeStream(of: Data.self)
    }

    public func connect() async throws {
        guard !connected else { return }
        connected = true
        let reader = Thread { [input, continuation] in
            LineReader(descriptor: input).run { continuation.yield($0) }
            continuation.finish()
        }
        reader.name = "mu-mcp-stdin"
        reader.start()
        self.reader = reader
    }

    /// Stops delivering messages. The reader thread ends at the input's end of file (a blocked
    /// `read` cannot be interrupted portably; the process exits after the server stops anyway).
    public func disconnect() async {
        guard connected else { return }
        connected = false
        continuation.finish()
    }

    public func send(_ data: Data) async throws {
        var bytes = [UInt8](data)
        bytes.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                write(output, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw MCPError.transportError(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
            }
            offset += written
        }
    }

    public nonisolated func receive() -> AsyncThrowingStream<Data, any Error> { stream }
}

/// Splits a blocking descriptor's bytes into lines (LF, an optional CR before it dropped), skipping
/// empty lines. Runs until end of file or a read error.
struct LineReader {
    let descriptor: Int32
    var bufferSize = 64 * 1024

    func run(_ deliver: (Data) -> Void) {
        var buffer = [UInt8](repeating: 0, count: bufferSize)
        var pending: [UInt8] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    // A descriptor someone made non-blocking: wait for input instead of spinning.
                    var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                    _ = poll(&poller, 1, -1)
                    continue
                }
                break
            }
            if count == 0 { break }
            var start = 0
            for i in 0..<count where buffer[i] == UInt8(ascii: "\n") {
                var line = pending
                line.append(contentsOf: buffer[start..<i])
                pending.removeAll(keepingCapacity: true)
                start = i + 1
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                if !line.isEmpty { deliver(Data(line)) }
            }
            pending.append(contentsOf: buffer[start..<count])
        }
        if !pending.isEmpty { deliver(Data(pending)) }
    }
}
