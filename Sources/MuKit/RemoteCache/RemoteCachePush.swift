import MuStore

/// `mu cache push`: uploads the local summaries the shared cache lacks, so a team can seed its
/// shared cache from one machine's work. Pages through the local table; one lookup and at most one
/// insert per page.
public enum RemoteCachePush {
    public struct Outcome: Sendable, Equatable {
        /// Local summaries looked at.
        public var checked = 0
        /// Of those, the ones the remote lacked and now has.
        public var uploaded = 0

        public init(checked: Int = 0, uploaded: Int = 0) {
            self.checked = checked
            self.uploaded = uploaded
        }
    }

    public static func push(from local: SummaryCache, to remote: RemoteSummaryCache,
                            pageSize: Int = 2000) async throws -> Outcome {
        var outcome = Outcome()
        var after = ""
        while true {
            let page = try await local.summaries(afterKey: after, limit: pageSize)
            guard let last = page.last else { break }
            after = last.key
            outcome.checked += page.count
            let missing = Set(try await remote.missingKeys(page.map(\.key)))
            if !missing.isEmpty {
                outcome.uploaded += try await remote.insert(page.filter { missing.contains($0.key) })
            }
            if page.count < pageSize { break }
        }
        return outcome
    }
}
