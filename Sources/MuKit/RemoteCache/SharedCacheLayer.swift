import Foundation
import MuStore

/// The shared PostgreSQL cache as a run uses it: memory → SQLite → **this** → provider.
///
/// It degrades and never blocks: when the server is unreachable, slow, or fails mid-run, it
/// prints one warning and from then on answers as if it were absent (no hits; every miss is this
/// run's to pay), unless the user asked for `--require-remote-cache`, in which case `connect`
/// throws and a mid-run failure is reported in `failure` so the command exits 1 at the end.
///
/// While open it renews this run's leases in the background, so a long call keeps its key; a
/// run that dies stops renewing and its keys become free after the lease time.
public actor SharedCacheLayer {
    public let remote: RemoteSummaryCache
    private let warn: @Sendable (String) -> Void
    /// The failure that switched the layer off, if any.
    public private(set) var failure: RemoteCacheError?
    /// Summaries this run found remotely.
    public private(set) var hits = 0
    /// Summaries this run added to the remote cache.
    public private(set) var published = 0
    private var heartbeat: Task<Void, Never>?

    init(remote: RemoteSummaryCache, warn: @escaping @Sendable (String) -> Void) {
        self.remote = remote
        self.warn = warn
    }

    /// The configured location (`[cache] url` / `MU_CACHE_URL`, password from the environment),
    /// nil when none is configured.
    public static func location(_ resolved: ResolvedConfig, environment: [String: String]) throws(RemoteCacheError)
        -> RemoteCacheLocation? {
        let url = resolved.config.cache.url
        guard !url.isEmpty else { return nil }
        let fromEnvironment: Bool
        if case .environment = resolved.source(of: "cache.url") { fromEnvironment = true } else { fromEnvironment = false }
        return try RemoteCacheLocation(url: url, fromEnvironment: fromEnvironment,
                                       environmentPassword: environment["PGPASSWORD"])
    }

    /// Connects when a remote cache is configured.
    ///
    /// - Returns: nil when none is configured, or when it cannot be used and `required` is false
    ///   (after `warn` got one line saying why).
    /// - Throws: the `RemoteCacheError` when `required` and the cache cannot be used.
    public static func open(_ resolved: ResolvedConfig, environment: [String: String], required: Bool,
                            options: RemoteCacheOptions = RemoteCacheOptions(),
                            warn: @escaping @Sendable (String) -> Void) async throws(RemoteCacheError) -> SharedCacheLayer? {
        do throws(RemoteCacheError) {
            guard let location = try location(resolved, environment: environment) else {
                if required { throw RemoteCacheError.invalidURL("--require-remote-cache but no [cache] url or MU_CACHE_URL") }
                return nil
            }
            let remote = try await RemoteSummaryCache.connect(location, options: options)
            let layer = SharedCacheLayer(remote: remote, warn: warn)
            await layer.startHeartbeat()
            return layer
        } catch {
            if required { throw error }
            warn("warning: \(error.description); continuing on the local cache")
            return nil
        }
    }

    /// True while the remote layer is in use (not switched off by a failure).
    public var isActive: Bool { failure == nil }

    /// Remote summaries for `keys` (none when the layer is off).
    public func lookup(_ keys: [String]) async -> [Summary] {
        guard failure == nil, !keys.isEmpty else { return [] }
        do {
            let found = try await remote.lookup(keys)
            hits += found.count
            return found
        } catch {
            switchOff(error)
            return []
        }
    }

    /// Claims `keys`: those claimed are this run's to pay; `found` were paid meanwhile by someone
    /// else; the rest are being paid by another run. When the layer is off every key is claimed.
    public func claim(_ keys: [String]) async -> LeaseClaim {
        guard failure == nil else { return LeaseClaim(claimed: Set(keys), found: []) }
        do {
            let claim = try await remote.claim(keys)
            hits += claim.found.count
            return claim
        } catch {
            switchOff(error)
            return LeaseClaim(claimed: Set(keys), found: [])
        }
    }

    /// Adds new summaries to the remote cache and releases their leases.
    public func publish(_ summaries: [Summary]) async {
        guard failure == nil, !summaries.isEmpty else { return }
        do { published += try await remote.publish(summaries) } catch { switchOff(error) }
    }

    /// Gives up leases on keys this run could not summarize, so another run may try.
    public func release(_ keys: [String]) async {
        guard failure == nil, !keys.isEmpty else { return }
        do { try await remote.release(keys) } catch { switchOff(error) }
    }

    /// Stops renewing leases and closes the connections.
    public func close() {
        heartbeat?.cancel()
        heartbeat = nil
        remote.shutdown()
    }

    private func startHeartbeat() {
        let interval = Duration.milliseconds(Int64(max(0.2, remote.options.leaseSeconds / 3) * 1000))
        heartbeat = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled, let self else { return }
                await self.renew()
            }
        }
    }

    private func renew() async {
        guard failure == nil else { return }
        do { try await remote.renewLeases() } catch { switchOff(error) }
    }

    private func switchOff(_ error: RemoteCacheError) {
        guard failure == nil else { return }
        failure = error
        heartbeat?.cancel()
        warn("warning: \(error.description); continuing on the local cache")
    }
}

extension SharedCacheLayer {
    /// Default options, with the lease length from `MU_CACHE_LEASE_SECONDS` (tests and benches use
    /// short leases to see a dead run's keys taken over quickly).
    public static func options(environment: [String: String]) -> RemoteCacheOptions {
        var options = RemoteCacheOptions()
        if let text = environment["MU_CACHE_LEASE_SECONDS"], let seconds = Double(text), seconds > 0 {
            options.leaseSeconds = seconds
        }
        return options
    }
}
