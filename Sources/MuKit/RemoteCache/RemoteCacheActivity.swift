/// What one run did with the shared cache: round trips, keys and time per kind of operation, keys
/// won and lost to other runs, and the time spent waiting for keys other runs held. Logged at
/// `MU_LOG=info` when the run closes the layer (bench/remote-cache.sh prints it per process): where
/// a run's time goes when several machines share the same misses.
public struct RemoteCacheActivity: Sendable, Hashable {
    /// One kind of statement: how many round trips, how many keys they carried, their wall time.
    public struct Operation: Sendable, Hashable {
        public var roundTrips = 0
        public var keys = 0
        public var seconds = 0.0

        mutating func add(keys: Int, since start: ContinuousClock.Instant) {
            roundTrips += 1
            self.keys += keys
            seconds += Self.seconds(ContinuousClock.now - start)
        }

        static func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
    }

    public var lookups = Operation()
    public var claims = Operation()
    public var publishes = Operation()
    public var releases = Operation()
    /// Keys this run won a lease on.
    public var claimed = 0
    /// Keys asked for while another run held them.
    public var heldElsewhere = 0
    /// Keys whose summary was already there when claimed.
    public var doneElsewhere = 0
    /// Seconds with nothing to send, waiting for the keys other runs held.
    public var waitingSeconds = 0.0

    /// One line: `claims 52 (1040 keys, 0.41 s): won 500, held elsewhere 520, done 20; …`.
    public var description: String {
        func line(_ name: String, _ operation: Operation) -> String {
            "\(name) \(operation.roundTrips) (\(operation.keys) keys, \(Self.format(operation.seconds)) s)"
        }
        return [line("lookups", lookups),
                line("claims", claims) + ": won \(claimed), held elsewhere \(heldElsewhere), done \(doneElsewhere)",
                line("publishes", publishes), line("releases", releases),
                "waited \(Self.format(waitingSeconds)) s for others' keys"].joined(separator: "; ")
    }

    private static func format(_ seconds: Double) -> String {
        let hundredths = Int((seconds * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
