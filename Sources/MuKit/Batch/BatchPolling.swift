/// How often `--wait` and `mu batch collect --wait` poll a provider's batches: every 30 s (batches
/// take minutes to hours), or `MU_BATCH_POLL_SECONDS` (tests and scripts against a local server).
public enum BatchPolling {
    public static let defaultSeconds = 30.0

    public static func seconds(_ environment: [String: String]) -> Double {
        environment["MU_BATCH_POLL_SECONDS"].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil } ?? defaultSeconds
    }
}
