import Foundation
import MuCore
@testable import MuSource
import MuTestSupport
import Testing

/// The composite routes each file to the first extractor supporting its language.
@Suite struct CompositeExtractorTests {
    actor Seen {
        var paths: [String: [String]] = [:]
        func add(_ name: String, _ files: [SourceFile]) { paths[name, default: []] += files.map(\.path) }
    }

    struct Recording: Extractor {
        let name: String
        let languages: Set<Language>
        let seen: Seen
        func supports(_ language: Language) -> Bool { languages.contains(language) }
        func extract(_ files: [SourceFile], root: URL) async throws -> ExtractionBatch {
            await seen.add(name, files)
            var batch = ExtractionBatch()
            batch.files = files.map { FileFunctions(file: $0, units: []) }
            return batch
        }
    }

    @Test func eachFileGoesToTheFirstSupportingExtractor() async throws {
        let seen = Seen()
        let composite = CompositeExtractor([
            Recording(name: "swift", languages: [.swift], seen: seen),
            Recording(name: "any", languages: [.swift, .python, .go], seen: seen),
        ])
        #expect(composite.supports(.go) && !composite.supports(.ruby))
        let files = [SourceFile(path: "a.swift", language: .swift), SourceFile(path: "b.py", language: .python),
                     SourceFile(path: "c.rb", language: .ruby), SourceFile(path: "d.go", language: .go)]
        let batch = try await composite.extract(files, root: URL(fileURLWithPath: "/"))
        #expect(await seen.paths == ["swift": ["a.swift"], "any": ["b.py", "d.go"]])
        #expect(batch.files.map(\.file.path) == ["a.swift", "b.py", "d.go"])
    }

    @Test func aMissingGrammarFailsOnlyWhenItsLanguageIsRead() async throws {
        let composite = CompositeExtractor.standard(environment: ["MU_TREE_SITTER_LANGUAGES": "/nonexistent/languages.so"])
        let repo = try TempGitRepository()
        try repo.write("x.py", "def f():\n    pass\n")
        try repo.write("y.ts", "function g() {}\n")
        try repo.commitAll()
        let python = try await composite.extract([SourceFile(path: "x.py", language: .python)], root: repo.root)
        #expect(python.files.flatMap(\.units).map(\.name) == ["f"])
        await #expect(throws: ExtractionError.self) {
            _ = try await composite.extract([SourceFile(path: "y.ts", language: .typescript)], root: repo.root)
        }
    }
}
