/// A text searched by many patterns (a body in ``BehaviorScanner``), with a
/// small filter of the byte pairs it contains: a required literal with a pair
/// the filter lacks cannot occur, so most literals are ruled out without
/// searching the text. (A Bloom filter: a pair it has may still be absent;
/// then the search decides.)
package struct ScanText {
    package let text: String
    /// 512 bits, bit `pairBit(a, b)` set for each adjacent pair `a, b`. Inline: no allocation.
    private var pairs: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)

    package init(_ text: String) {
        self.text = text
        PlainText.withBytes(text) { bytes in
            guard bytes.count > 1 else { return }
            withUnsafeMutableBytes(of: &pairs) { raw in
                let words = raw.bindMemory(to: UInt64.self)
                var previous = bytes[0]
                for index in 1..<bytes.count {
                    let byte = bytes[index]
                    let bit = ScanText.pairBit(previous, byte)
                    words[bit >> 6] |= 1 << UInt64(bit & 63)
                    previous = byte
                }
            }
        }
    }

    @inline(__always)
    package static func pairBit(_ first: UInt8, _ second: UInt8) -> Int {
        Int((UInt32(first) &* 0x9E37 ^ UInt32(second) &* 0x85EB) >> 5) & 511
    }

    /// False when `literal` certainly does not occur; otherwise whether it does (searched for).
    package func contains(_ literal: UnsafeBufferPointer<UInt8>) -> Bool {
        if literal.count > 1 {
            let absent = withUnsafeBytes(of: pairs) { raw -> Bool in
                let words = raw.bindMemory(to: UInt64.self)
                for index in 1..<literal.count {
                    let bit = ScanText.pairBit(literal[index - 1], literal[index])
                    if words[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return true }
                }
                return false
            }
            if absent { return false }
        }
        return PlainText.withBytes(text) { PlainText.firstOffset(of: literal, in: $0) != nil }
    }
}
