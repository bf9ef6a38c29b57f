import Foundation
import MCP
import MuKit
@testable import MuMCP
import MuStore
import MuTestSupport
import Testing

/// `ToolCallShortcut` answers `tools/call` in front of the SDK: its bytes must be the SDK's, for
/// every tool, good and bad arguments, both kinds of id, and malformed calls it leaves to the SDK.
@Suite("tools/call shortcut")
struct ToolCallShortcutTests {
    /// Requests sent to both servers, in order (refresh is left out: its answer carries its duration).
    static let requests: [String] = [
        #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"find_symbol","arguments":{"name":"request"}}}"#,
        #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"find_symbol","arguments":{"name":"parse_*","limit":"5"}}}"#,
        #"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"find_symbol","arguments":{"name":"request","kind":"method","path_glob":"pkg/**"}}}"#,
        #"{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"find_symbol","arguments":{"name":"nothing_here"}}}"#,
        #"{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"find_symbol","arguments":{"name":42}}}"#,
        #"{"jsonrpc":"2.0","id":"s-6","method":"tools/call","params":{"name":"search","arguments":{"text":"headers http","limit":3}}}"#,
        #"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"search","arguments":{"text":"backoff","language":"python"}}}"#,
        #"{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"search","arguments":{"text":"x","limit":1000000}}}"#,
        #"{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"file_outline","arguments":{"path":"pkg/net.py"}}}"#,
        #"{"jsonrpc":"2.0","id":10,"method":"tools/call","params":{"name":"file_outline","arguments":{"path":"../../etc/passwd"}}}"#,
        #"{"jsonrpc":"2.0","id":11,"method":"tools/call","params":{"name":"function_source","arguments":{"name_or_path_line":"pkg/net.py:5","context_lines":1}}}"#,
        #"{"jsonrpc":"2.0","id":12,"method":"tools/call","params":{"name":"function_source","arguments":{"name_or_path_line":"request"}}}"#,
        #"{"jsonrpc":"2.0","id":13,"method":"tools/call","params":{"name":"callers","arguments":{"name":"fetch"}}}"#,
        #"{"jsonrpc":"2.0","id":14,"method":"tools/call","params":{"name":"callees","arguments":{"name":"fetch"}}}"#,
        #"{"jsonrpc":"2.0","id":15,"method":"tools/call","params":{"name":"overview","arguments":{}}}"#,
        #"{"jsonrpc":"2.0","id":16,"method":"tools/call","params":{"name":"overview","arguments":{"path":"pkg"}}}"#,
        #"{"jsonrpc":"2.0","id":17,"method":"tools/call","params":{"name":"index_status"}}"#,
        #"{"jsonrpc":"2.0","id":18,"method":"tools/call","params":{"name":"no_such_tool","arguments":{}}}"#,
        // Not well-formed calls: the shortcut leaves them to the SDK, so these are the SDK's errors.
        #"{"jsonrpc":"2.0","id":19,"method":"tools/call","params":{"arguments":{}}}"#,
        #"{"jsonrpc":"2.0","id":20,"method":"tools/call","params":{"name":"search","arguments":[1,2]}}"#,
        #"{"jsonrpc":"2.0","id":21,"method":"tools/call"}"#,
        #"{"jsonrpc":"2.0","id":22,"method":"ping"}"#,
    ]

    @Test func theShortcutAndTheSDKWriteTheSameBytes() async throws {
        let repo = try await indexedRepository()
        let fast = PipeClient(workspace: try testWorkspace(repo), shortcut: true)
        let sdk = PipeClient(workspace: try testWorkspace(repo), shortcut: false)
        // A call before initialize is answered the same way on both paths (the server is not strict).
        let early = Self.requests[0]
        #expect(try await fast.exchangeRaw(early) == (try await sdk.exchangeRaw(early)))
        _ = try await fast.initialize()
        _ = try await sdk.initialize()
        for request in Self.requests {
            let mine = try await fast.exchangeRaw(request)
            let theirs = try await sdk.exchangeRaw(request)
            #expect(String(decoding: mine, as: UTF8.self) == String(decoding: theirs, as: UTF8.self), "\(request)")
            let reply = try JSONSerialization.jsonObject(with: mine) as? [String: Any]
            #expect(reply?["result"] != nil || reply?["error"] != nil, "\(request)")
        }
        await fast.close()
        await sdk.close()
    }

    @Test func parseTakesOnlyWellFormedCalls() throws {
        let call = try #require(FastToolCall.parse(Data(Self.requests[5].utf8)))
        #expect(call.id == .string("s-6"))
        #expect(call.name == "search")
        #expect(call.arguments?["limit"] == .int(3))
        // Argument strings stay strings, even one that looks like a data URL (the SDK's Value would
        // turn it into binary data).
        let dataURL = #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"search","arguments":{"text":"data:text/plain;base64,aGk="}}}"#
        #expect(FastToolCall.parse(Data(dataURL.utf8))?.arguments?["text"] == .string("data:text/plain;base64,aGk="))
        for other in [
            #"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#,
            #"{"jsonrpc":"1.0","id":1,"method":"tools/call","params":{"name":"search"}}"#,
            #"{"jsonrpc":"2.0","method":"tools/call","params":{"name":"search"}}"#,
            #"{"jsonrpc":"2.0","id":null,"method":"tools/call","params":{"name":"search"}}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":7}}"#,
            #"[{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"search"}}]"#,
            #"{"jsonrpc":"2.0","id":1,"result":{"note":"tools/call"}}"#,
            "not json tools/call",
        ] {
            #expect(FastToolCall.parse(Data(other.utf8)) == nil, "\(other)")
        }
    }

    @Test func manyConcurrentCallsAllGetTheirOwnAnswer() async throws {
        let repo = try await indexedRepository()
        let client = PipeClient(workspace: try testWorkspace(repo))
        _ = try await client.initialize()
        // Ten requests written at once; every id gets exactly one answer, none interleaved.
        var batch = ""
        for id in 100..<110 {
            batch += #"{"jsonrpc":"2.0","id":\#(id),"method":"tools/call","params":{"name":"find_symbol","arguments":{"name":"fetch"}}}"# + "\n"
        }
        client.sendRaw(batch)
        var ids: [Int] = []
        for _ in 100..<110 {
            let message = try await client.nextMessage()
            ids.append(message["id"] as? Int ?? -1)
            let result = message["result"] as? [String: Any]
            #expect(((result?["structuredContent"] as? [String: Any])?["count"] as? Int) == 1)
        }
        #expect(ids.sorted() == Array(100..<110))
        await client.close()
    }
}
