/// The experiment's one budget across cells and the judge: a call is sent only when what was spent,
/// what calls in flight reserved and its own estimate stay within the limit (0 = no limit). Estimates
/// are scaled by the largest ratio of actual to estimated cost seen so far, and until one call has
/// reported its cost, budgeted calls go one at a time (as `mu summarize`'s pool does), so a low
/// estimate cannot carry the spending past the limit.
actor ExperimentLedger {
    enum Decision { case go(reserved: Double), wait, stop }

    let limitUSD: Double
    private(set) var spent = 0.0
    private var reserved = 0.0
    private var inFlight = 0
    private var calibrated = false
    private var factor = 1.0
    private(set) var stop: ExperimentError?

    init(limitUSD: Double) { self.limitUSD = limitUSD }

    /// Whether a call estimated at `estimate` dollars may go now, must wait for calls in flight, or
    /// would pass the budget (the run then stops).
    func reserve(_ estimate: Double) -> Decision {
        guard stop == nil else { return .stop }
        guard limitUSD > 0 else { inFlight += 1; return .go(reserved: 0) }
        if !calibrated, inFlight > 0 { return .wait }
        let amount = estimate * factor
        if spent + reserved + amount > limitUSD {
            if inFlight > 0, !calibrated { return .wait }
            stop = .budget(limitUSD: limitUSD, neededUSD: spent + reserved + amount)
            return .stop
        }
        reserved += amount
        inFlight += 1
        return .go(reserved: amount)
    }

    /// Records a finished call: releases its reservation, adds what it cost, learns the estimate's error.
    func settle(reserved amount: Double, estimate: Double, spent cost: Double) {
        reserved = max(0, reserved - amount)
        inFlight = max(0, inFlight - 1)
        spent += cost
        if cost > 0, estimate > 0 { factor = max(factor, cost / estimate) }
        if cost > 0 { calibrated = true }
    }

    func halt(_ reason: ExperimentError) { if stop == nil { stop = reason } }
}

extension ExperimentLedger {
    /// Waits (polling every 10 ms) until the call may go; nil when the run stops instead.
    func admit(_ estimate: Double) async -> Double? {
        while true {
            switch reserve(estimate) {
            case .go(let amount): return amount
            case .stop: return nil
            case .wait:
                guard (try? await Task.sleep(nanoseconds: 10_000_000)) != nil else { return nil }
            }
        }
    }
}
