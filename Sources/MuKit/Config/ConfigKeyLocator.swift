/// Finds the line on which each key of a TOML document is written.
///
/// TOMLKit reports lines only for syntax errors, not for the keys of a parsed document, so this small
/// hand-written scanner walks the source once: table headers (`[a.b]`, `[[a]]`), dotted and quoted keys,
/// inline tables, and values it must step over without mistaking their contents for keys (basic, literal and
/// multi-line strings, arrays spanning lines, comments). It runs only on text TOMLKit has already accepted,
/// so it need not diagnose anything; on unexpected input it skips to the next line.
struct ConfigKeyLocator {
    private var firstLine: [[String]: Int] = [:]

    init(source: String) {
        var scanner = Scanner(bytes: Array(source.utf8))
        scanner.scanDocument()
        firstLine = scanner.lines
    }

    /// The line where `path` itself is written (as a key or a table header), if it is.
    func exactLine(for path: [String]) -> Int? {
        firstLine[path]
    }

    /// The line of `path`, or of its nearest enclosing table or key when `path` itself is not written out
    /// (e.g. a key inside an inline table that spans several lines).
    func line(for path: [String]) -> Int? {
        var path = path
        while !path.isEmpty {
            if let line = firstLine[path] { return line }
            path.removeLast()
        }
        return nil
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        var line = 1
        var lines: [[String]: Int] = [:]

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        private var current: UInt8? { i < bytes.count ? bytes[i] : nil }

        private func peek(_ offset: Int) -> UInt8? {
            i + offset < bytes.count ? bytes[i + offset] : nil
        }

        private mutating func record(_ path: [String], line: Int) {
            for length in 1...max(path.count, 1) where length <= path.count {
                let prefix = Array(path.prefix(length))
                if lines[prefix] == nil { lines[prefix] = line }
            }
        }

        mutating func scanDocument() {
            var table: [String] = []
            while i < bytes.count {
                skipBlank(newlines: true)
                guard let byte = current else { break }
                if byte == UInt8(ascii: "[") {
                    let headerLine = line
                    i += 1
                    let isArrayTable = current == UInt8(ascii: "[")
                    if isArrayTable { i += 1 }
                    table = scanKeyPath()
                    record(table, line: headerLine)
                    skipToEndOfLine()
                } else if isKeyStart(byte) {
                    let keyLine = line
                    let key = table + scanKeyPath()
                    record(key, line: keyLine)
                    skipBlank(newlines: false)
                    guard current == UInt8(ascii: "=") else { skipToEndOfLine(); continue }
                    i += 1
                    skipBlank(newlines: false)
                    scanValue(key)
                    skipToEndOfLine()
                } else {
                    skipToEndOfLine()
                }
            }
        }

        private func isKeyStart(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || isBareKeyByte(byte)
        }

        private func isBareKeyByte(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }

        /// `a.b."c d".'e'` → ["a", "b", "c d", "e"]; stops before `=`, `]` or anything else.
        private mutating func scanKeyPath() -> [String] {
            var path: [String] = []
            while true {
                skipBlank(newlines: false)
                guard let byte = current else { break }
                if byte == UInt8(ascii: "\"") {
                    i += 1
                    path.append(scanBasicStringBody())
                } else if byte == UInt8(ascii: "'") {
                    i += 1
                    let start = i
                    while let b = current, b != UInt8(ascii: "'"), b != UInt8(ascii: "\n") { i += 1 }
                    path.append(String(decoding: bytes[start..<i], as: UTF8.self))
                    if current == UInt8(ascii: "'") { i += 1 }
                } else if isBareKeyByte(byte) {
                    let start = i
                    while let b = current, isBareKeyByte(b) { i += 1 }
                    path.append(String(decoding: bytes[start..<i], as: UTF8.self))
                } else {
                    break
                }
                skipBlank(newlines: false)
                guard current == UInt8(ascii: ".") else { break }
                i += 1
            }
            return path
        }

        /// After the opening quote of a one-line basic string; returns its text with simple escapes undone.
        private mutating func scanBasicStringBody() -> String {
            var out: [UInt8] = []
            while let b = current, b != UInt8(ascii: "\""), b != UInt8(ascii: "\n") {
                if b == UInt8(ascii: "\\"), let next = peek(1) {
                    switch next {
                    case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
                    case UInt8(ascii: "t"): out.append(UInt8(ascii: "\t"))
                    default: out.append(next)  // \" \\ and, approximately, the rest
                    }
                    i += 2
                } else {
                    out.append(b)
                    i += 1
                }
            }
            if current == UInt8(ascii: "\"") { i += 1 }
            return String(decoding: out, as: UTF8.self)
        }

        /// Steps over one value; records keys of inline tables under `path`.
        private mutating func scanValue(_ path: [String]) {
            guard let byte = current else { return }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                skipString(quote: byte)
            case UInt8(ascii: "["):
                i += 1
                while i < bytes.count {
                    skipBlank(newlines: true)
                    guard let b = current else { return }
                    if b == UInt8(ascii: "]") { i += 1; return }
                    if b == UInt8(ascii: ",") { i += 1; continue }
                    let before = i
                    scanValue(path)
                    if i == before { i += 1 }
                }
            case UInt8(ascii: "{"):
                i += 1
                while i < bytes.count {
                    skipBlank(newlines: true)
                    guard let b = current else { return }
                    if b == UInt8(ascii: "}") { i += 1; return }
                    if b == UInt8(ascii: ",") { i += 1; continue }
                    guard isKeyStart(b) else { i += 1; continue }
                    let keyLine = line
                    let key = path + scanKeyPath()
                    record(key, line: keyLine)
                    skipBlank(newlines: false)
                    guard current == UInt8(ascii: "=") else { continue }
                    i += 1
                    skipBlank(newlines: false)
                    scanValue(key)
                }
            default:
                // Numbers, booleans, dates (which may contain a space): up to a delimiter.
                while let b = current, b != UInt8(ascii: ","), b != UInt8(ascii: "]"), b != UInt8(ascii: "}"),
                      b != UInt8(ascii: "#"), b != UInt8(ascii: "\n"), b != UInt8(ascii: "\r") {
                    i += 1
                }
            }
        }

        /// Steps over a basic or literal string, one-line or multi-line, counting newlines.
        private mutating func skipString(quote: UInt8) {
            let isMultiline = peek(1) == quote && peek(2) == quote
            i += isMultiline ? 3 : 1
            while let b = current {
                if b == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                    if peek(1) == UInt8(ascii: "\n") { line += 1 }
                    i += 2
                    continue
                }
                if b == UInt8(ascii: "\n") {
                    line += 1
                    if !isMultiline { i += 1; return }
                }
                if b == quote {
                    if !isMultiline { i += 1; return }
                    if peek(1) == quote, peek(2) == quote {
                        i += 3
                        // Up to two more quotes belong to the content: `""""` ends with one quote inside.
                        var extra = 0
                        while current == quote, extra < 2 { i += 1; extra += 1 }
                        return
                    }
                }
                i += 1
            }
        }

        /// Spaces, tabs, comments, and (when `newlines`) line breaks.
        private mutating func skipBlank(newlines: Bool) {
            while let b = current {
                if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") {
                    i += 1
                } else if b == UInt8(ascii: "#") {
                    while let c = current, c != UInt8(ascii: "\n") { i += 1 }
                } else if b == UInt8(ascii: "\n"), newlines {
                    line += 1
                    i += 1
                } else {
                    return
                }
            }
        }

        /// To just after the next line break.
        private mutating func skipToEndOfLine() {
            while let b = current {
                i += 1
                if b == UInt8(ascii: "\n") { line += 1; return }
            }
        }
    }
}
