import MuCore

/// How MuSource reads each language: the body-end scanner family and the ctags parser name.
extension Language {
    /// How the end of a function body is found.
    public enum Family: Sendable {
        /// `{ ... }` bodies: C, C++, Java, JavaScript, TypeScript, Go, Rust, C#, Kotlin, PHP.
        case braces
        /// Indented blocks: Python.
        case indentation
        /// `def ... end`: Ruby.
        case endKeyword
        /// Parsed exactly by SwiftSyntax.
        case swiftSyntax
    }

    public var family: Family {
        switch self {
        case .python: .indentation
        case .ruby: .endKeyword
        case .swift: .swiftSyntax
        default: .braces
        }
    }

    /// The `--language-force` name universal-ctags uses, or nil where ctags is not used.
    public var ctagsName: String? {
        switch self {
        case .python: "Python"
        case .go: "Go"
        case .rust: "Rust"
        case .javascript: "JavaScript"
        case .typescript, .tsx: "TypeScript"
        case .java: "Java"
        case .c: "C"
        case .cpp: "C++"
        case .ruby: "Ruby"
        case .csharp: "C#"
        case .kotlin: "Kotlin"
        case .php: "PHP"
        case .swift: nil
        }
    }
}
