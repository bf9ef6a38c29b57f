import Foundation
import GRDB

/// Decoding that never traps: a value of the wrong type reads as nil.
///
/// GRDB's non-throwing subscripts stop the process on a failed conversion; rows written
/// by another program (or damaged) must degrade to "missing" instead.
extension Row {
    /// The leftmost column named `column`: exactly as written (mu's own names, as selected), else ignoring
    /// case like GRDB's lookup by name. GRDB lowercases every column name on every lookup; decoding one
    /// search result (30 columns by name among 45) spent most of its time there (perf, bench/mcp.sh).
    private func index(of column: String) -> Int? {
        if let exact = columnNames.firstIndex(of: column) { return distance(from: startIndex, to: exact) }
        let lowercased = column.lowercased()
        return columnNames.firstIndex { $0.lowercased() == lowercased }.map { distance(from: startIndex, to: $0) }
    }

    private func lenient<Value: DatabaseValueConvertible>(_ type: Value.Type, _ column: String) -> Value? {
        guard let index = index(of: column) else { return nil }
        return (try? decode(Value?.self, atIndex: index)) ?? nil
    }

    func lenientString(_ column: String) -> String? {
        lenient(String.self, column)
    }

    func lenientInt(_ column: String) -> Int? {
        guard let index = index(of: column) else { return nil }
        if let value = (try? decode(Int?.self, atIndex: index)) ?? nil { return value }
        // A REAL or numeric TEXT value: accept it when it is a whole number.
        if let double = (try? decode(Double?.self, atIndex: index)) ?? nil,
           double.isFinite, double.rounded() == double, abs(double) < 9e15 {
            return Int(double)
        }
        return nil
    }

    func lenientInt64(_ column: String) -> Int64? {
        lenientInt(column).map(Int64.init)
    }

    func lenientDouble(_ column: String) -> Double? {
        lenient(Double.self, column)
    }

    func lenientDate(_ column: String) -> Date? {
        lenient(Date.self, column)
    }
}
