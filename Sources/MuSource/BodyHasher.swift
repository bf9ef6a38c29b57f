import Foundation
import COpenSSL

/// Hashes function bodies so that moving or re-indenting a function keeps its hash
/// and any other change alters it.
public enum BodyHasher {
    /// Hex SHA-256 of `normalize(body)`.
    public static func hash(_ body: String) -> String {
        sha256Hex(Array(normalize(body).utf8))
    }

    /// Line endings to LF, trailing whitespace of each line removed, blank lines at both
    /// edges dropped, and the indentation common to all non-blank lines removed.
    public static func normalize(_ body: String) -> String {
        var lines = body.replacingLineEndings().split(separator: "\n", omittingEmptySubsequences: false)
            .map { line -> Substring in
                var end = line.endIndex
                while end > line.startIndex, line[line.index(before: end)].isWhitespaceByte { end = line.index(before: end) }
                return line[line.startIndex..<end]
            }
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        var common: Substring? = nil
        for line in lines where !line.isEmpty {
            let indent = line.prefix(while: { $0 == " " || $0 == "\t" })
            if let c = common {
                common = c.commonPrefix(with: indent)
            } else {
                common = indent
            }
        }
        let cut = common?.count ?? 0
        return lines.map { $0.isEmpty ? "" : String($0.dropFirst(cut)) }.joined(separator: "\n")
    }

    /// Hex SHA-256 of raw bytes via the system's libcrypto.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBufferPointer { buf in
            EVP_Digest(buf.baseAddress, buf.count, &digest, &length, EVP_sha256(), nil)
        }
        precondition(ok == 1, "libcrypto EVP_Digest(SHA-256) failed") // cannot fail for in-memory input
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(Int(length) * 2)
        for byte in digest.prefix(Int(length)) {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Character {
    fileprivate var isWhitespaceByte: Bool { self == " " || self == "\t" || self == "\r" || self == "\u{0C}" }
}

extension Substring {
    fileprivate func commonPrefix(with other: Substring) -> Substring {
        var a = startIndex, b = other.startIndex
        while a < endIndex, b < other.endIndex, self[a] == other[b] {
            a = index(after: a); b = other.index(after: b)
        }
        return self[startIndex..<a]
    }
}

extension String {
    /// CRLF and lone CR to LF.
    func replacingLineEndings() -> String {
        guard contains("\r") else { return self }
        return replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
