import MuLLM

/// The process-wide HTTP clients' end of life: AsyncHTTPClient must be shut
/// down before the process ends. A no-op when no provider request was made.
public enum NetworkLifecycle {
    public static func shutdown() async {
        await HTTPTransport.shared.shutdown()
    }
}
