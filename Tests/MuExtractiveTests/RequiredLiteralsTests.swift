import Foundation
import MuTestSupport
import Testing
@testable import MuExtractive
@testable import MuSummaryText

/// The literals read from a pattern are really required: a text without them
/// never matches, so skipping the regex run changes nothing.
@Suite struct RequiredLiteralsTests {
    func sets(_ pattern: String) -> [[String]] {
        RequiredLiterals(pattern: pattern).sets.map { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    @Test func readsLiteralRunsGroupsAndAlternations() {
        #expect(sets(#"\bsubprocess\.\w+"#) == [["subprocess."]])
        #expect(sets(#"\bos\.(remove|unlink|mkdir)\b"#) == [["os."], ["remove", "unlink", "mkdir"]])
        #expect(sets(#"\b(json|yaml)\.(load|reader)\b"#) == [["json", "yaml"], ["."], ["load", "reader"]])
        #expect(sets(#"\.execute(many)?\s*\("#) == [[".execute"], ["("]])
        #expect(sets(#"\bpsycopg2?\b"#) == [["psycopg"]])
        #expect(sets(#"\bos\.(system|popen|exec\w*|spawn\w*|fork)\b"#) == [["os."], ["system", "popen", "exec", "spawn", "fork"]])
        // Top-level alternation: one set, each branch's most selective literals.
        #expect(sets(#"\b(panic!|todo!)|\.(unwrap|expect)\s*\("#) == [["panic!", "todo!", "unwrap", "expect"]])
        #expect(sets(#"(?<![\w.$])foo\s*\("#) == [["foo"], ["("]])
        #expect(sets(#"ab+c"#) == [["ab"], ["c"]])
        #expect(sets(#"ab*c"#) == [["a"], ["c"]])
        #expect(sets(#"a{2,}b"#) == [["a"], ["b"]])
        #expect(sets(#"x[\]a-z]+y"#) == [["x"], ["y"]])
    }

    @Test func whatItCannotReadRequiresNothing() {
        for pattern in [#"(?i)select"#, #"\x41bc"#, #"(a)\1"#, #"a|"#, #"(a|b*)c*"#, #"\p{L}+"#, #"[abc]"#, #"(?<name>x)"#, "*a", "a{x}"] {
            #expect(RequiredLiterals(pattern: pattern).sets.isEmpty, "\(pattern)")
        }
        #expect(RequiredLiterals(pattern: "(?i)select").mayOccur(in: "nothing here"))
    }

    /// Every pattern of the behaviour tables, over texts assembled from pieces of its own literals (some
    /// cut short, as optional parts are) and separators: wherever the regex matches, the literals are found.
    @Test func literalsOfEveryBehaviourPatternAreRequired() throws {
        var patterns = BehaviorScanner.compiledEffects.values.flatMap { $0.values.flatMap { $0 } }
        patterns += Array(BehaviorScanner.failurePatterns.values) + Array(BehaviorScanner.panicPatterns.values)
        patterns += Array(BehaviorScanner.rawWritePatterns.values)
        patterns.append(try #require(BehaviorScanner.callPattern))
        let separators = ["", "", " ", "(", ".", "::", "->", "!", "'w'", "\"a+\"", " (", "\n", "{", "_", "2", "x", "()"]
        var generator = TextGenerator(seed: 5)
        var matched = 0
        var patternsMatched = 0
        for pattern in patterns {
            let pieces = Self.fragments(of: pattern.regex.pattern)
            var hit = false
            for _ in 0..<150 {
                var text = ""
                for _ in 0..<(1 + generator.below(5)) {
                    text += separators[generator.below(separators.count)]
                    if !pieces.isEmpty { text += pieces[generator.below(pieces.count)] }
                }
                guard pattern.regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil else { continue }
                matched += 1
                hit = true
                #expect(pattern.literals.mayOccur(in: text), "\(pattern.regex.pattern) on \(text.debugDescription)")
                #expect(pattern.literals.mayOccur(in: ScanText(text)), "\(pattern.regex.pattern) on \(text.debugDescription)")
            }
            if hit { patternsMatched += 1 }
        }
        // The texts do exercise the patterns.
        #expect(matched > 2000)
        #expect(patternsMatched * 10 > patterns.count * 8)
    }

    /// The literal runs of a pattern (escapes resolved, syntax dropped), whole and without their last character.
    static func fragments(of pattern: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var characters = pattern.makeIterator()
        func flush() {
            if !current.isEmpty { pieces.append(current) }
            current = ""
        }
        while let character = characters.next() {
            if character == "\\" {
                guard let escaped = characters.next() else { break }
                if escaped.isLetter || escaped.isNumber { flush() } else { current.append(escaped) }
            } else if "[](){}|?*+^$".contains(character) {
                flush()
            } else {
                current.append(character)
            }
        }
        flush()
        return pieces + pieces.filter { $0.count > 1 }.map { String($0.dropLast()) }
    }

    @Test func theScanTextFilterNeverHidesALiteral() {
        var generator = TextGenerator(seed: 9)
        for _ in 0..<500 {
            let text = generator.text(from: TextGenerator.plainTokens, maxTokens: 40)
            let scanned = ScanText(text)
            for _ in 0..<10 {
                let literal = Array(generator.text(from: ["a", "b", "(", ".", "e", "x1", "def ", "os."], maxTokens: 3).utf8)
                let expected = literal.isEmpty || text.utf8.count >= literal.count
                    && (0...(text.utf8.count - literal.count)).contains { Array(text.utf8.dropFirst($0).prefix(literal.count)) == literal }
                #expect(literal.withUnsafeBufferPointer { scanned.contains($0) } == expected, "\(literal) in \(text.debugDescription)")
            }
        }
    }
}
