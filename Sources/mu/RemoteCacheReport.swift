import Foundation
import MuKit
import MuStore

/// The remote layer's part of `mu cache stats`: not configured, unreachable (one line why), or its totals.
struct RemoteCacheReport {
    var location: String?
    var stats: RemoteCacheStats?
    var failure: String?

    static func load(_ workspace: Workspace) async -> RemoteCacheReport {
        let environment = ProcessInfo.processInfo.environment
        do {
            guard let location = try SharedCacheLayer.location(workspace.config, environment: environment) else {
                return RemoteCacheReport()
            }
            do {
                let remote = try await RemoteSummaryCache.connect(location)
                defer { remote.shutdown() }
                return RemoteCacheReport(location: location.description, stats: try await remote.stats())
            } catch {
                return RemoteCacheReport(location: location.description, failure: error.description)
            }
        } catch {
            return RemoteCacheReport(location: nil, failure: error.description)
        }
    }

    func text(lastRunHits: Int?) -> String? {
        guard location != nil || failure != nil else { return nil }
        if let failure { return "remote: \(failure)" }
        guard let stats, let location else { return nil }
        return "remote: \(stats.entries) summaries, \(bytes(stats.textBytes)) of text, table \(bytes(stats.tableBytes)), "
            + "\(stats.activeLeases) keys being summarized now, last run \(lastRunHits ?? 0) hits (\(location))"
    }

    func json(lastRunHits: Int?) -> String {
        guard location != nil || failure != nil else { return "null" }
        var line = JSONLine().field("url", location)
        if let failure { return line.field("error", failure).text }
        if let stats {
            line = line.field("entries", stats.entries).field("text_bytes", Int(stats.textBytes))
                .field("table_bytes", Int(stats.tableBytes)).field("active_leases", stats.activeLeases)
                .field("last_run_hits", lastRunHits ?? 0)
        }
        return line.text
    }
}
