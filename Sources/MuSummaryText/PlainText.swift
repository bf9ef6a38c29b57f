import Foundation

/// Byte-level helpers behind the fast paths of the extractive summarizer and
/// the reply parser, which run once per function on whole code bases.
///
/// Most code and most summaries are *plain*: ASCII without carriage returns.
/// There one byte is one `Character` (no grapheme joins two bytes; `"\r\n"`
/// is the only ASCII pair that forms one), so byte scanning gives exactly the
/// answers of the `String` and Foundation calls it replaces, without their
/// per-call cost. Callers check ``isPlain(_:)`` and keep their general code
/// for other text.
package enum PlainText {
    /// ASCII with no carriage return.
    package static func isPlain(_ text: some StringProtocol) -> Bool {
        withBytes(text) { isPlain($0) }
    }

    /// ``isPlain(_:)`` for bytes.
    package static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        #if MU_GENERAL_TEXT_ONLY
        return false   // bench/text-paths.sh: every text takes the general path, to weigh the fast paths
        #endif
        // Eight bytes at a time: no high bit set, and no byte equal to 0x0D.
        var index = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let carriage = word ^ 0x0D0D_0D0D_0D0D_0D0D
                let hasZero = (carriage &- 0x0101_0101_0101_0101) & ~carriage & 0x8080_8080_8080_8080
                if (word & 0x8080_8080_8080_8080) | hasZero != 0 { return false }
                index += 8
            }
        }
        while index < bytes.count {
            if bytes[index] >= 0x80 || bytes[index] == 0x0D { return false }
            index += 1
        }
        return true
    }

    /// `text.contains(where: \.isLetter)`.
    package static func containsLetter(_ text: String) -> Bool {
        isPlain(text) ? withBytes(text) { $0.contains { $0.isASCIILetter } } : text.contains(where: \.isLetter)
    }

    /// Whether `byte` occurs in `text` (memchr).
    package static func contains(_ byte: UInt8, in text: some StringProtocol) -> Bool {
        withBytes(text) { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        }
    }

    /// `\bword\b` occurs in `text` (`word` starts and ends with a word character). Other text
    /// than plain goes to the regular expression (compiled once for the words mu asks about).
    package static func containsWord(_ word: String, in text: String) -> Bool {
        guard isPlain(text) else {
            let pattern = wordPatterns[word] ?? CompiledRegex("\\b\(word)\\b")
            return pattern?.matches(text) ?? false
        }
        return withBytes(text) { bytes in
            var from = 0
            while let found = firstOffset(of: word.utf8, in: bytes, from: from) {
                let end = found + word.utf8.count
                if (found == 0 || !bytes[found - 1].isASCIIWord) && (end == bytes.count || !bytes[end].isASCIIWord) {
                    return true
                }
                from = found + 1
            }
            return false
        }
    }

    package static let wordPatterns: [String: CompiledRegex?] = Dictionary(uniqueKeysWithValues:
        ["async", "throws", "rethrows", "error", "raise"].map { ($0, CompiledRegex("\\b\($0)\\b")) })

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)`.
    package static func trimmingWhitespaceAndNewlines(_ text: String) -> String {
        guard isPlain(text) else { return text.trimmingCharacters(in: .whitespacesAndNewlines) }
        return withBytes(text) { bytes in
            var lower = 0
            var upper = bytes.count
            while lower < upper, bytes[lower].isASCIIWhitespace { lower += 1 }
            while upper > lower, bytes[upper - 1].isASCIIWhitespace { upper -= 1 }
            return lower == 0 && upper == bytes.count ? text : string(bytes[lower..<upper])
        }
    }

    /// The number of "…" (U+2026) in `text` when it is plain apart from them, else `nil`.
    ///
    /// The ellipsis mu adds to cut bullets is one character of three bytes that no rule of the
    /// parser treats specially (not whitespace, not a word character, no case, no combining),
    /// so the byte-level bullet checks hold for such text too, counting it as one character.
    package static func ellipses(in text: String) -> Int? {
        #if MU_GENERAL_TEXT_ONLY
        return nil
        #endif
        if isPlain(text) { return 0 }
        return withBytes(text) { bytes in
            var count = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80, byte != 0x0D {
                    index += 1
                } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA6 {
                    count += 1
                    index += 3
                } else {
                    return nil
                }
            }
            return count
        }
    }

    /// Runs `body` over the UTF-8 bytes of `text`, copying only when the
    /// storage is not contiguous.
    @inline(__always)
    package static func withBytes<R>(_ text: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// A string from bytes known to be valid UTF-8.
    @inline(__always)
    package static func string(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// First offset of `needle` in `haystack[from...]`, or `nil`.
    package static func firstOffset(of needle: some Collection<UInt8>, in haystack: UnsafeBufferPointer<UInt8>,
                            from start: Int = 0) -> Int? {
        if let found = needle.withContiguousStorageIfAvailable({ firstOffset(ofBuffer: $0, in: haystack, from: start) }) {
            return found
        }
        return Array(needle).withUnsafeBufferPointer { firstOffset(ofBuffer: $0, in: haystack, from: start) }
    }

    private static func firstOffset(ofBuffer needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>,
                                    from start: Int) -> Int? {
        guard start >= 0, start <= haystack.count else { return nil }
        guard let needleBase = needle.baseAddress, !needle.isEmpty else { return start }
        guard let base = haystack.baseAddress, haystack.count - start >= needle.count else { return nil }
        // memchr for the first byte, memcmp for the rest (both vectorised in the C library).
        let first = Int32(needle[0])
        let tail = needle.count - 1
        var position = start
        let last = haystack.count - needle.count
        while position <= last {
            guard let hit = memchr(base + position, first, last - position + 1) else { return nil }
            let offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            if tail == 0 || memcmp(base + offset + 1, needleBase + 1, tail) == 0 { return offset }
            position = offset + 1
        }
        return nil
    }

    /// Whether `bytes[offset...]` starts with `prefix`.
    @inline(__always)
    package static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: StaticString, at offset: Int = 0) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard offset >= 0, offset + count <= bytes.count else { return false }
        let start = prefix.utf8Start
        for index in 0..<count where bytes[offset + index] != start[index] { return false }
        return true
    }

    /// Whether `bytes` ends with `suffix`.
    @inline(__always)
    package static func hasSuffix(_ bytes: UnsafeBufferPointer<UInt8>, _ suffix: StaticString) -> Bool {
        hasPrefix(bytes, suffix, at: bytes.count - suffix.utf8CodeUnitCount)
    }

    /// Whether `bytes[offset...]` starts with `prefix`.
    package static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: some Collection<UInt8>, at offset: Int = 0) -> Bool {
        guard offset >= 0, offset + prefix.count <= bytes.count else { return false }
        var index = offset
        for byte in prefix {
            if bytes[index] != byte { return false }
            index += 1
        }
        return true
    }

    /// `text.trimmingCharacters(in: .whitespaces)` without Foundation: tabs and
    /// Unicode space separators (Zs) removed from both ends, scalar by scalar
    /// as Foundation does.
    package static func trimmingSpaces(_ text: Substring) -> Substring {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if start == scalars.startIndex, end == scalars.endIndex { return text }
        return Substring(scalars[start..<end])
    }

    package static func trimmingSpaces(_ text: String) -> String {
        let trimmed = trimmingSpaces(text[...])
        return trimmed.utf8.count == text.utf8.count ? text : String(trimmed)
    }

    /// `CharacterSet.whitespaces`: tab and the Unicode space separators.
    @inline(__always)
    package static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value == 0x20 || scalar.value == 0x09 }
        return scalar.properties.generalCategory == .spaceSeparator
    }

    /// Range of `bytes[range]` without spaces and tabs at either end (plain text only).
    @inline(__always)
    package static func trimSpacesAndTabs(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, bytes[lower].isSpaceOrTab { lower += 1 }
        while upper > lower, bytes[upper - 1].isSpaceOrTab { upper -= 1 }
        return lower..<upper
    }
}

extension UInt8 {
    /// Space or tab: `CharacterSet.whitespaces` within ASCII.
    @inlinable package var isSpaceOrTab: Bool { self == 0x20 || self == 0x09 }
    /// Unicode White_Space within ASCII: `Character.isWhitespace` and regex `\s`.
    @inlinable package var isASCIIWhitespace: Bool { self == 0x20 || (self >= 0x09 && self <= 0x0D) }
    /// Regex `\w` within ASCII: letters, digits and `_`.
    @inlinable package var isASCIIWord: Bool { isASCIILetter || isASCIIDigit || self == 0x5F }
    @inlinable package var isASCIILetter: Bool { (self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A }
    @inlinable package var isASCIIUpper: Bool { self >= 0x41 && self <= 0x5A }
    @inlinable package var isASCIILower: Bool { self >= 0x61 && self <= 0x7A }
    @inlinable package var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
    /// Lower case for ASCII letters, anything else unchanged.
    @inlinable package var asciiLowercased: UInt8 { isASCIIUpper ? self | 0x20 : self }
}
