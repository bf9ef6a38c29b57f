/// Shows enough of a credential to recognise it and never enough to use it:
/// `sk-ant-api03-…` → `sk-a…f3`.
public enum SecretMask {
    public static func mask(_ secret: String?) -> String {
        guard let secret, !secret.isEmpty else { return "(not set)" }
        guard secret.count >= 12 else { return String(repeating: "*", count: 4) }
        return "\(secret.prefix(4))…\(secret.suffix(2))"
    }
}
