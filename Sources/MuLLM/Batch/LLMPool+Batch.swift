/// A summary request made ready for a provider batch exactly as a live call would send it.
public struct PreparedBatchItem: Sendable {
    public var item: BatchItem
    /// Secrets replaced before the body left the machine.
    public var redactions: Int
    /// The body was cut to fit the model's context.
    public var truncated: Bool
}

extension LLMPool {
    /// The batch item for `request`: redacted and cut to the context window, rendered with the pool's
    /// template, exactly as ``summarize(_:)`` would send it live.
    public nonisolated func batchItem(for request: SummaryRequest, customID: String) -> PreparedBatchItem {
        let prepared = prepare(request)
        return PreparedBatchItem(item: BatchItem(customID: customID, prompt: configuration.template.render(prepared.request)),
                                 redactions: prepared.redactions, truncated: prepared.truncated)
    }

    /// Judges a batch reply as a live one is judged — the same parser and validation against the
    /// original body — and prices it at the batch rate. An invalid reply is an ``LLMError/invalidSummary(reason:)``
    /// failure (the caller re-asks it live; a batch cannot re-ask), its tokens still counted as spent.
    public nonisolated func acceptBatchReply(_ reply: ProviderReply, for request: SummaryRequest,
                                             truncated: Bool, redactions: Int) -> SummaryOutcome {
        let prompt = configuration.template.render(prepare(request).request)
        let usage = reply.usage ?? estimatedUsage(prompt: prompt, reply: reply.text)
        let cost = model.batchCost(usage)
        switch parse(reply.text, body: request.body) {
        case .success(let bullets):
            return SummaryOutcome(
                requestID: request.id,
                result: .success(SummaryResult(bullets: bullets, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens,
                                               costUSD: cost, latency: 0, model: provider.model, provider: provider.name,
                                               truncated: truncated, redactions: redactions, attempts: 1,
                                               cacheReadTokens: usage.cacheReadTokens, cacheWriteTokens: usage.cacheWriteTokens)),
                spentInputTokens: usage.inputTokens, spentOutputTokens: usage.outputTokens, spentUSD: cost)
        case .failure(let error):
            return SummaryOutcome(requestID: request.id, result: .failure(error), spentInputTokens: usage.inputTokens,
                                  spentOutputTokens: usage.outputTokens, spentUSD: cost)
        }
    }
}
