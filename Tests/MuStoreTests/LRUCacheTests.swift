import Testing
@testable import MuStore

@Suite("LRUCache")
struct LRUCacheTests {
    @Test func evictsTheLeastRecentlyUsed() {
        var cache = LRUCache<String, Int>(capacity: 3)
        cache.set("a", 1)
        cache.set("b", 2)
        cache.set("c", 3)
        #expect(cache.get("a") == 1)      // order now: a, c, b
        cache.set("d", 4)                 // evicts b
        #expect(cache.count == 3)
        #expect(!cache.contains("b"))
        #expect(cache.get("c") == 3)
        cache.set("a", 10)                // replace, no eviction
        #expect(cache.count == 3)
        cache.set("e", 5)                 // evicts d (a and c were used more recently)
        #expect(!cache.contains("d"))
        #expect(cache.get("a") == 10 && cache.get("c") == 3 && cache.get("e") == 5)
    }

    @Test func staysBoundedUnderChurnAndRemoval() {
        var cache = LRUCache<Int, Int>(capacity: 50)
        for i in 0..<10_000 {
            cache.set(i % 137, i)
            if i % 7 == 0 { cache.remove((i * 31) % 137) }
            #expect(cache.count <= 50)
        }
        cache.removeAll { $0 % 2 == 0 }
        for i in 0..<137 { if let value = cache.get(i) { #expect(value % 2 == 1) } }
        cache.removeAll()
        #expect(cache.count == 0)
        cache.set(1, 1)
        #expect(cache.get(1) == 1)
    }

    @Test func zeroCapacityKeepsNothing() {
        var cache = LRUCache<String, Int>(capacity: 0)
        cache.set("a", 1)
        #expect(cache.get("a") == nil)
        #expect(cache.count == 0)
    }
}
