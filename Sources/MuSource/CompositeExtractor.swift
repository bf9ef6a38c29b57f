import Foundation
import MuCore

/// Picks the extractor for each file by ``Extractor/supports(_:)`` and runs each on its files:
/// the one place that knows which extractor reads which language.
public struct CompositeExtractor: Extractor {
    /// Tried in order; the first that supports a file's language reads it.
    public let extractors: [any Extractor]

    public init(_ extractors: [any Extractor]) {
        self.extractors = extractors
    }

    /// tree-sitter for every language but Swift, SwiftSyntax for Swift. A missing grammar fails
    /// with one error naming `make setup`, and only when a file of its language is extracted.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> CompositeExtractor {
        CompositeExtractor([SwiftSyntaxExtractor(), TreeSitterExtractor(environment: environment)])
    }

    public func supports(_ language: Language) -> Bool {
        extractors.contains { $0.supports(language) }
    }

    /// Files no extractor supports are left out (the walker only lists supported languages).
    public func extract(_ files: [SourceFile], root: URL) async throws -> ExtractionBatch {
        var groups = Array(repeating: [SourceFile](), count: extractors.count)
        for file in files {
            if let index = extractors.firstIndex(where: { $0.supports(file.language) }) { groups[index].append(file) }
        }
        var batch = ExtractionBatch()
        for (extractor, group) in zip(extractors, groups) where !group.isEmpty {
            let part = try await extractor.extract(group, root: root)
            batch.files += part.files
            batch.failures += part.failures
        }
        return batch
    }
}
