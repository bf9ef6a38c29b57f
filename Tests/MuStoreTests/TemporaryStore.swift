import Foundation
@testable import MuStore

/// A fresh directory under the system temp dir, removed by `cleanUp()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("mustore-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// `<dir>/<relative>` as a path string.
    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    func cleanUp() {
        // Restore permissions changed by read-only tests so removal works.
        if let enumerator = FileManager.default.enumerator(atPath: url.path) {
            for case let item as String in enumerator {
                try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path(item))
            }
        }
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        try? FileManager.default.removeItem(at: url)
    }
}

/// Builders for records used across the tests.
enum Fixture {
    static func function(_ qualifiedName: String, path: String = "src/a.py", lines: ClosedRange<Int> = 1...3,
                         name: String? = nil, summaryKey: String? = nil, language: String = "python") -> FunctionRecord {
        let name = name ?? String(qualifiedName.split(separator: ".").last ?? "")
        return FunctionRecord(path: path, language: language, name: name, qualifiedName: qualifiedName,
                              kind: "function", signature: "def \(name)()", startLine: lines.lowerBound,
                              endLine: lines.upperBound, bodyHash: "hash-\(qualifiedName)-\(path)",
                              summaryKey: summaryKey)
    }

    static func summary(_ key: String, model: String = "model-a", bullets: [String] = ["Does a thing."],
                        lastUsedAt: Date? = nil) -> Summary {
        Summary(key: key, bodyHash: "body-\(key)", promptVersion: "p1", model: model, params: "t=0.2",
                bullets: bullets, inputTokens: 100, outputTokens: 20, costUSD: 0.001, provider: "test",
                createdAt: lastUsedAt ?? Date(), lastUsedAt: lastUsedAt)
    }
}

extension MuDatabase {
    /// Opens `<dir>/.mu/mu.db`.
    static func temporary(in directory: TemporaryDirectory, summariesPath: String? = nil) throws -> MuDatabase {
        try MuDatabase(path: directory.path(".mu/mu.db"), summariesPath: summariesPath)
    }
}
