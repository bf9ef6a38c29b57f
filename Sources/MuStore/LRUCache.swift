/// A fixed-capacity least-recently-used map: `get` and `set` are O(1); inserting past
/// the capacity evicts the entry used longest ago.
///
/// A value type with no synchronization: its owner (the `SummaryCache` actor) isolates it.
struct LRUCache<Key: Hashable, Value> {
    private struct Node {
        var key: Key
        var value: Value
        var previous: Int?   // towards the most recently used
        var next: Int?       // towards the least recently used
    }

    let capacity: Int
    private var nodes: [Node] = []
    private var indexByKey: [Key: Int] = [:]
    private var freeSlots: [Int] = []
    private var head: Int?   // most recently used
    private var tail: Int?   // least recently used

    /// A cache holding at most `capacity` entries (0 keeps nothing).
    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    var count: Int { indexByKey.count }

    /// The value for `key`, marking it most recently used.
    mutating func get(_ key: Key) -> Value? {
        guard let index = indexByKey[key] else { return nil }
        moveToFront(index)
        return nodes[index].value
    }

    /// Whether `key` is present, without changing its recency.
    func contains(_ key: Key) -> Bool { indexByKey[key] != nil }

    /// Inserts or replaces `key`, evicting the least recently used entry when full.
    mutating func set(_ key: Key, _ value: Value) {
        guard capacity > 0 else { return }
        if let index = indexByKey[key] {
            nodes[index].value = value
            moveToFront(index)
            return
        }
        if indexByKey.count >= capacity, let last = tail {
            remove(at: last)
        }
        let node = Node(key: key, value: value, previous: nil, next: head)
        let index: Int
        if let free = freeSlots.popLast() {
            nodes[free] = node
            index = free
        } else {
            nodes.append(node)
            index = nodes.count - 1
        }
        if let head { nodes[head].previous = index }
        head = index
        if tail == nil { tail = index }
        indexByKey[key] = index
    }

    /// Removes `key` if present.
    mutating func remove(_ key: Key) {
        if let index = indexByKey[key] { remove(at: index) }
    }

    /// Removes every entry whose value matches.
    mutating func removeAll(where shouldRemove: (Value) -> Bool) {
        for index in indexByKey.values where shouldRemove(nodes[index].value) {
            remove(at: index)
        }
    }

    mutating func removeAll() {
        nodes.removeAll()
        indexByKey.removeAll()
        freeSlots.removeAll()
        head = nil
        tail = nil
    }

    private mutating func unlink(_ index: Int) {
        let previous = nodes[index].previous
        let next = nodes[index].next
        if let previous { nodes[previous].next = next } else { head = next }
        if let next { nodes[next].previous = previous } else { tail = previous }
        nodes[index].previous = nil
        nodes[index].next = nil
    }

    private mutating func moveToFront(_ index: Int) {
        guard head != index else { return }
        unlink(index)
        nodes[index].next = head
        if let head { nodes[head].previous = index }
        head = index
        if tail == nil { tail = index }
    }

    private mutating func remove(at index: Int) {
        unlink(index)
        indexByKey[nodes[index].key] = nil
        freeSlots.append(index)
    }
}
