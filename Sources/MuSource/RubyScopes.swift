/// Enclosing `class`/`module` names for Ruby methods, from the classes' own spans.
///
/// ctags 5.9 takes an endless method (`def x = 1`) for a block opener, which shifts the scope of
/// every method after it; the spans found by `EndKeywordScanner` do not have that problem.
struct RubyScopes {
    struct Container { var name: String; var start: Int; var end: Int }
    var containers: [Container] = []

    init(text: SourceText, tags: [CtagsRunner.Tag]) {
        for tag in tags where tag.kind == "class" || tag.kind == "module" {
            guard let line = tag.line, line >= 1, line <= text.lineCount else { continue }
            let keyword = tag.kind == "class" ? "class" : "module"
            let range = text.lineRange(line - 1)
            let kw = Array(keyword.utf8)
            var k = range.lowerBound
            var found: Int? = nil
            while k + kw.count <= range.upperBound {
                if Array(text.code[k..<k + kw.count]) == kw, k == range.lowerBound || !text.code[k - 1].isIdentifierByte {
                    found = k; break
                }
                k += 1
            }
            guard let start = found, let end = EndKeywordScanner.end(in: text, defOffset: start, isDef: false) else { continue }
            // `class A::B` names its own path.
            let name = tag.name.replacingOccurrences(of: "::", with: ".")
            containers.append(Container(name: name, start: start, end: end.end))
        }
    }

    /// Dotted names of the classes and modules enclosing `offset`, outermost first.
    func scope(at offset: Int) -> String {
        containers.filter { $0.start < offset && offset <= $0.end }
            .sorted { $0.start < $1.start }
            .map(\.name).joined(separator: ".")
    }
}
