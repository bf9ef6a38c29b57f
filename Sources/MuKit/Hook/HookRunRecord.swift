import Foundation

/// How the last background hook run went, kept in `.mu/hook-status.json` for `mu hook status`.
public struct HookRunRecord: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable {
        /// Started and not finished: still running, or killed (see `pid`).
        case running
        case succeeded
        /// Finished, but some functions could not be summarized.
        case partial
        /// Did not finish: broken config, provider set-up, I/O... (`error` says why).
        case failed
        case budgetReached = "budget_reached"
        case credentialsRefused = "credentials_refused"
        /// The provider could not serve the run (unreachable, unknown model, every request failing):
        /// the functions are indexed, their summaries wait for the next run (`error` says why and how many).
        case providerUnavailable = "provider_unavailable"

        /// The outcome in words, for the log and `mu hook status` (the raw value is the JSON's).
        public var label: String {
            switch self {
            case .budgetReached: "stopped at the budget"
            case .credentialsRefused: "credentials refused"
            case .providerUnavailable: "provider unavailable"
            default: rawValue
            }
        }
    }

    public var pid: Int32
    /// HEAD when the run started.
    public var head: String?
    /// `incremental` (diffed paths only) or `full` (no usable base: first run, unknown history).
    public var mode: String
    /// Why the run looked at every file, when it did.
    public var fullReason: String?
    /// Paths in the incremental scope.
    public var paths: Int?
    /// Commits folded into this run by rerun marks.
    public var coalesced: Int
    public var startedAt: Date
    public var finishedAt: Date?
    public var outcome: Outcome
    public var filesChanged = 0
    public var filesRemoved = 0
    /// Files the run could not read (permissions), skipped with their index rows kept; nil in
    /// records written before this field existed.
    public var filesUnreadable: Int?
    public var functions = 0
    public var summarized = 0
    public var cacheHits = 0
    public var failed = 0
    public var costUSD = 0.0
    public var error: String?

    public init(pid: Int32 = getpid(), head: String?, mode: String, fullReason: String? = nil, paths: Int?,
                coalesced: Int, startedAt: Date = Date(), outcome: Outcome = .running) {
        self.pid = pid
        self.head = head
        self.mode = mode
        self.fullReason = fullReason
        self.paths = paths
        self.coalesced = coalesced
        self.startedAt = startedAt
        self.outcome = outcome
    }

    enum CodingKeys: String, CodingKey {
        case pid, head, mode, paths, coalesced, outcome, functions, summarized, failed, error
        case fullReason = "full_reason"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case filesChanged = "files_changed"
        case filesRemoved = "files_removed"
        case filesUnreadable = "files_unreadable"
        case cacheHits = "cache_hits"
        case costUSD = "cost_usd"
    }

    /// Seconds from start to finish.
    public var duration: Double? { finishedAt.map { $0.timeIntervalSince(startedAt) } }
}

/// Reads and writes `.mu/hook-status.json` (atomically: a reader never sees half a file).
public struct HookStatusFile: Sendable {
    public let url: URL
    public static let fileName = "hook-status.json"

    public init(muDirectory: URL) {
        self.url = muDirectory.appendingPathComponent(Self.fileName)
    }

    public func read() -> HookRunRecord? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = Self.formatter().date(from: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
            }
            return date
        }
        return try? decoder.decode(HookRunRecord.self, from: data)
    }

    public func write(_ record: HookRunRecord) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Self.formatter().string(from: date))
        }
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(record) else { return }
        try? data.write(to: url, options: .atomic)
    }

    /// ISO 8601 with milliseconds, so durations of short runs survive the round trip.
    static func formatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
