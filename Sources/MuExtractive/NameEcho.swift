/// Whether a sentence only restates a function's name.
///
/// A sentence echoes the name when each of its content words is a word of the qualified name, once
/// stop words and the words summaries frame a name with ("Converts to", "Checks whether", "Returns",
/// "Calls", "Sets"…) are left out and words are compared with their crude stems (``forms(_:)``): "Converts to key val list." for
/// `to_key_val_list`, "Creates application." for `createApplication`, "Returns self._name." for
/// `name`. Such a sentence tells a reader nothing the name did not; the offline summarizer never
/// writes one. `bench/usefulness.sh` measures the same rule independently.
struct NameEcho: Sendable {
    /// The words of the qualified name with their stems.
    let nameForms: Set<String>

    init(qualifiedName: String) {
        nameForms = Set(NameEcho.identifierWords(qualifiedName).flatMap(NameEcho.forms))
    }

    func isEcho(_ sentence: String) -> Bool {
        NameEcho.contentWords(sentence).allSatisfy { !NameEcho.forms($0).isDisjoint(with: nameForms) }
    }

    /// The words of `sentence` that are neither stop words nor framing words.
    static func contentWords(_ sentence: String) -> [String] {
        identifierWords(sentence).filter { !stopWords.contains($0) && !framingWords.contains($0) }
    }

    /// Lower-cased words: letters and digits, split at `_`, punctuation, spaces, lower→Upper and the last
    /// capital of an acronym (`parseHTTPResponse2` → parse, http, response, 2). Non-ASCII letters count as
    /// lower case.
    static func identifierWords(_ text: String) -> [String] {
        enum Class { case upper, lower, digit, other }
        func classify(_ character: Character) -> Class {
            if let byte = character.asciiValue {   // the same classes as the Character properties, without their table lookups
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): return .upper
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "'"): return .lower
                case UInt8(ascii: "0")...UInt8(ascii: "9"): return .digit
                default: return .other
                }
            }
            if character.isUppercase { return .upper }
            return character.isLetter ? .lower : .other
        }
        let characters = Array(text)
        let classes = characters.map(classify)
        var words: [String] = []
        var current = ""
        for index in characters.indices {
            let kind = classes[index]
            if kind == .other {
                if !current.isEmpty { words.append(current.lowercased()); current = "" }
                continue
            }
            if !current.isEmpty, index > 0 {
                let previous = classes[index - 1]
                let next = index + 1 < classes.count ? classes[index + 1] : .other
                if (previous == .lower && kind == .upper) || (previous == .upper && kind == .upper && next == .lower)
                    || (previous == .digit) != (kind == .digit) {
                    words.append(current.lowercased())
                    current = ""
                }
            }
            current.append(characters[index])
        }
        if !current.isEmpty { words.append(current.lowercased()) }
        // Apostrophes dropped scalar by scalar: `replacingOccurrences` bridges each word to NSString,
        // which was a third of this function's time in a release profile.
        return words.map { word in
            word.utf8.contains(UInt8(ascii: "'")) ? String(String.UnicodeScalarView(word.unicodeScalars.filter { $0 != "'" })) : word
        }.filter { !$0.isEmpty }
    }

    /// The word and the stems it may have: `creates` → creates, create, creat; `entries` → entry;
    /// `parsing` → pars, parse. Two words match when their forms meet.
    static func forms(_ word: String) -> Set<String> {
        var forms: Set<String> = [word]
        for suffix in ["ies", "ing", "es", "ed", "s", "d"] where word.count > suffix.count + 2 && word.hasSuffix(suffix) {
            let stem = String(word.dropLast(suffix.count))
            forms.insert(stem)
            if suffix == "ies" { forms.insert(stem + "y") }
            if suffix == "ing" { forms.insert(stem + "e") }
        }
        return forms
    }

    static let stopWords: Set<String> = [
        "a", "an", "the", "to", "of", "for", "and", "or", "in", "on", "at", "by", "with", "from", "into", "onto",
        "as", "is", "are", "be", "been", "being", "it", "its", "this", "that", "these", "those", "than", "then",
        "else", "if", "when", "while", "whether", "not", "no", "yes", "all", "any", "each", "every", "some", "one",
        "two", "via", "per", "over", "under", "up", "down", "out", "off", "new", "given", "specified", "current",
        "instance", "object", "value", "values", "self", "cls",
    ]

    /// Words that only frame a name: the offline summarizer's old name templates and its fact verbs.
    static let framingWords: Set<String> = [
        "converts", "checks", "handles", "implements", "initializes", "tests", "test", "case", "defines",
        "operator", "program", "entry", "point", "anonymous", "function", "method", "has", "can", "returns",
        "return", "result", "calls", "call", "sets",
    ]
}
