import MuCore

/// Deterministic random texts from a token alphabet, for properties checked
/// over many inputs (SplitMix64: the same seed gives the same texts everywhere).
public struct TextGenerator {
    private var random: SplitMix64

    public init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    public mutating func next() -> UInt64 {
        random.next()
    }

    /// An integer in `0..<bound`.
    public mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// Up to `maxTokens` tokens drawn from `tokens`, concatenated.
    public mutating func text(from tokens: [String], maxTokens: Int) -> String {
        var text = ""
        for _ in 0..<below(maxTokens + 1) { text += tokens[below(tokens.count)] }
        return text
    }

    /// `count` texts; the first ones are the edge cases given.
    public mutating func texts(_ count: Int, from tokens: [String], maxTokens: Int, edgeCases: [String] = []) -> [String] {
        edgeCases + (0..<max(0, count - edgeCases.count)).map { _ in text(from: tokens, maxTokens: maxTokens) }
    }

    /// ASCII tokens for markdown, sentences and code (no carriage return): inputs of the plain fast paths.
    public static let plainTokens = [
        "a", "b", "Z", "x1", "word", "The", "e.g.", "i.e.", "etc.", " ", " ", "  ", "\t", "\n", "\n", "\n\n", "\u{0B}", "\u{0C}",
        "*", "**", "***", "_", "__", "`", "```", "~~~", "[", "]", "(", ")", "[x](y)", "[](z)", "[a[b](c)", "#", "## ",
        "-", "- ", "+ ", "* ", "1. ", "2) ", "(3) ", "a. ", "123. ", "12: ", ".", ". ", "!", "?", ":", ";", ",", "<", ">",
        "{", "}", "=", "->", "\"", "'", "\"\"\"", "'''", "r\"\"\"", "\\", "/", "//", "/*", "*/", "--", "%", "@", "$",
        "\u{1F}", "return ", "raise ", "def ", "async def ", "func ", "class ", "import ", "from x ", "if ", "#include ",
        "throw new ", "throw ", "self.", "this->", "Self::", "os.", "new ", "Foo", "snake_case", "CamelCase",
    ]
}
