import Foundation
import MCP
@testable import MuMCP
import MuStore
import Testing

@Suite("structured content")
struct StructuredValueTests {
    struct Sample: Codable {
        var name: String
        var count: Int
        var ratio: Double
        var done: Bool
        var tags: [String]
        var note: String?
        var nested: [String: Int]
    }

    /// The same values as the SDK's `Value(_:)`, except that no string is taken for binary data.
    @Test func matchesTheSDKConversionForPlainValues() throws {
        let sample = Sample(name: "Session.request", count: 3, ratio: 0.25, done: true, tags: ["a", "b"], note: nil,
                            nested: ["x": 1])
        let ours = try StructuredValue.make(sample)
        #expect(ours == (try Value(sample)))
        #expect(ours.objectValue?["note"] == nil || ours.objectValue?["note"] == .null)
        #expect(ours.objectValue?["done"] == .bool(true))
        #expect(ours.objectValue?["count"] == .int(3))
        #expect(ours.objectValue?["ratio"] == .double(0.25))
    }

    /// Every JSON type in every position, including an integral double and nested containers: the
    /// decoding order (strings first) changes no value.
    @Test func everyTypeAndNestingMatchesTheSDK() throws {
        let values: [Sample] = [
            Sample(name: "", count: -7, ratio: 2.0, done: false, tags: [], note: "1", nested: [:]),
            Sample(name: "true", count: 0, ratio: -1e300, done: true, tags: ["12", "null", "[]"], note: nil,
                   nested: ["{}": Int.max]),
        ]
        let ours = try StructuredValue.make(["items": values])
        #expect(ours == (try Value(["items": values])))
        let first = ours.objectValue?["items"]?.arrayValue?.first?.objectValue
        #expect(first?["ratio"] == .int(2) && first?["count"] == .int(-7) && first?["note"] == .string("1"))
    }

    /// A snippet of source that happens to be a data URL stays text (the SDK's decoder would turn it
    /// into `.data`, and the client would receive something other than what the index holds).
    @Test func aDataURLInTheIndexStaysText() throws {
        let snippet = "data:text/plain;base64,SGVsbG8="
        let value = try StructuredValue.make(["snippet": snippet])
        #expect(value.objectValue?["snippet"] == .string(snippet))
    }

    /// `FunctionItem` builds its value directly (for speed); it must be exactly its JSON's value.
    @Test(arguments: [
        FunctionItem(IndexedFunction(id: 1, path: "src/net/client.py", language: "python", name: "request",
                                     qualifiedName: "Session.request", kind: "method", signature: "def request(self, url, *, timeout=None):",
                                     startLine: 10, endLine: 42, bodyHash: "ab", summaryKey: nil, indexedCommit: nil, summary: nil)),
        FunctionItem(IndexedFunction(id: 2, path: "ünï/cödé \"x\".swift", language: "swift", name: "init", qualifiedName: "A.B.init",
                                     kind: "initializer", signature: "init(_ x: Int = 0) // \\n", startLine: 1, endLine: 1,
                                     bodyHash: "cd", summaryKey: "k", indexedCommit: "c", summary: nil),
                     match: "suffix", snippet: "… [parse] the [url] …"),
    ])
    func aFunctionItemsDirectValueIsItsJSON(item: FunctionItem) throws {
        #expect(item.structured == (try StructuredValue.make(item)))
        var summarized = item
        summarized.summary = ["Parses the URL.", "", "Returns 12 and \"null\"."]
        #expect(summarized.structured == (try StructuredValue.make(summarized)))
        summarized.summary = []
        #expect(summarized.structured == (try StructuredValue.make(summarized)))
    }
}
