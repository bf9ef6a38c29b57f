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

    /// ctags and its scanners for every language but Swift, SwiftSyntax for Swift. When ctags is
    /// missing or not universal-ctags, its languages fail with that error, and only when such a
    /// file is extracted (a Swift-only repository needs no ctags).
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> CompositeExtractor {
        let ctags: any Extractor
        do {
            ctags = try CtagsExtractor(environment: environment)
        } catch {
            ctags = UnavailableExtractor(error: error, languages: { $0.ctagsName != nil })
        }
        return CompositeExtractor([SwiftSyntaxExtractor(), ctags])
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

/// Stands for an extractor that could not be set up: claims its languages, throws why on use.
struct UnavailableExtractor: Extractor {
    let error: any Error
    let languages: @Sendable (Language) -> Bool

    func supports(_ language: Language) -> Bool { languages(language) }

    func extract(_ files: [SourceFile], root: URL) async throws -> ExtractionBatch {
        throw error
    }
}
