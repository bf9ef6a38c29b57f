import Foundation
import GRDB

/// Decoding that never traps: a value of the wrong type reads as nil.
///
/// GRDB's non-throwing subscripts stop the process on a failed conversion; rows written
/// by another program (or damaged) must degrade to "missing" instead.
extension Row {
    func lenientString(_ column: String) -> String? {
        (try? decode(String?.self, forColumn: column)) ?? nil
    }

    func lenientInt(_ column: String) -> Int? {
        if let value = (try? decode(Int?.self, forColumn: column)) ?? nil { return value }
        // A REAL or numeric TEXT value: accept it when it is a whole number.
        if let double = (try? decode(Double?.self, forColumn: column)) ?? nil,
           double.isFinite, double.rounded() == double, abs(double) < 9e15 {
            return Int(double)
        }
        return nil
    }

    func lenientInt64(_ column: String) -> Int64? {
        lenientInt(column).map(Int64.init)
    }

    func lenientDouble(_ column: String) -> Double? {
        (try? decode(Double?.self, forColumn: column)) ?? nil
    }

    func lenientDate(_ column: String) -> Date? {
        (try? decode(Date?.self, forColumn: column)) ?? nil
    }
}
