import Foundation
import Testing
@testable import MuKit

@Suite("The .murc.toml.example file")
struct ConfigExampleTests {
    private func exampleFile() throws -> URL {
        let root = try #require(configCheckoutRoot(), "no .murc.toml.example above \(#filePath)")
        return root.appendingPathComponent(".murc.toml.example")
    }

    @Test("parses to exactly the defaults")
    func exampleParsesToDefaults() throws {
        let url = try exampleFile()
        let source = ConfigSource.repositoryFile(path: url.path)
        let assignments = try #require(try ConfigFileReader.read(path: url.path, as: source))
        var config = MuConfig.defaults
        for a in assignments { a.setting.apply(&config, a.name, a.value) }
        #expect(config == MuConfig.defaults)
    }

    @Test("sets every key mu knows (models excepted: there are none by default)")
    func exampleDocumentsEveryKey() throws {
        let url = try exampleFile()
        let assignments = try #require(try ConfigFileReader.read(path: url.path, as: .repositoryFile(path: url.path)))
        let written = Set(assignments.map(\.key))
        let known = Set(ConfigSchema.settings.filter { !$0.isPattern }.map { $0.key() })
        #expect(written == known)
        let text = try String(contentsOf: url, encoding: .utf8)
        for field in ["provider", "id", "context_window", "input_usd_per_mtok", "output_usd_per_mtok"] {
            #expect(text.contains("# \(field) = "), "the commented [models.NAME] example shows \(field)")
        }
    }

    @Test("as a repository file, every value resolves to its default from that file")
    func exampleAsRepositoryFile() throws {
        try withConfigTestDirectory { dir in
            let fixture = try ConfigFixture(root: dir)
            try fixture.writeRepoFile(ConfigExample.text)
            let resolved = try fixture.load()
            #expect(resolved.config == MuConfig.defaults)
            #expect(resolved.source(of: "llm.temperature") == .repositoryFile(path: fixture.repoFile.path))
        }
    }

    @Test("the text embedded in the binary is the file, byte for byte")
    func embeddedExampleMatchesFile() throws {
        let data = try Data(contentsOf: try exampleFile())
        #expect(Data(ConfigExample.text.utf8) == data,
                "ConfigExample.swift and .murc.toml.example differ: paste the file into ConfigExample.text")
    }

    @Test("docs/configuration.md names every key, and its TOML examples are valid configuration")
    func documentation() throws {
        let root = try #require(configCheckoutRoot())
        let docs = try String(contentsOf: root.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
        for setting in ConfigSchema.settings {
            let leaf = try #require(setting.path.last)
            #expect(docs.contains("`\(leaf)`"), "docs/configuration.md does not mention \(setting.key(name: "NAME"))")
        }
        let blocks = docs.components(separatedBy: "```toml\n").dropFirst().compactMap {
            $0.components(separatedBy: "```").first
        }
        #expect(blocks.count >= 2)
        for block in blocks {
            #expect(throws: Never.self) {
                _ = try ConfigFileReader.assignments(from: block, source: .repositoryFile(path: "docs"))
            }
        }
    }
}
