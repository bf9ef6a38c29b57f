import Foundation

/// A programming language mu can extract functions from.
///
/// The raw value is the stable name used in JSON output, the index and prompts.
public enum Language: String, Sendable, CaseIterable, Codable {
    case python, swift, go, rust, javascript, typescript, tsx, java, c, cpp, ruby
    case csharp, kotlin, php

    static let byExtension: [String: Language] = [
        "py": .python, "pyw": .python, "pyi": .python,
        "swift": .swift,
        "go": .go,
        "rs": .rust,
        "js": .javascript, "mjs": .javascript, "cjs": .javascript, "jsx": .javascript,
        "ts": .typescript, "mts": .typescript, "cts": .typescript,
        "tsx": .tsx,
        "java": .java,
        "c": .c, "h": .c,
        "cc": .cpp, "cpp": .cpp, "cxx": .cpp, "c++": .cpp, "hpp": .cpp, "hh": .cpp, "hxx": .cpp, "h++": .cpp, "ipp": .cpp,
        "rb": .ruby, "rake": .ruby, "gemspec": .ruby,
        "cs": .csharp,
        "kt": .kotlin, "kts": .kotlin,
        "php": .php,
    ]

    static let byFileName: [String: Language] = [
        "Rakefile": .ruby, "Gemfile": .ruby, "Podfile": .ruby, "Fastfile": .ruby,
    ]

    /// The language of a file from its name alone (extension or well-known file name).
    public static func detect(fileName: String) -> Language? {
        if let lang = byFileName[fileName] { return lang }
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return nil }
        let ext = fileName[fileName.index(after: dot)...].lowercased()
        // `.h` headers are C unless they sit beside C++: kept as C (ctags' C parser reads both).
        return byExtension[ext]
    }

    /// The language named by a `#!` line, for extensionless scripts.
    public static func detect(shebang firstLine: Substring) -> Language? {
        guard firstLine.hasPrefix("#!") else { return nil }
        let words = firstLine.dropFirst(2).split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard var interpreter = words.first.map({ String($0.split(separator: "/").last ?? "") }) else { return nil }
        if interpreter == "env" {
            guard let next = words.dropFirst().first(where: { !$0.hasPrefix("-") }) else { return nil }
            interpreter = String(next)
        }
        if interpreter.hasPrefix("python") { return .python }
        if interpreter.hasPrefix("ruby") { return .ruby }
        if interpreter == "node" || interpreter == "nodejs" || interpreter == "deno" || interpreter == "bun" { return .javascript }
        if interpreter == "ts-node" || interpreter == "tsx" { return .typescript }
        if interpreter == "php" { return .php }
        if interpreter == "swift" { return .swift }
        return nil
    }
}
