/// A deterministic, platform-independent 64-bit FNV-1a hash in hex.
///
/// Used to fingerprint user templates and parameter sets for cache keys; it
/// is not a security hash (the store hashes the full key with SHA-256).
enum StableHash {
    static func fnv1a64(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
