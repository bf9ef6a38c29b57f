import Foundation
import Testing
@testable import MuKit

@Suite("ConfigInit")
struct ConfigInitTests {
    @Test("writes the example as .murc.toml")
    func writesExample() throws {
        try withConfigTestDirectory { dir in
            let written = try ConfigInit.write(intoRepository: dir)
            #expect(written.path == dir.appendingPathComponent(".murc.toml").path)
            #expect(try Data(contentsOf: written) == Data(ConfigExample.text.utf8))
        }
    }

    @Test("never overwrites an existing file, and says so")
    func neverOverwrites() throws {
        try withConfigTestDirectory { dir in
            let existing = try writeConfigTestFile("[llm]\nprovider = \"ollama\"\n", to: ".murc.toml", in: dir)
            let error = catchConfigError { try ConfigInit.write(intoRepository: dir) }
            #expect(error == .fileExists(path: existing.path))
            #expect(error?.description.contains("never overwrites") == true)
            #expect(try String(contentsOf: existing, encoding: .utf8) == "[llm]\nprovider = \"ollama\"\n")
        }
    }

    @Test("a dangling symlink in the way also counts as existing")
    func danglingSymlink() throws {
        try withConfigTestDirectory { dir in
            let link = dir.appendingPathComponent(".murc.toml")
            try FileManager.default.createSymbolicLink(
                atPath: link.path, withDestinationPath: dir.appendingPathComponent("nowhere").path)
            #expect(catchConfigError { try ConfigInit.write(intoRepository: dir) } == .fileExists(path: link.path))
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("nowhere").path))
        }
    }

    @Test("a missing repository directory is an error, not a crash")
    func missingDirectory() throws {
        try withConfigTestDirectory { dir in
            let missing = dir.appendingPathComponent("nope")
            #expect(catchConfigError { try ConfigInit.write(intoRepository: missing) } == .notADirectory(path: missing.path))
        }
    }
}
