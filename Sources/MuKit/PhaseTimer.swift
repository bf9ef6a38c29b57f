import Logging

/// Logs when each pipeline phase ends, at `trace` level (`MU_LOG=trace`): where a run spends its time.
struct PhaseTimer: Sendable {
    let logger: Logger
    let start = ContinuousClock.now

    init(logger: Logger = Logger(label: "mu.phase")) {
        self.logger = logger
    }

    func mark(_ phase: String) {
        guard logger.logLevel <= .trace else { return }
        let elapsed = ContinuousClock.now - start
        logger.trace("\(phase) done at \(elapsed)")
    }
}
