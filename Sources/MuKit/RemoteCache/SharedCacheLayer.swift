import Foundation
import Logging
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
///
/// New summaries are published off the caller's path, group-commit style: `publish` queues them
/// and returns; one statement carries everything queued while the previous one was out, so a run
/// makes a few dozen publish round trips, not one per summary, and never waits on them until
/// `flush` (end of run).
public actor SharedCacheLayer {
    public let remote: RemoteSummaryCache
    private let warn: @Sendable (String) -> Void
    /// The failure that switched the layer off, if any.
    public private(set) var failure: RemoteCacheError?
    /// Summaries this run found remotely.
    public private(set) var hits = 0
    /// Summaries this run added to the remote cache.
    public private(set) var published = 0
    /// Round trips, keys and time per operation, for `MU_LOG=info` and the bench.
    public private(set) var activity = RemoteCacheActivity()
    private var heartbeat: Task<Void, Never>?
    private var unpublished: [Summary] = []
    private var publisher: Task<Void, Never>?
    /// Keys this run found remotely and not yet marked used: their `last_used_at` is set in one
    /// statement per 5,000 (and at close), so pruning spares what the team still uses.
    private var usedKeys = Set<String>()
    /// True once the server refused to record last use (a role without UPDATE): not asked again.
    private var lastUseRefused = false
    private let logger = Logger(label: "mu.remote-cache")

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
        let start = ContinuousClock.now
        do {
            let found = try await remote.lookup(keys)
            activity.lookups.add(keys: keys.count, since: start)
            hits += found.count
            await noteUsed(found.map(\.key))
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
        let start = ContinuousClock.now
        do {
            let claim = try await remote.claim(keys)
            let asked = Set(keys).count
            activity.claims.add(keys: asked, since: start)
            activity.claimed += claim.claimed.count
            activity.doneElsewhere += claim.found.count
            activity.heldElsewhere += max(0, asked - claim.claimed.count - claim.found.count)
            hits += claim.found.count
            await noteUsed(claim.found.map(\.key))
            return claim
        } catch {
            switchOff(error)
            return LeaseClaim(claimed: Set(keys), found: [])
        }
    }

    /// Queues new summaries for the remote cache, where they also release their leases; returns at
    /// once. A publisher task sends everything queued in one statement per round trip.
    public func publish(_ summaries: [Summary]) {
        guard failure == nil, !summaries.isEmpty else { return }
        unpublished += summaries
        guard publisher == nil else { return }
        publisher = Task { await self.publishQueued() }
    }

    /// Waits until every queued summary is published (or the layer switched off).
    public func flush() async {
        while let publisher { await publisher.value }
    }

    /// Gives up leases on keys this run could not summarize, so another run may try.
    public func release(_ keys: [String]) async {
        guard failure == nil, !keys.isEmpty else { return }
        let start = ContinuousClock.now
        do {
            try await remote.release(keys)
            activity.releases.add(keys: keys.count, since: start)
        } catch { switchOff(error) }
    }

    /// Counts time a run spent with nothing to send, waiting for keys other runs held.
    public func noteWaiting(_ duration: Duration) {
        activity.waitingSeconds += RemoteCacheActivity.Operation.seconds(duration)
    }

    /// Publishes what is queued, records the last use of this run's remote hits, stops renewing
    /// leases, logs the run's activity (`MU_LOG=info`) and closes the connections.
    public func close() async {
        await flush()
        heartbeat?.cancel()
        heartbeat = nil
        await recordLastUse()
        logger.info("remote cache: \(activity.description)")
        remote.shutdown()
    }

    private func noteUsed(_ keys: [String]) async {
        usedKeys.formUnion(keys)
        if usedKeys.count >= 5000 { await recordLastUse() }
    }

    /// Marks the hits noted so far used. Best effort: a role without UPDATE on mu_summaries still
    /// reads and writes (`mu doctor` names the privilege), so a refusal is logged at debug level only.
    private func recordLastUse() async {
        guard failure == nil, !lastUseRefused, !usedKeys.isEmpty else { return }
        let keys = Array(usedKeys)
        usedKeys.removeAll()
        do { _ = try await remote.markUsed(keys) } catch {
            lastUseRefused = true
            logger.debug("remote cache: last use not recorded: \(error.description)")
        }
    }

    private func publishQueued() async {
        while failure == nil, !unpublished.isEmpty {
            let batch = unpublished
            unpublished.removeAll()
            let start = ContinuousClock.now
            do {
                published += try await remote.publish(batch)
                activity.publishes.add(keys: batch.count, since: start)
            } catch {
                switchOff(error)
            }
        }
        unpublished.removeAll()
        publisher = nil
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
