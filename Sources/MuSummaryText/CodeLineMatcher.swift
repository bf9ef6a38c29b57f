import Foundation

/// Finds bullets that copy a line of the function's code (the last rule of
/// ``SummaryParser``): a bullet equal, once normalized, to a body line that
/// is not a comment or docstring line.
///
/// It walks the body once and compares its lines with the few bullets in
/// place, instead of building the set of all normalized lines
/// (``SummaryParser/codeLines(_:)``, which defines the rule).
package enum CodeLineMatcher {
    /// For each normalized bullet, whether some code line of `body` normalizes to it.
    package static func copies(of normalizedBullets: [String], in body: String) -> [Bool] {
        guard !normalizedBullets.isEmpty else { return [] }
        let targets = normalizedBullets.map { Array($0.utf8) }
        var found = [Bool](repeating: false, count: targets.count)
        var remaining = targets.count
        func mark(_ line: [UInt8]) {
            for (index, target) in targets.enumerated() where !found[index] && target == line {
                found[index] = true
                remaining -= 1
            }
        }
        // A normalized line starts with its first visible byte lower-cased: most lines need no more look.
        var firstBytes: (UInt64, UInt64) = (0, 0)
        for target in targets {
            guard let first = target.first else { continue }
            if first < 64 { firstBytes.0 |= 1 << UInt64(first) } else if first < 128 { firstBytes.1 |= 1 << UInt64(first - 64) }
        }
        func mayStart(_ byte: UInt8) -> Bool {
            byte < 64 ? firstBytes.0 & (1 << UInt64(byte)) != 0 : firstBytes.1 & (1 << UInt64(byte - 64)) != 0
        }

        var classifier = LineClassifier()
        var normalizedLine: [UInt8] = []
        let plain = PlainText.withBytes(body) { bytes -> Bool in
            var lineStart = 0
            while lineStart <= bytes.count, remaining > 0 {
                let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
                let raw = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                if PlainText.isPlain(raw) {
                    let trimmed = PlainText.trimSpacesAndTabs(bytes, lineStart..<lineEnd)
                    let line = ByteLine(bytes: UnsafeBufferPointer(rebasing: bytes[trimmed]))
                    if classifier.isCode(line),
                       let first = line.bytes.first(where: { !$0.isASCIIWhitespace }), mayStart(first.asciiLowercased) {
                        SummaryParser.normalizedPlain(bytes[trimmed], into: &normalizedLine)
                        mark(normalizedLine)
                    }
                } else {
                    // Lines end at a "\n" that is not part of a "\r\n" (as `components(separatedBy: "\n")`
                    // splits them): with carriage returns the general code keeps that exact.
                    if raw.contains(0x0D) { return false }
                    // Unicode spaces and case: the `String` operations the rule is written with.
                    let line = String(PlainText.trimmingSpaces(Substring(PlainText.string(bytes[lineStart..<lineEnd]))))
                    if classifier.isCode(StringLine(text: line)) { mark(Array(SummaryParser.normalized(line).utf8)) }
                }
                lineStart = lineEnd + 1
            }
            return true
        }
        guard plain else {
            let lines = SummaryParser.codeLines(body)
            return normalizedBullets.map(lines.contains)
        }
        return found
    }

    /// Tracks block comments and docstrings across the trimmed lines of a body.
    package struct LineClassifier {
        var inBlockComment = false
        var inDocString: Quote?

        enum Quote {
            case double, single

            var text: StaticString { self == .double ? "\"\"\"" : "'''" }
            var raw: StaticString { self == .double ? "r\"\"\"" : "r'''" }
        }

        /// Whether the next trimmed line is a code line (not blank, not part of a comment or docstring).
        mutating func isCode(_ line: some LineView) -> Bool {
            if let quote = inDocString {
                if line.contains(quote.text) { inDocString = nil }
                return false
            }
            if inBlockComment {
                if line.contains("*/") { inBlockComment = false }
                return false
            }
            if line.hasPrefix("/*") {
                if !line.contains("*/") { inBlockComment = true }
                return false
            }
            var isComment = false
            for quote in [Quote.double, .single] where line.hasPrefix(quote.text) || line.hasPrefix(quote.raw) {
                isComment = true
                if line.occurrences(of: quote.text) % 2 == 1 { inDocString = quote }
            }
            if isComment || line.hasPrefix("#") || line.hasPrefix("//") || line.hasPrefix("*") || line.hasPrefix("--")
                || line.hasPrefix(";") || line.hasPrefix("%") {
                return false
            }
            return !line.isEmpty
        }
    }
}

/// A trimmed body line as ``CodeLineMatcher/LineClassifier`` reads it.
package protocol LineView {
    var isEmpty: Bool { get }
    func hasPrefix(_ prefix: StaticString) -> Bool
    func contains(_ text: StaticString) -> Bool
    /// Non-overlapping occurrences, as `components(separatedBy:).count - 1` counts them.
    func occurrences(of text: StaticString) -> Int
}

/// A line of plain text: byte comparisons.
package struct ByteLine: LineView {
    package let bytes: UnsafeBufferPointer<UInt8>

    package var isEmpty: Bool { bytes.isEmpty }

    package func hasPrefix(_ prefix: StaticString) -> Bool { PlainText.hasPrefix(bytes, prefix) }

    package func contains(_ text: StaticString) -> Bool { PlainText.firstOffset(of: text.bytes, in: bytes) != nil }

    package func occurrences(of text: StaticString) -> Int {
        let needle = text.bytes
        var count = 0
        var from = 0
        while let found = PlainText.firstOffset(of: needle, in: bytes, from: from) {
            count += 1
            from = found + needle.count
        }
        return count
    }
}

/// Any line: the `String` and Foundation operations the rule was written with.
package struct StringLine: LineView {
    package let text: String

    package var isEmpty: Bool { text.isEmpty }

    package func hasPrefix(_ prefix: StaticString) -> Bool { text.hasPrefix(prefix.description) }

    package func contains(_ other: StaticString) -> Bool { text.contains(other.description) }

    package func occurrences(of other: StaticString) -> Int { text.components(separatedBy: other.description).count - 1 }
}

extension StaticString {
    /// The UTF-8 bytes of a literal.
    package var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: utf8Start, count: utf8CodeUnitCount) }
}
