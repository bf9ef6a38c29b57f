import MuCore
import MuSummaryText

/// Languages grouped by the syntax the extractive heuristics care about.
enum LanguageFamily: Sendable, Hashable {
    case python, swift, go, rust, javascript, java, c, ruby, other

    init(_ language: Language) {
        switch language {
        case .python: self = .python
        case .swift: self = .swift
        case .go: self = .go
        case .rust: self = .rust
        case .javascript, .typescript, .tsx: self = .javascript
        case .java, .kotlin, .csharp: self = .java
        case .c, .cpp: self = .c
        case .ruby: self = .ruby
        case .php: self = .other
        }
    }

    /// Line comment starters, used when scrubbing comments from code.
    var lineComments: [String] {
        switch self {
        case .python, .ruby: ["#"]
        case .other: ["//", "#"]
        default: ["//"]
        }
    }

    var hasBlockComments: Bool {
        switch self {
        case .python, .ruby: false
        default: true
        }
    }

    /// `'x'` is a string or character literal (not a Rust lifetime or absent as in Swift).
    var singleQuoteStrings: Bool {
        switch self {
        case .rust, .swift: false
        default: true
        }
    }

    /// Go and JavaScript use backticks for (raw/template) strings.
    var backtickStrings: Bool {
        self == .go || self == .javascript
    }
}
