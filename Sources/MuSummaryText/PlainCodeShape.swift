/// ``SummaryParser/looksLikeCode(_:)`` for plain text (``PlainText``, "…"
/// allowed), over bytes; it follows ``SummaryParser/looksLikeCodeGeneral(_:)``
/// rule for rule.
package enum PlainCodeShape {
    package static let statementKeywords = SummaryParser.statementKeywords.map { Array($0.utf8) }
    package static let declarationKeywords = SummaryParser.declarationKeywords.map { Array($0.utf8) }

    /// - Parameter ellipses: how many "…" (three bytes, one character) the bullet holds.
    package static func looksLikeCode(_ bullet: String, ellipses: Int = 0) -> Bool {
        PlainText.withBytes(bullet) { all in
            let range = PlainText.trimSpacesAndTabs(all, 0..<all.count)
            let text = UnsafeBufferPointer(rebasing: all[range])
            guard let last = text.last else { return false }
            if last == UInt8(ascii: "{") || last == UInt8(ascii: ";") || (text.count == 1 && last == UInt8(ascii: "}")) {
                return true
            }
            if PlainText.hasSuffix(text, "):") || PlainText.hasSuffix(text, ") {") { return true }
            // `^(return|raise|…)\s`
            for keyword in statementKeywords where PlainText.hasPrefix(text, keyword) {
                if keyword.count < text.count, text[keyword.count].isASCIIWhitespace { return true }
            }
            // `^(def|async def|…)\s+[A-Za-z_][\w.]*\s*[(=:{<]`: every part is maximal, no backtracking needed.
            for keyword in declarationKeywords where PlainText.hasPrefix(text, keyword) {
                var index = keyword.count
                let spaces = index
                while index < text.count, text[index].isASCIIWhitespace { index += 1 }
                guard index > spaces, index < text.count,
                      text[index].isASCIILetter || text[index] == UInt8(ascii: "_") else { continue }
                index += 1
                while index < text.count, text[index].isASCIIWord || text[index] == UInt8(ascii: ".") { index += 1 }
                while index < text.count, text[index].isASCIIWhitespace { index += 1 }
                if index < text.count {
                    switch text[index] {
                    case UInt8(ascii: "("), UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "{"), UInt8(ascii: "<"):
                        return true
                    default:
                        break
                    }
                }
            }
            var symbols = 0
            var visible = 0
            for byte in text where !byte.isASCIIWhitespace {
                visible += 1
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ";"),
                     UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "]"):
                    symbols += 1
                default:
                    break
                }
            }
            visible -= 2 * ellipses
            return visible >= 12 && Double(symbols) / Double(visible) > 0.18
        }
    }
}
