import Logging
import MuCore
import MuSummaryText

/// Sends summary requests to one provider with bounded concurrency, rate
/// limits, retries, an in-flight limit that adapts to 429s, a pool-wide
/// cool-down when the quota is used up or the provider overloaded, a cost
/// budget, and fail-fast stops: refused credentials, an unknown model, an
/// unreachable provider, and first requests that all fail the same way.
///
/// Every request ends as a ``SummaryOutcome`` — a validated summary or a typed
/// failure; the pool never throws. Secrets are redacted and oversized bodies
/// cut to the model's context before anything leaves the machine.
///
/// ```swift
/// let pool = LLMPool(provider: try ProviderFactory.make(settings),
///                    configuration: PoolConfiguration(concurrency: 5, maxCostUSD: 0.5))
/// let outcomes = await pool.summarizeBatch(requests) { progress in bar.update(progress) }
/// if let stop = await pool.statistics().stopReason { … exit 3 or 4 … }
/// ```
public actor LLMPool {
    public nonisolated let provider: any LLMProvider
    /// Catalog entry of the provider's model: context window and prices.
    public nonisolated let model: ModelInfo
    public nonisolated let configuration: PoolConfiguration

    private nonisolated let clock: any PoolClock
    private nonisolated let logger: Logger
    private nonisolated let limiter: RateLimiter
    /// False when neither rate limit is set: the limiter is then not consulted (it would let every call through).
    private nonisolated let rateLimited: Bool
    /// Neither a budget nor rate limits: reserving never waits.
    private nonisolated var unmetered: Bool { !rateLimited && configuration.maxCostUSD == 0 }
    private nonisolated let estimator: CostEstimator
    private nonisolated let redactor = SecretRedactor()

    private var stats = PoolStatistics()
    private var inFlight = 0
    private var activeSlots = 0
    private var slotWaiters: [CheckedContinuation<Void, Never>] = []
    private var pausedUntil = 0.0
    /// Calls allowed in flight: the configured concurrency, halved by a 429 and grown back by one
    /// per accepted summary (additive increase, multiplicative decrease, as TCP does).
    private var allowance: Double
    /// Bumped on every decrease: a 429 to a call begun before the last decrease says nothing new.
    private var allowanceEpoch = 0
    private var callWaiters: [CheckedContinuation<Void, Never>] = []
    /// Final failures of one kind while nothing has succeeded (see ``noteFinalFailure(_:)``).
    private var sameFailuresBeforeSuccess = 0
    private var firstFailureKind: FailureKind?
    private var reservedUSD = 0.0
    /// Highest input tokens per prompt character billed so far (0 until a call reports usage).
    private var maxInputTokensPerCharacter = 0.0
    /// True once a call's usage has been reported: budgeted calls may then run concurrently.
    private var calibrated = false
    private var budgetWaiters: [CheckedContinuation<Void, Never>] = []
    private var charsWithReportedUsage = 0
    private var reportedInputTokens = 0
    private var acceptedOutputTokens = 0
    private var acceptedCount = 0

    /// - Parameters:
    ///   - model: the catalog entry to price and fit requests with; looked up in `catalog` when `nil`.
    ///   - clock: time source for waits; tests pass a virtual clock.
    public init(provider: any LLMProvider, configuration: PoolConfiguration = PoolConfiguration(),
                catalog: ModelCatalog = .builtIn, model: ModelInfo? = nil,
                clock: any PoolClock = SystemClock(), logger: Logger = Logger(label: "mu.llm")) {
        let kind = ProviderKind(rawValue: provider.name) ?? .openAICompatible
        let info = model ?? catalog.resolve(provider: kind, model: provider.model)
        self.provider = provider
        self.model = info
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.allowance = Double(configuration.concurrency)
        self.stats.lowestInFlightLimit = configuration.concurrency
        self.rateLimited = configuration.requestsPerMinute > 0 || configuration.tokensPerMinute > 0
        self.limiter = RateLimiter(requestsPerMinute: configuration.requestsPerMinute,
                                   tokensPerMinute: configuration.tokensPerMinute, clock: clock)
        self.estimator = CostEstimator(model: info, template: configuration.template,
                                       charsPerToken: configuration.charsPerToken,
                                       meanOutputTokens: configuration.meanOutputTokens,
                                       maxInputTokens: configuration.maxInputTokens)
        if kind.isRemoteAPI, configuration.concurrency > 10 {
            logger.warning("concurrency \(configuration.concurrency) is above 10: \(kind.rawValue) may answer with rate limits; mu will slow down when it does")
        }
        if configuration.maxCostUSD > 0, !info.isPriced {
            logger.warning("no price known for \(info.id): the cost budget cannot be enforced; add [models.\(info.id)] prices")
        }
    }

    /// The cache-key component for this pool's prompts and parameters.
    public nonisolated var paramsFingerprint: String { configuration.paramsFingerprint }

    /// Totals so far, and why dispatching stopped, if it did.
    public func statistics() -> PoolStatistics {
        var snapshot = stats
        if reportedInputTokens > 0 {
            snapshot.observedCharsPerToken = Double(charsWithReportedUsage) / Double(reportedInputTokens)
        }
        if acceptedCount > 0 {
            snapshot.observedMeanOutputTokens = Double(acceptedOutputTokens) / Double(acceptedCount)
        }
        return snapshot
    }

    /// Summarizes one function. Safe to call from many tasks at once: at most
    /// `concurrency` requests are processed together.
    public func summarize(_ request: SummaryRequest) async -> SummaryOutcome {
        await acquireSlot()
        let outcome = await process(request)
        releaseSlot()
        return outcome
    }

    /// Summarizes `requests` and returns their outcomes in request order.
    ///
    /// - Parameters:
    ///   - progress: called after each request finishes (on the pool's executor; keep it short).
    ///   - onOutcome: called with each request's index and outcome as soon as it
    ///     finishes, one at a time, so the caller can store results as they arrive.
    public func summarizeBatch(
        _ requests: [SummaryRequest],
        progress: (@Sendable (PoolProgress) -> Void)? = nil,
        onOutcome: (@Sendable (Int, SummaryOutcome) async -> Void)? = nil
    ) async -> [SummaryOutcome] {
        guard !requests.isEmpty else { return [] }
        var results = [SummaryOutcome?](repeating: nil, count: requests.count)
        let started = await clock.now()
        var report = PoolProgress(total: requests.count)
        await withTaskGroup(of: (Int, SummaryOutcome).self) { group in
            var next = 0
            func launch() {
                let index = next
                let request = requests[index]
                next += 1
                group.addTask { (index, await self.summarize(request)) }
            }
            while next < min(configuration.concurrency, requests.count) { launch() }
            for await (index, outcome) in group {
                results[index] = outcome
                if next < requests.count { launch() }
                report.done += 1
                if outcome.failure != nil { report.failures += 1 }
                report.costUSD += outcome.spentUSD
                report.inputTokens += outcome.spentInputTokens
                report.outputTokens += outcome.spentOutputTokens
                report.elapsed = await clock.now() - started
                progress?(report)
                await onOutcome?(index, outcome)
            }
        }
        return results.enumerated().map { index, outcome in
            outcome ?? SummaryOutcome(requestID: requests[index].id, result: .failure(.cancelled(reason: "not processed")))
        }
    }

    // MARK: One request

    /// Runs off the actor: preparing, sending and parsing happen in parallel
    /// across requests; only the short bookkeeping steps hop onto the actor,
    /// each step in one hop (a whole-code-base run makes many thousand calls).
    @concurrent
    private nonisolated func process(_ original: SummaryRequest) async -> SummaryOutcome {
        let started = await clock.now()
        var spent = TokenUsage.zero
        var spentUSD = 0.0

        func outcome(_ result: Result<SummaryResult, LLMError>) -> SummaryOutcome {
            var made = SummaryOutcome(requestID: original.id, result: result, spentInputTokens: spent.inputTokens,
                                      spentOutputTokens: spent.outputTokens, spentUSD: spentUSD)
            made.spentCacheReadTokens = spent.cacheReadTokens
            return made
        }
        func failed(_ error: LLMError) async -> SummaryOutcome {
            await recordFailure()
            return outcome(.failure(error))
        }

        let cancelledBeforeStart = Task.isCancelled
        let prepared = prepare(original)
        var prompt = configuration.template.render(prepared.request)
        var rateLimitRetries = 0
        var otherRetries = 0
        var reasked = false
        var attempts = 0
        var firstAttempt = true

        while true {
            let estimatedInput = estimator.inputTokens(for: prompt)
            let estimatedTokens = estimatedInput + Int(estimator.meanOutputTokens)
            let characters = prompt.characterCount
            // Not sent when the pool stopped or the run was cancelled (checked before the first attempt),
            // or when the budget cannot take the call; the failure is then recorded. Without budget and
            // rate limits nothing can wait between reserving and starting: both happen in one hop.
            let start = await startAttempt(inputTokens: estimatedInput, characters: characters,
                                           checkStop: firstAttempt, cancelled: cancelledBeforeStart,
                                           beginAt: unmetered ? await clock.now() : nil)
            firstAttempt = false
            let reserve: Double, epoch: Int
            switch await admit(start, estimatedTokens: estimatedTokens) {
            case .success(let admitted): (reserve, epoch) = admitted
            case .failure(let error): return outcome(.failure(error))
            }
            attempts += 1
            let result = await send(prompt)

            switch result {
            case .success(let reply):
                let (usage, cost, parsed, verdict) = await account(reply, prompt: prompt, body: original.body, reasked: reasked,
                                                                   characters: characters, reserve: reserve,
                                                                   estimatedTokens: estimatedTokens)
                spent = spent + usage
                spentUSD += cost

                switch parsed {
                case .success(let bullets):
                    let latency = await clock.now() - started
                    var result = SummaryResult(
                        bullets: bullets, inputTokens: spent.inputTokens, outputTokens: spent.outputTokens,
                        costUSD: spentUSD, latency: latency, model: provider.model, provider: provider.name,
                        truncated: prepared.truncated, redactions: prepared.redactions, attempts: attempts,
                        cacheReadTokens: spent.cacheReadTokens, cacheWriteTokens: spent.cacheWriteTokens)
                    if configuration.template.strategy == .chainOfThought { result.reasoning = ChainOfThought.reasoning(in: reply.text) }
                    return outcome(.success(result))
                case .failure(let error):
                    guard verdict == .reask, case .invalidSummary(let reason) = error else { return outcome(.failure(error)) }
                    reasked = true
                    logger.debug("re-asking for \(original.qualifiedName): \(reason)")
                    prompt = configuration.template.reask(prompt, invalidReply: reply.text, reason: reason,
                                                                  criteria: configuration.quality)
                }

            case .failure(let error):
                await endCall(releasing: reserve)
                if let final = await retryOrGiveUp(after: error, name: original.qualifiedName, epoch: epoch,
                                                   rateLimitRetries: &rateLimitRetries, otherRetries: &otherRetries) {
                    return await failed(final)
                }
            }
        }
    }

    /// From a started attempt to a call in flight: waits for the token-rate limiter, then (unless the
    /// start already counted it) for a cool-down and room in flight. The budget reserve and call epoch,
    /// or why the request is not sent.
    private nonisolated func admit(_ start: AttemptStart, estimatedTokens: Int) async -> Result<(Double, Int), LLMError> {
        let reserve: Double
        var epoch: Int?
        switch start {
        case .reserved(let amount): reserve = amount
        case .begun(let amount, let callEpoch): reserve = amount; epoch = callEpoch
        case .notSent(let error): return .failure(error)
        }
        if let error = await acquireRate(estimatedTokens: estimatedTokens, reserve: reserve) { return .failure(error) }
        if let epoch { return .success((reserve, epoch)) }
        return await waitToBegin(reserve: reserve).map { (reserve, $0) }
    }

    /// Waits for the token-rate limiter when one is set; the error when the run was cancelled meanwhile.
    private nonisolated func acquireRate(estimatedTokens: Int, reserve: Double) async -> LLMError? {
        guard rateLimited else { return nil }
        do { try await limiter.acquire(estimatedTokens: estimatedTokens) } catch {
            await abandonAttempt(reserve: reserve)
            return .cancelled(reason: "the run was cancelled")
        }
        return nil
    }

    /// Accounts for a reply (tokens, cost, the budget reservation, the token-rate limiter) and judges it:
    /// accepted, worth one re-ask, or failed.
    private nonisolated func account(_ reply: ProviderReply, prompt: Prompt, body: String, reasked: Bool, characters: Int,
                                     reserve: Double, estimatedTokens: Int) async
        -> (usage: TokenUsage, cost: Double, parsed: Result<[String], LLMError>, verdict: CallVerdict) {
            let usage = reply.usage ?? estimatedUsage(prompt: prompt, reply: reply.text)
            let cost = model.cost(usage)
            let parsed = parse(reply.text, body: body)
            let verdict: CallVerdict
            switch parsed {
            case .success: verdict = .accepted
            case .failure(.invalidSummary) where !reasked: verdict = .reask
            case .failure: verdict = .failed
            }
            await finishCall(usage, cost: cost, promptCharacters: reply.usage != nil ? characters : nil,
                             reserve: reserve, verdict: verdict)
            if rateLimited {
                await limiter.settle(estimatedTokens: estimatedTokens, actualTokens: usage.inputTokens + usage.outputTokens)
            }
        return (usage, cost, parsed, verdict)
    }

    /// Waits out a pool-wide cool-down and for room in flight, then counts the call: its epoch, or why
    /// it will not be sent.
    private nonisolated func waitToBegin(reserve: Double) async -> Result<Int, LLMError> {
        while true {
            switch await beginCall(now: await clock.now(), reserve: reserve) {
            case .begun(let callEpoch):
                return .success(callEpoch)
            case .full:
                await waitForRoom()
            case .wait(let seconds):
                do { try await clock.sleep(seconds: seconds) } catch {
                    await abandonAttempt(reserve: reserve)
                    return .failure(.cancelled(reason: "the run was cancelled"))
                }
            case .stopped(let error):
                return .failure(error)
            }
        }
    }

    /// One provider call, every error mapped to an ``LLMError``.
    private nonisolated func send(_ prompt: Prompt) async -> Result<ProviderReply, LLMError> {
        do {
            return .success(try await provider.complete(prompt, parameters: configuration.parameters))
        } catch let error as LLMError {
            return .failure(error)
        } catch is CancellationError {
            return .failure(.cancelled(reason: "the run was cancelled"))
        } catch {
            return .failure(.connection(String(describing: error)))
        }
    }

    /// The reply's bullets, or why it is not a valid summary.
    nonisolated func parse(_ reply: String, body: String) -> Result<[String], LLMError> {
        Result { () throws(LLMError) in
            do throws(InvalidSummary) { return try configuration.quality.parse(reply, body: body) } catch {
                throw .invalidSummary(reason: error.reason)
            }
        }
    }

    /// After a failed attempt: waits as the retry policy says and returns nil to try again, or the error
    /// the request finally fails with (stopping the pool when the policy says so).
    private nonisolated func retryOrGiveUp(after error: LLMError, name: String, epoch: Int,
                                           rateLimitRetries: inout Int, otherRetries: inout Int) async -> LLMError? {
        let decision = configuration.retry.decision(for: error, rateLimitRetries: rateLimitRetries,
                                                    otherRetries: otherRetries, random: configuration.random())
        switch decision {
        case .slowDown(let delay):
            // Only this request waits; it gives its slot up meanwhile so others go on.
            rateLimitRetries += 1
            await slowDown(after: error, epoch: epoch)
            await releaseSlot()
            let slept: Void? = try? await clock.sleep(seconds: delay)
            await acquireSlot()
            if slept == nil { return .cancelled(reason: "the run was cancelled") }
        case .coolDown(let delay):
            rateLimitRetries += 1
            await startCoolDown(seconds: delay, after: error)
        case .backoff(let delay):
            otherRetries += 1
            await recordRetry()
            logger.debug("retrying \(name) in \(delay) s after: \(error)")
            do { try await clock.sleep(seconds: delay) } catch {
                return .cancelled(reason: "the run was cancelled")
            }
        case .fail:
            await noteFinalFailure(error)
            return error
        case .stopBatch:
            if case .unknownModel = error { await stop(.unknownModel(error)) } else { await stop(.authentication(error)) }
            return error
        }
        return nil
    }

    /// How an attempt's reply is accounted for.
    private enum CallVerdict {
        case accepted, reask, failed
    }

    private enum AttemptStart {
        case reserved(Double)
        /// Reserved and counted in flight, in this allowance epoch.
        case begun(Double, epoch: Int)
        case notSent(LLMError)
    }

    private enum CallStart {
        /// Counted in flight, in this allowance epoch.
        case begun(epoch: Int)
        /// As many calls in flight as the (adaptive) limit allows: wait for one to end.
        case full
        case wait(seconds: Double)
        case stopped(LLMError)
    }

    /// How a request failed, for the give-up rule: the same kind over and over means the
    /// provider, not the functions, is the problem.
    private enum FailureKind: Hashable {
        case httpStatusClass(Int), timeout, connection, malformed, rejected, rateLimited
    }

    // MARK: Bookkeeping (on the actor)

    /// Before an attempt: on the first one, the checks that the pool still runs and the run was
    /// not cancelled; then the worst-case cost is reserved from the budget; with `beginAt`, the call
    /// also begins (``beginCall(now:reserve:)``) unless a cool-down runs. A request not sent is
    /// recorded as failed.
    private func startAttempt(inputTokens: Int, characters: Int, checkStop: Bool, cancelled: Bool,
                              beginAt now: Double?) async -> AttemptStart {
        if checkStop {
            if let stopped = notSentError() {
                recordFailure()
                return .notSent(stopped)
            }
            if cancelled {
                recordFailure()
                return .notSent(.cancelled(reason: "the run was cancelled"))
            }
        }
        let reserve = worstCaseCost(inputTokens: inputTokens, characters: characters)
        guard await reserveBudget(reserve) else {
            recordFailure()
            return .notSent(notSentError() ?? .budgetExceeded(limitUSD: configuration.maxCostUSD))
        }
        guard let now else { return .reserved(reserve) }
        switch beginCall(now: now, reserve: reserve) {
        case .begun(let epoch): return .begun(reserve, epoch: epoch)
        case .wait, .full: return .reserved(reserve)  // the caller waits the cool-down out, or for room
        case .stopped(let error): return .notSent(error)
        }
    }

    /// An attempt given up before its call (cancelled while waiting): its reservation is returned.
    private func abandonAttempt(reserve: Double) {
        releaseBudget(reserve)
        recordFailure()
    }

    /// Counts a call in flight, unless a cool-down runs past `now` (wait and ask again) or the
    /// pool stopped meanwhile (the reservation is returned and the failure recorded).
    private func beginCall(now: Double, reserve: Double) -> CallStart {
        if pausedUntil > now { return .wait(seconds: pausedUntil - now) }
        guard stats.stopReason == nil else {
            releaseBudget(reserve)
            recordFailure()
            return .stopped(notSentError() ?? .cancelled(reason: "the batch was stopped"))
        }
        guard inFlight < inFlightLimit else { return .full }
        inFlight += 1
        stats.peakInFlight = max(stats.peakInFlight, inFlight)
        stats.requestsSent += 1
        return .begun(epoch: allowanceEpoch)
    }

    /// The adaptive limit as a whole number of calls, at least one.
    private var inFlightLimit: Int { max(1, Int(allowance)) }

    /// Returns once fewer calls than the limit are in flight (or right away, to ask again).
    private func waitForRoom() async {
        guard inFlight >= inFlightLimit, inFlight > 0 else { return }
        await withCheckedContinuation { callWaiters.append($0) }
    }

    /// A call ended: the waiters for room ask again.
    private func callEnded() {
        inFlight -= 1
        let waiters = callWaiters
        callWaiters.removeAll()
        waiters.forEach { $0.resume() }
    }

    private func endCall(releasing reserve: Double) {
        callEnded()
        releaseBudget(reserve)
    }

    /// A plain 429 to a call begun in the current epoch halves the in-flight limit (once per epoch:
    /// a burst of 429s to calls sent together counts as one signal).
    private func slowDown(after error: LLMError, epoch: Int) {
        stats.retries += 1
        guard epoch == allowanceEpoch else { return }
        allowanceEpoch += 1
        allowance = max(1, allowance / 2)
        stats.slowDowns += 1
        stats.lowestInFlightLimit = min(stats.lowestInFlightLimit, inFlightLimit)
        logger.debug("provider asked to slow down (\(error)); at most \(inFlightLimit) requests in flight for now")
    }

    /// After a reply: the call ends, its usage is billed, and the verdict on the reply counted.
    private func finishCall(_ usage: TokenUsage, cost: Double, promptCharacters: Int?, reserve: Double,
                            verdict: CallVerdict) {
        callEnded()
        recordUsage(usage, cost: cost, promptCharacters: promptCharacters, reserve: reserve)
        switch verdict {
        case .accepted: recordSuccess(outputTokens: usage.outputTokens)
        case .reask: recordReask()
        case .failed: recordFailure()
        }
    }

    private func recordUsage(_ usage: TokenUsage, cost: Double, promptCharacters: Int?, reserve: Double) {
        stats.inputTokens += usage.inputTokens
        stats.outputTokens += usage.outputTokens
        stats.cachedInputTokens += usage.cacheReadTokens
        stats.costUSD += cost
        if let promptCharacters, usage.inputTokens > 0 {
            charsWithReportedUsage += promptCharacters
            reportedInputTokens += usage.inputTokens
            if promptCharacters > 0 {
                maxInputTokensPerCharacter = max(maxInputTokensPerCharacter, Double(usage.inputTokens) / Double(promptCharacters))
            }
        }
        calibrated = true // a call has settled (with or without reported usage)
        releaseBudget(reserve)
    }

    private func recordSuccess(outputTokens: Int) {
        allowance = min(Double(configuration.concurrency), allowance + 1)
        stats.succeeded += 1
        acceptedCount += 1
        acceptedOutputTokens += outputTokens
    }

    private func recordFailure() { stats.failed += 1 }

    /// Requests that failed to connect after their retries while nothing has succeeded yet; at
    /// `min(3, concurrency)` of them the pool stops instead of failing every request one by one.
    private var connectionFailuresBeforeSuccess = 0

    /// Requests that fail the same way after their retries before any success — the same HTTP
    /// status class, timeouts, connection failures — say the provider is broken for this run: at
    /// `min(3, concurrency)` connection failures, or `2 × concurrency` of another kind, the pool stops
    /// (once something has succeeded, failures are the functions' own and the run goes on).
    private func noteFinalFailure(_ error: LLMError) {
        guard stats.succeeded == 0, let kind = Self.failureKind(error) else { return }
        if kind == firstFailureKind {
            sameFailuresBeforeSuccess += 1
        } else {
            firstFailureKind = kind
            sameFailuresBeforeSuccess = 1
        }
        if kind == .connection {
            connectionFailuresBeforeSuccess += 1
            if connectionFailuresBeforeSuccess >= min(3, configuration.concurrency) { stop(.unreachable(error)) }
        } else if sameFailuresBeforeSuccess >= 2 * configuration.concurrency {
            stop(.gaveUp(error, failures: sameFailuresBeforeSuccess))
        }
    }

    private static func failureKind(_ error: LLMError) -> FailureKind? {
        switch error {
        case .server(let status, _): .httpStatusClass(status / 100)
        case .overloaded: .httpStatusClass(5)
        case .timeout: .timeout
        case .connection: .connection
        case .malformedResponse: .malformed
        case .invalidRequest: .rejected
        case .rateLimited, .quotaExhausted: .rateLimited
        case .authentication, .unknownModel, .configuration, .invalidSummary, .budgetExceeded, .cancelled: nil
        }
    }
    private func recordReask() { stats.reasks += 1 }
    private func recordRetry() { stats.retries += 1 }

    /// The error for work not sent because the pool stopped, or `nil` while it runs.
    private func notSentError() -> LLMError? {
        switch stats.stopReason {
        case nil: nil
        case .authentication: .cancelled(reason: "not sent: the provider refused the credentials")
        case .unreachable: .cancelled(reason: "not sent: the provider could not be reached")
        case .unknownModel: .cancelled(reason: "not sent: the provider does not know the model")
        case .gaveUp: .cancelled(reason: "not sent: the first requests all failed the same way")
        case .budget(let limit, _): .budgetExceeded(limitUSD: limit)
        }
    }

    /// Redaction (for providers that send code away) and truncation to the context window.
    nonisolated func prepare(_ original: SummaryRequest) -> (request: SummaryRequest, redactions: Int, truncated: Bool) {
        guard provider.sendsSourceOffMachine else { return (original, 0, false) }
        var request = original
        var redactions = 0
        if configuration.redactSecrets {
            let body = redactor.redact(request.body)
            request.body = body.text
            redactions += body.count
            request.signature = redactor.redact(request.signature).text
            if let doc = request.docComment {
                let redactedDoc = redactor.redact(doc)
                request.docComment = redactedDoc.text
                if !original.body.contains(doc) { redactions += redactedDoc.count }
            }
        }
        var withoutBody = request
        withoutBody.body = ""
        let overhead = estimator.inputTokens(for: configuration.template.render(withoutBody))
        // Room for the output and for one re-ask (the invalid reply plus the follow-up text).
        let reserved = overhead + 2 * configuration.parameters.maxTokens + 200
        var bodyTokens = model.contextWindow - reserved
        if let cap = configuration.maxBodyTokens { bodyTokens = min(bodyTokens, cap) }
        if let cap = configuration.maxInputTokens { bodyTokens = min(bodyTokens, cap - overhead) }
        // Code often tokenizes denser than prose: cut with at most 3 characters per token.
        let charsPerToken = min(estimator.charsPerToken, 3.0)
        let maxCharacters = Int(Double(max(bodyTokens, 64)) * charsPerToken)
        let fitted = BodyTruncator.fit(request.body, maxCharacters: maxCharacters)
        request.body = fitted.text
        return (request, redactions, fitted.truncated)
    }

    nonisolated func estimatedUsage(prompt: Prompt, reply: String) -> TokenUsage {
        guard provider.sendsSourceOffMachine else { return .zero }
        return TokenUsage(inputTokens: estimator.inputTokens(for: prompt),
                          outputTokens: Int((Double(reply.count) / estimator.charsPerToken).rounded(.up)))
    }

    /// The most a call could cost: the full output allowance, and the input estimate or — once the
    /// provider has billed calls — the densest tokens-per-character ratio seen so far, with a 25 % margin.
    private func worstCaseCost(inputTokens: Int, characters: Int) -> Double {
        let observed = Double(characters) * maxInputTokensPerCharacter
        return model.cost(inputTokens: max(Double(inputTokens), observed) * 1.25,
                          outputTokens: Double(configuration.parameters.maxTokens))
    }

    // MARK: Stop, budget, cool-down, slots

    private func stop(_ reason: PoolStopReason) {
        guard stats.stopReason == nil else { return }
        stats.stopReason = reason
        logger.warning("stopping: \(reason)")
        let waiters = budgetWaiters
        budgetWaiters.removeAll()
        waiters.forEach { $0.resume() }
    }

    /// Reserves the worst-case cost of a call, waiting for calls in flight to
    /// settle when only their reservations stand in the way. False when the
    /// budget cannot take the call (the pool then stops dispatching).
    private func reserveBudget(_ amount: Double) async -> Bool {
        let limit = configuration.maxCostUSD
        guard limit > 0 else { return stats.stopReason == nil }
        while true {
            if stats.stopReason != nil { return false }
            if stats.costUSD + amount > limit {
                stop(.budget(limitUSD: limit, spentUSD: stats.costUSD))
                return false
            }
            // Until one call has been billed the estimates are guesses: that first call runs alone.
            let mayStart = calibrated || reservedUSD == 0
            if mayStart, stats.costUSD + reservedUSD + amount <= limit {
                reservedUSD += amount
                return true
            }
            await withCheckedContinuation { budgetWaiters.append($0) }
        }
    }

    private func releaseBudget(_ amount: Double) {
        guard configuration.maxCostUSD > 0 else { return }
        reservedUSD = max(0, reservedUSD - amount)
        let waiters = budgetWaiters
        budgetWaiters.removeAll()
        waiters.forEach { $0.resume() }
    }

    /// Counts the retry and pauses dispatch pool-wide until `seconds` from now (never shortens a pause).
    private func startCoolDown(seconds: Double, after error: LLMError) async {
        stats.retries += 1
        let until = await clock.now() + seconds
        guard until > pausedUntil else { return }
        pausedUntil = until
        stats.coolDowns += 1
        logger.notice("provider asked to slow down (\(error)); pausing all requests for \(LLMError.seconds(seconds))")
    }

    private func acquireSlot() async {
        if activeSlots < configuration.concurrency {
            activeSlots += 1
            return
        }
        await withCheckedContinuation { slotWaiters.append($0) }
    }

    /// Hands the slot to the next waiter, or frees it.
    private func releaseSlot() {
        if slotWaiters.isEmpty {
            activeSlots -= 1
        } else {
            slotWaiters.removeFirst().resume()
        }
    }
}
