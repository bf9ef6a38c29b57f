import AsyncHTTPClient
import Foundation
import NIOCore

/// What an ``HTTPTransport`` request sends: bytes in memory, or a body
/// streamed in chunks so large uploads (provider batch files) never sit in
/// memory whole.
public enum HTTPRequestBody: Sendable {
    /// Bytes already in memory (JSON requests).
    case data(Data)
    /// A file read and sent in chunks; its size is the `Content-Length`.
    case file(URL)
    /// Chunks from any producer; `length` sets `Content-Length`, nil sends chunked.
    case stream(AsyncThrowingStream<Data, any Error>, length: Int?)

    /// Bytes per chunk when a file is streamed.
    static let fileChunkSize = 256 * 1024

    /// The AsyncHTTPClient body; a file that cannot be opened is a configuration error naming it.
    func clientBody() throws(LLMError) -> HTTPClientRequest.Body {
        switch self {
        case .data(let data):
            return .bytes(ByteBuffer(bytes: data))
        case .file(let url):
            let size: Int
            do {
                let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
                size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            } catch {
                throw LLMError.configuration("cannot read \(url.path) to upload it")
            }
            return .stream(FileChunks(url: url, chunkSize: HTTPRequestBody.fileChunkSize), length: .known(Int64(size)))
        case .stream(let chunks, let length):
            let buffers = chunks.map { ByteBuffer(bytes: $0) }
            return .stream(buffers, length: length.map { .known(Int64($0)) } ?? .unknown)
        }
    }
}

/// A file's bytes as an async sequence of buffers, read on demand (one chunk
/// in memory at a time). Reading is blocking but bounded to one chunk per step.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let url: URL
    let chunkSize: Int

    struct AsyncIterator: AsyncIteratorProtocol {
        let url: URL
        let chunkSize: Int
        var handle: FileHandle?
        var finished = false

        mutating func next() async throws -> ByteBuffer? {
            guard !finished else { return nil }
            try Task.checkCancellation()
            if handle == nil { handle = try FileHandle(forReadingFrom: url) }
            guard let data = try handle?.read(upToCount: chunkSize), !data.isEmpty else {
                finished = true
                try handle?.close()
                handle = nil
                return nil
            }
            return ByteBuffer(bytes: data)
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(url: url, chunkSize: chunkSize)
    }
}
