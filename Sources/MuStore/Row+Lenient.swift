import Foundation
import GRDB

/// Decoding that never traps: a value of the wrong type reads as nil.
///
/// GRDB's non-throwing subscripts stop the process on a failed conversion; rows written
/// by another program (or damaged) must degrade to "missing" instead.
///
/// Columns are found by name once per row: GRDB's lookup by name lowercases every column name on
/// every call, and decoding one search result (30 columns by name among 45) spent most of its time
/// there (perf, bench/mcp.sh). Names match exactly first, then ignoring case (GRDB's rule), leftmost first.
struct LenientRow {
    let row: Row
    private let positions: [String: Int]

    /// For several lookups in one row: the positions of its column names, found once.
    init(_ row: Row) {
        self.row = row
        var positions: [String: Int] = [:]
        positions.reserveCapacity(row.count)
        for (index, name) in row.columnNames.enumerated() where positions[name] == nil {
            positions[name] = index
        }
        self.positions = positions
    }

    /// For one lookup (`Row.lenientString` and the like): no table, the names are scanned.
    fileprivate init(oneLookup row: Row) {
        self.row = row
        positions = [:]
    }

    private func index(_ column: String) -> Int? {
        if let index = positions[column] { return index }
        let names = row.columnNames.enumerated()
        if let exact = names.first(where: { $0.element == column }) { return exact.offset }
        let lowercased = column.lowercased()
        return names.first { $0.element.lowercased() == lowercased }?.offset
    }

    private func value<Value: DatabaseValueConvertible>(_ type: Value.Type, _ column: String) -> Value? {
        guard let index = index(column) else { return nil }
        return (try? row.decode(Value?.self, atIndex: index)) ?? nil
    }

    func string(_ column: String) -> String? { value(String.self, column) }

    func int(_ column: String) -> Int? {
        guard let index = index(column) else { return nil }
        if let value = (try? row.decode(Int?.self, atIndex: index)) ?? nil { return value }
        // A REAL or numeric TEXT value: accept it when it is a whole number.
        if let double = (try? row.decode(Double?.self, atIndex: index)) ?? nil,
           double.isFinite, double.rounded() == double, abs(double) < 9e15 {
            return Int(double)
        }
        return nil
    }

    func int64(_ column: String) -> Int64? { int(column).map(Int64.init) }

    func double(_ column: String) -> Double? { value(Double.self, column) }

    func date(_ column: String) -> Date? { value(Date.self, column) }
}

extension Row {
    func lenientString(_ column: String) -> String? { LenientRow(oneLookup: self).string(column) }
    func lenientInt(_ column: String) -> Int? { LenientRow(oneLookup: self).int(column) }
    func lenientInt64(_ column: String) -> Int64? { LenientRow(oneLookup: self).int64(column) }
    func lenientDouble(_ column: String) -> Double? { LenientRow(oneLookup: self).double(column) }
    func lenientDate(_ column: String) -> Date? { LenientRow(oneLookup: self).date(column) }
}
