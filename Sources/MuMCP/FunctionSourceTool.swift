import Foundation
import MCP
import MuKit
import MuSource
import MuStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `function_source(name_or_path_line, context_lines?)`: one function's current code and summary.
struct FunctionSourceTool: MuTool {
    let definition = Tool(
        name: "function_source",
        description: """
        Read the current source code of one function, with its summary bullets. Name it either by symbol \
        (`Session.request`, `parse_headers`; the best find_symbol match is used and other candidates are \
        listed) or by location `path:line` (the innermost function containing that line, e.g. \
        `Lib/json/decoder.py:120`). `context_lines` adds lines before and after. The code is read from the \
        working tree now; when the file changed since it was indexed, the answer starts with a warning, \
        because the line span and summary may be stale (refresh re-indexes).
        """,
        inputSchema: Schema.object([
            "name_or_path_line": Schema.string("A symbol (as for find_symbol) or `path:line`."),
            "context_lines": Schema.integer("Lines of context before and after the function.", minimum: 0,
                                            maximum: Self.maxContext, default: 0),
        ], required: ["name_or_path_line"]),
        annotations: .readOnly)

    static let maxContext = 50
    /// Longest function text returned, in characters.
    static let sourceCap = 40_000

    struct Output: Codable {
        var function: FunctionItem
        var source: String
        var firstLine: Int
        var lastLine: Int
        var stale: String?
        var otherMatches: [String]
        var truncated: String?
        enum CodingKeys: String, CodingKey {
            case function, source, stale, truncated
            case firstLine = "first_line", lastLine = "last_line", otherMatches = "other_matches"
        }
    }

    func call(_ arguments: ToolArguments, session: IndexSession) async throws(ToolError) -> ToolOutput {
        let target = try arguments.requiredString("name_or_path_line")
        let context = try arguments.integer("context_lines", default: 0, in: 0...Self.maxContext)
        let database = try await session.index()
        let index = SymbolIndex(database: database)
        var function: IndexedFunction?
        var others: [String] = []
        do {
            if let (pathPart, line) = CallTargets.pathAndLine(target) {
                let path = try session.relativePath(pathPart)
                function = try await index.function(at: path, line: line)
                if function == nil {
                    throw ToolError.notFound("no indexed function contains \(path):\(line)")
                }
            } else {
                let matches = try await index.query(target, limit: 6)
                function = matches.first?.function
                others = matches.dropFirst().map { "\($0.function.qualifiedName) at \($0.function.path):\($0.function.startLine)" }
                if function == nil {
                    throw ToolError.notFound("no indexed function matches \"\(target)\"; try find_symbol or search")
                }
            }
        } catch let error as ToolError {
            throw error
        } catch {
            throw .failed("index read failed: \(error)")
        }
        guard let function else { throw .notFound("no function for \"\(target)\"") }

        let url = session.root.appendingPathComponent(function.path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .notFound("\(function.path) is indexed but no longer exists in the working tree; refresh updates the index")
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let first = max(1, function.startLine - context)
        let last = min(lines.count, function.endLine + context)
        var stale = await Self.staleness(of: function, url: url, lines: lines, database: database)
        if first > last {
            stale = "the file now has \(lines.count) lines, fewer than the indexed span \(function.startLine)-\(function.endLine); refresh re-indexes it"
        }
        var source = ""
        var truncated: String?
        if first <= last {
            let width = String(last).count
            for number in first...last {
                let text = lines[number - 1].hasSuffix("\r") ? lines[number - 1].dropLast() : lines[number - 1]
                let numbered = String(repeating: " ", count: width - String(number).count) + "\(number)  \(text)\n"
                if source.count + numbered.count > Self.sourceCap {
                    truncated = "source cut at line \(number - 1) of \(last) to stay under \(Self.sourceCap) characters"
                    break
                }
                source += numbered
            }
        }
        let item = FunctionItem(function)
        var text = ""
        if let stale { text += "WARNING: \(stale)\n" }
        text += item.text + "\n\n" + source
        if let truncated { text += "[\(truncated)]\n" }
        if !others.isEmpty { text += "\nOther matches: " + others.joined(separator: "; ") + "\n" }
        let output = Output(function: item, source: source, firstLine: first, lastLine: last, stale: stale,
                            otherMatches: others, truncated: truncated)
        return ToolOutput(text: text, structured: (try? StructuredValue.make(output)) ?? .null)
    }

    /// Nil when the file is as indexed; otherwise a sentence for the model. A file whose stat
    /// changed but whose function body hashes the same is reported as unchanged for this function.
    static func staleness(of function: IndexedFunction, url: URL, lines: [Substring],
                          database: MuDatabase) async -> String? {
        guard let state = try? await FileStateCache(database: database).state(for: function.path) else {
            return "\(function.path) has no recorded state in the index; the span may be stale"
        }
        var st = stat()
        if stat(url.path, &st) == 0 {
            let mtimeNs = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
            if state.size == Int64(st.st_size) && state.mtimeNs == mtimeNs && state.inode == UInt64(st.st_ino) {
                return nil
            }
        }
        if function.startLine >= 1, function.endLine <= lines.count, function.startLine <= function.endLine {
            let body = lines[(function.startLine - 1)...(function.endLine - 1)].joined(separator: "\n")
            if BodyHasher.hash(body) == function.bodyHash { return nil }
        }
        return "\(function.path) changed since it was indexed; the line span and summary may be out of date (refresh re-indexes it)"
    }
}
