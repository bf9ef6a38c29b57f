import COpenSSL

/// Hashes function bodies so that moving or re-indenting a function keeps its hash
/// and any other change alters it.
public enum BodyHasher {
    /// Hex SHA-256 of `normalize(body)`.
    public static func hash(_ body: String) -> String {
        sha256Hex(normalizedBytes(Array(body.utf8)))
    }

    /// Line endings to LF, trailing whitespace of each line removed, blank lines at both
    /// edges dropped, and the indentation common to all non-blank lines removed.
    public static func normalize(_ body: String) -> String {
        String(decoding: normalizedBytes(Array(body.utf8)), as: UTF8.self)
    }

    /// `normalize` on UTF-8 bytes (the hot path: no String work per line).
    static func normalizedBytes(_ text: [UInt8]) -> [UInt8] {
        // Split into lines (LF, CRLF or lone CR), trimming trailing spaces, tabs, CR and form feeds.
        var lines: [Range<Int>] = []
        lines.reserveCapacity(64)
        var start = 0
        var i = 0
        let n = text.count
        func endLine(_ end: Int) {
            var e = end
            while e > start, text[e - 1] == 32 || text[e - 1] == 9 || text[e - 1] == 12 || text[e - 1] == 13 { e -= 1 }
            lines.append(start..<e)
        }
        while i < n {
            let b = text[i]
            if b == 10 {
                endLine(i); i += 1; start = i
            } else if b == 13 {
                endLine(i)
                i += (i + 1 < n && text[i + 1] == 10) ? 2 : 1
                start = i
            } else {
                i += 1
            }
        }
        endLine(n)
        var first = 0, last = lines.count - 1
        while first <= last, lines[first].isEmpty { first += 1 }
        while last >= first, lines[last].isEmpty { last -= 1 }
        guard first <= last else { return [] }
        // The whitespace prefix shared by every non-blank line.
        var common: Range<Int>? = nil
        for l in first...last where !lines[l].isEmpty {
            let r = lines[l]
            var e = r.lowerBound
            while e < r.upperBound, text[e] == 32 || text[e] == 9 { e += 1 }
            if let c = common {
                var k = 0
                let limit = min(c.count, e - r.lowerBound)
                while k < limit, text[c.lowerBound + k] == text[r.lowerBound + k] { k += 1 }
                common = c.lowerBound..<(c.lowerBound + k)
            } else {
                common = r.lowerBound..<e
            }
        }
        let cut = common?.count ?? 0
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        for l in first...last {
            if l > first { out.append(10) }
            let r = lines[l]
            if !r.isEmpty { out.append(contentsOf: text[(r.lowerBound + cut)..<r.upperBound]) }
        }
        return out
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
