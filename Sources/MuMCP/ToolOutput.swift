import Foundation
import MCP

/// What a tool returns: text for the model to read and the same facts as structured content, both
/// bounded by a character cap. Lists are cut at whole items and say so in a final note.
struct ToolOutput: Sendable {
    var text: String
    var structured: Value

    /// The default cap on a result's text, in characters (about 5k tokens).
    static let characterCap = 20_000

    func result() -> CallTool.Result {
        let content: Value? = structured
        return CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: content, isError: false)
    }

    static func failure(_ error: ToolError) -> CallTool.Result {
        CallTool.Result(content: [.text(text: error.description, annotations: nil, _meta: nil)], isError: true)
    }

    /// A list result: `header`, then one text block per item until `cap` characters, then a note
    /// naming how many items were cut. `structured` gets the same items that were shown.
    static func list<Item: StructuredItem>(header: String, items: [(text: String, item: Item)],
                                      emptyNote: String, extra: [String: Value] = [:],
                                      cap: Int = characterCap) -> ToolOutput {
        var text = header
        var length = header.count   // kept alongside: `String.count` walks the whole string
        var shown: [Value] = []
        var cut = 0
        for (index, entry) in items.enumerated() {
            let entryLength = entry.text.count
            if length + entryLength + 1 > cap, !shown.isEmpty {
                cut = items.count - index
                break
            }
            text += "\n" + entry.text
            length += entryLength + 1
            shown.append(entry.item.structured)
        }
        if items.isEmpty { text += "\n" + emptyNote }
        var object = extra
        object["results"] = .array(shown)
        object["count"] = .int(shown.count)
        if cut > 0 {
            let note = "\(cut) more result\(cut == 1 ? "" : "s") cut to keep this answer under \(cap) characters; narrow the query or lower limit"
            text += "\n[" + note + "]"
            object["truncated"] = .string(note)
        }
        return ToolOutput(text: text, structured: .object(object))
    }
}
