/// What a body changes outside its own locals: attributes of its receiver (`self.x = …`,
/// `this.x = …`, `@x = …`) and globals it declares (`global x` in Python).
///
/// Works on scrubbed code (``SourceScrubber``) over UTF-8 bytes, like ``ReturnValues``.
struct StateChanges: Sendable, Hashable {
    /// Receiver attributes assigned, as written (`self.timeout`), in order of first appearance.
    var attributes: [String] = []
    /// Module-level names the body declares it rebinds (`global _cache`).
    var globals: [String] = []

    var isEmpty: Bool { attributes.isEmpty && globals.isEmpty }

    static func scan(_ code: String, family: LanguageFamily) -> StateChanges {
        var changes = StateChanges()
        let receivers: [String]
        switch family {
        case .python: receivers = ["self.", "cls."]
        case .javascript, .java, .c, .other: receivers = ["this."]
        case .ruby: receivers = ["@"]
        case .swift: receivers = ["self."]
        case .go, .rust: receivers = []
        }
        let bytes = Array(code.utf8)
        for receiver in receivers {
            let prefix = Array(receiver.utf8)
            var index = 0
            while index + prefix.count < bytes.count {
                guard bytes[index] == prefix[0], bytes[index..<(index + prefix.count)].elementsEqual(prefix),
                      index == 0 || !(ReturnValues.isIdentifierByte(bytes[index - 1]) || bytes[index - 1] == UInt8(ascii: "."))
                else {
                    index += 1
                    continue
                }
                var end = index + prefix.count
                while end < bytes.count, ReturnValues.isIdentifierByte(bytes[end]) { end += 1 }
                guard end > index + prefix.count else { index = end; continue }
                // `=` (not `==`, `=>`), or `+=`, `-=`, `|=`…, after optional spaces.
                var next = end
                while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 { next += 1 }
                var assigns = false
                if next < bytes.count, bytes[next] == UInt8(ascii: "=") {
                    assigns = next + 1 >= bytes.count || (bytes[next + 1] != UInt8(ascii: "=") && bytes[next + 1] != UInt8(ascii: ">"))
                } else if next + 1 < bytes.count, bytes[next + 1] == UInt8(ascii: "="),
                          "+-*/|&^%".utf8.contains(bytes[next]) {
                    assigns = true
                }
                if assigns {
                    let name = String(decoding: bytes[index..<end], as: UTF8.self)
                    if !changes.attributes.contains(name) { changes.attributes.append(name) }
                }
                index = end
            }
        }
        if family == .python {
            for line in code.split(separator: "\n") {
                let trimmed = line.drop { $0 == " " || $0 == "\t" }
                guard trimmed.hasPrefix("global ") else { continue }
                for name in trimmed.dropFirst(7).split(separator: ",") {
                    let name = name.trimmingCharacters(in: .whitespaces)
                    if !name.isEmpty, !changes.globals.contains(name) { changes.globals.append(name) }
                }
            }
        }
        return changes
    }
}
