/// Languages grouped by the syntax the extractive heuristics care about.
enum LanguageFamily: Sendable, Hashable {
    case python, swift, go, rust, javascript, java, c, ruby, other

    init(_ language: String) {
        switch language.lowercased() {
        case "python", "py", "python3": self = .python
        case "swift": self = .swift
        case "go", "golang": self = .go
        case "rust", "rs": self = .rust
        case "javascript", "js", "jsx", "typescript", "ts", "tsx", "mjs", "cjs": self = .javascript
        case "java", "kotlin", "kt", "scala", "c#", "csharp", "cs": self = .java
        case "c", "c++", "cpp", "cxx", "cc", "h", "hpp", "objc", "objective-c", "objective-c++": self = .c
        case "ruby", "rb": self = .ruby
        default: self = .other
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
