/// How `mu search` orders its hits: BM25 with column weights that let a function's summary
/// (which holds its doc comment's first sentence) outrank a function whose only match is its own
/// name, and test or fixture code after library code unless the query asks for tests.
enum SearchRanking {
    /// `bm25()` weights of the `functions_fts` columns: qualified name, path, summary, name words.
    static let bm25Weights = "2.0, 1.0, 8.0, 2.0"

    /// Scores of test and fixture code are multiplied by this (BM25 scores are negative: closer to 0 ranks lower).
    static let testCodeFactor = 0.5

    /// Paths of tests and fixtures, as SQLite GLOB patterns over `f.path`.
    static let testPathGlobs = [
        "test/*", "*/test/*", "tests/*", "*/tests/*", "testing/*", "*/testing/*", "*_test/*", "*/__tests__/*",
        "test_*", "*/test_*", "*_test.*", "*.test.*", "*.spec.*", "*fixtures/*", "*Tests/*", "spec/*", "*/spec/*",
    ]

    /// SQL that is true for a function in test or fixture code.
    static var isTestPathSQL: String {
        "(" + testPathGlobs.map { "f.path GLOB '\($0)'" }.joined(separator: " OR ") + ")"
    }

    /// Whether the query asks for tests or fixtures itself (a word such as `test`, `spec`, `fixture`),
    /// in which case they are not ranked down.
    static func queryNamesTests(_ text: String) -> Bool {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" }).contains { word in
            ["test", "tests", "testing", "spec", "specs", "fixture", "fixtures", "mock", "mocks"].contains(word)
                || word.hasPrefix("test_") || word.hasSuffix("_test")
        }
    }
}
