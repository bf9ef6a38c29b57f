/// Timeouts, pool size and lease length of the shared cache.
public struct RemoteCacheOptions: Sendable, Hashable {
    /// How long a connection (TCP, TLS, authentication) may take before the layer gives up.
    public var connectTimeout: Duration = .seconds(3)
    /// How long one statement may take before the layer gives up.
    public var operationTimeout: Duration = .seconds(10)
    /// Connections the pool may open.
    public var maximumConnections = 4
    /// How long a claimed key stays reserved for its holder without being renewed.
    public var leaseSeconds: Double = 120

    public init(connectTimeout: Duration = .seconds(3), operationTimeout: Duration = .seconds(10),
                maximumConnections: Int = 4, leaseSeconds: Double = 120) {
        self.connectTimeout = connectTimeout
        self.operationTimeout = operationTimeout
        self.maximumConnections = maximumConnections
        self.leaseSeconds = leaseSeconds
    }
}
