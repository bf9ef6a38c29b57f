import Foundation
import MuSource
import MuTestSupport
import Testing

/// Every fixture under fixtures/src is extracted in a real git repository and compared with its
/// hand-checked golden file fixtures/expected/NAME.tsv (qualified name, kind, start, end).
@Suite struct GoldenSpanTests {
    static let fixtureNames: [String] = {
        let dir = SourceTree.fixtures.appendingPathComponent("src")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }()

    /// One repository with all fixtures, extracted once and shared by the parameterised tests.
    static let shared = SharedExtraction()

    @Test func fixturesExist() {
        #expect(Self.fixtureNames.count >= 14)
    }

    @Test(arguments: fixtureNames)
    func spansMatchGolden(_ name: String) async throws {
        let expectedURL = SourceTree.fixtures.appendingPathComponent("expected/\(name).tsv")
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
            .split(separator: "\n").filter { !$0.isEmpty }.map(String.init)
        let units = try await Self.shared.units()[name] ?? []
        let actual = units.map { "\($0.qualifiedName)\t\($0.kind.rawValue)\t\($0.startLine)\t\($0.endLine)" }
        #expect(actual == expected, "fixture \(name)")
    }
}

/// Builds the fixture repository and extracts it once, however many tests ask.
actor SharedExtraction {
    private var task: Task<[String: [FunctionUnit]], Error>?

    func units() async throws -> [String: [FunctionUnit]] {
        if let task { return try await task.value }
        let task = Task { () async throws -> [String: [FunctionUnit]] in
            let repo = try TempGitRepository()
            let src = SourceTree.fixtures.appendingPathComponent("src")
            for name in GoldenSpanTests.fixtureNames {
                try repo.write(name, try Data(contentsOf: src.appendingPathComponent(name)))
            }
            try repo.commitAll()
            let units = try await Extraction.units(in: repo.root)
            return Dictionary(grouping: units, by: \.path)
        }
        self.task = task
        return try await task.value
    }
}

/// Walk + extract, as `mu functions` does, without the CLI.
enum Extraction {
    static func units(in root: URL, options: RepositoryWalker.Options = .init(),
                      environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> [FunctionUnit] {
        let repo = try GitRepository(discovering: root.path)
        let walk = try RepositoryWalker(options: options).walk(repo)
        let files = walk.files.map(\.file)
        var batch = try await TreeSitterExtractor(environment: environment).extract(files, root: repo.root)
        let swift = try await SwiftSyntaxExtractor().extract(files, root: repo.root)
        batch.files += swift.files
        return batch.files.flatMap(\.units).sorted { ($0.path, $0.startLine) < ($1.path, $1.startLine) }
    }
}
