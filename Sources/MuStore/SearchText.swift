import Foundation
import GRDB

/// Keeps `functions_fts` in step with `functions` and the summaries.
///
/// One FTS row per function, `rowid` = `functions.id`, columns: qualified name, path,
/// summary text (bullets, one per line) and the name split into words
/// (`retryWithBackoff` → `retry With Backoff`) so that natural-language searches find
/// camelCase names. Maintained in Swift, not by triggers, because the summaries may live
/// in an attached file, which main-schema triggers cannot reference.
enum SearchText {
    static func insert(id: Int64, qualifiedName: String, path: String, summary: String, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO main.functions_fts (rowid, qualified_name, path, summary, name_words) VALUES (?, ?, ?, ?, ?)
            """).execute(arguments: [id, qualifiedName, path, summary, words(of: qualifiedName)])
    }

    /// Removes the rows of the functions of `path` (call before deleting them).
    static func deleteFunctions(inPath path: String, _ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM main.functions_fts WHERE rowid IN (SELECT id FROM main.functions WHERE path = ?)
            """, arguments: [path])
    }

    /// Sets the summary text of every function whose `summary_key` is `key`.
    static func setSummary(_ text: String, forFunctionsWithKey key: String, _ db: Database) throws {
        try db.cachedStatement(sql: """
            UPDATE main.functions_fts SET summary = ?
            WHERE rowid IN (SELECT id FROM main.functions WHERE summary_key = ?)
            """).execute(arguments: [text, key])
    }

    /// Sets the summary text of one function.
    static func setSummary(_ text: String, forFunction id: Int64, _ db: Database) throws {
        try db.cachedStatement(sql: "UPDATE main.functions_fts SET summary = ? WHERE rowid = ?")
            .execute(arguments: [text, id])
    }

    /// Empties the summary text of the functions whose key is selected by `keySelect`.
    static func clearSummaries(matching keySelect: String, arguments: StatementArguments, _ db: Database) throws {
        try db.execute(sql: """
            UPDATE main.functions_fts SET summary = ''
            WHERE rowid IN (SELECT id FROM main.functions WHERE summary_key IN (\(keySelect)))
            """, arguments: arguments)
    }

    /// The readable summary stored under `key` in `table`, if any.
    static func summary(forKey key: String, table: String, _ db: Database) throws -> Summary? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM \(table) WHERE key = ?"), arguments: [key])
            .flatMap { Summary(row: $0) }
    }

    /// The searchable text of the summary stored under `key`, or "" when none.
    static func summaryText(forKey key: String?, table: String, _ db: Database) throws -> String {
        guard let key else { return "" }
        return try summary(forKey: key, table: table, db)?.text ?? ""
    }

    /// The identifier split at camelCase, acronym and digit boundaries:
    /// `Session.retryWithBackoff` → `Session retry With Backoff`, `HTTPServer` → `HTTP Server`.
    static func words(of identifier: String) -> String {
        enum Class { case upper, lower, digit, other }
        func classify(_ scalar: Unicode.Scalar) -> Class {
            if scalar.isASCII {
                switch scalar.value {
                case 0x41...0x5A: return .upper
                case 0x61...0x7A: return .lower
                case 0x30...0x39: return .digit
                default: return .other
                }
            }
            let properties = scalar.properties
            if properties.isUppercase { return .upper }
            if properties.isAlphabetic { return .lower }   // lowercase or caseless letter
            if properties.numericType != nil { return .digit }
            return .other
        }
        let scalars = Array(identifier.unicodeScalars)
        let classes = scalars.map(classify)
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for index in scalars.indices {
            let current = classes[index]
            if current == .other {
                pendingSpace = true
                continue
            }
            if index > 0 {
                let previous = classes[index - 1]
                let next = index + 1 < classes.count ? classes[index + 1] : .other
                if (previous == .lower && current == .upper)
                    || (previous == .upper && current == .upper && next == .lower)
                    || (previous == .digit) != (current == .digit) && previous != .other {
                    pendingSpace = true
                }
            }
            if pendingSpace, !result.isEmpty { result.append(" ") }
            pendingSpace = false
            result.append(scalars[index])
        }
        return String(result)
    }
}
