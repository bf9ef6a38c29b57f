import Testing
@testable import MuLLM

/// Splitting a job into batches within a provider's limits (requests and bytes per batch).
@Suite struct BatchPlannerTests {
    @Test func splitsByRequestCount() {
        let limits = BatchLimits(maxRequests: 3, maxBytes: 1_000_000)
        #expect(BatchPlanner.slices(sizes: Array(repeating: 10, count: 7), limits: limits) == [0..<3, 3..<6, 6..<7])
        #expect(BatchPlanner.slices(sizes: Array(repeating: 10, count: 3), limits: limits) == [0..<3])
        #expect(BatchPlanner.slices(sizes: [], limits: limits).isEmpty)
    }

    @Test func splitsByBytesCountingOneSeparatorPerItem() {
        let limits = BatchLimits(maxRequests: 100, maxBytes: 30)
        // 9 + 1 bytes each: three fit in 30, the fourth starts a new batch.
        #expect(BatchPlanner.slices(sizes: [9, 9, 9, 9, 9], limits: limits) == [0..<3, 3..<5])
        // An item larger than the limit alone still gets a batch of its own (the provider rejects it, as it would live).
        #expect(BatchPlanner.slices(sizes: [5, 50, 5], limits: limits) == [0..<1, 1..<2, 2..<3])
    }

    @Test func theProvidersDocumentedLimits() {
        #expect(BatchLimits.anthropic == BatchLimits(maxRequests: 100_000, maxBytes: 256 * 1024 * 1024))
        #expect(BatchLimits.openAI == BatchLimits(maxRequests: 50_000, maxBytes: 200 * 1024 * 1024))
        let sizes = Array(repeating: 100, count: 120_000)
        #expect(BatchPlanner.slices(sizes: sizes, limits: .anthropic).map(\.count) == [100_000, 20_000])
        #expect(BatchPlanner.slices(sizes: sizes, limits: .openAI).map(\.count) == [50_000, 50_000, 20_000])
    }
}
