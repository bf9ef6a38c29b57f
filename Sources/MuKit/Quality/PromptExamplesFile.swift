import Foundation
import MuLLM

/// `[prompt] examples_file`: few-shot examples of one's own, as a JSON array of
/// `{"language": "python", "code": "def f(): …", "summary": ["Does this.", "Returns that."]}`
/// (`language` optional). Each becomes a user turn asking for the code's summary and an assistant
/// turn with the bullets, like mu's built-in examples.
public enum PromptExamplesFile {
    struct Entry: Decodable {
        var language: String?
        var code: String
        var summary: [String]
    }

    /// The examples of the file at `path` (relative to `root` unless absolute).
    public static func load(_ path: String, root: URL) throws(ConfigError) -> [ChatMessage] {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path)
            : path.hasPrefix("~/") ? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(String(path.dropFirst(2)))
            : root.appendingPathComponent(path)
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .unreadableFile(path: url.path, reason: "[prompt] examples_file cannot be read")
        }
        let entries: [Entry]
        do { entries = try JSONDecoder().decode([Entry].self, from: data) } catch {
            throw .unreadableFile(path: url.path, reason: "[prompt] examples_file is not a JSON array of {\"code\": …, \"summary\": [bullets]}")
        }
        guard !entries.isEmpty, entries.allSatisfy({ !$0.code.isEmpty && !$0.summary.isEmpty }) else {
            throw .unreadableFile(path: url.path, reason: "[prompt] examples_file needs at least one example, each with code and summary bullets")
        }
        return messages(entries)
    }

    static func messages(_ entries: [Entry]) -> [ChatMessage] {
        entries.flatMap { entry -> [ChatMessage] in
            let language = entry.language ?? ""
            let what = language.isEmpty ? "this function" : "this \(language) function"
            return [
                .user("Summarize what \(what) does.\n\n```\(language.lowercased())\n\(entry.code)\n```"),
                .assistant(entry.summary.map { "- \($0)" }.joined(separator: "\n")),
            ]
        }
    }
}

extension MuConfig.Quality {
    /// The criteria MuLLM applies.
    public var criteria: QualityCriteria {
        QualityCriteria(minBullets: minBullets, maxBullets: maxBullets, maxWords: maxWords, minGrounding: minGrounding)
    }
}
