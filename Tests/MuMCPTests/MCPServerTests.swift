import Foundation
import MuKit
import MuMCP
import MuStore
import MuTestSupport
import Testing

/// Drives `MuMCPServer` over real pipes through `LineTransport`: the JSON-RPC stream must survive
/// every bad argument, and every tool answers from a real index of a real git repository.
@Suite("mu mcp server over pipes")
struct MCPServerTests {
    @Test func initializeAndListTools() async throws {
        let repo = try await indexedRepository()
        let client = PipeClient(workspace: try testWorkspace(repo))
        let info = try await client.initialize()
        #expect((info["serverInfo"] as? [String: Any])?["name"] as? String == "mu")
        #expect((info["capabilities"] as? [String: Any])?["tools"] != nil)
        let list = try await client.request("tools/list")
        let tools = (list["result"] as? [String: Any])?["tools"] as? [[String: Any]] ?? []
        let names = Set(tools.compactMap { $0["name"] as? String })
        #expect(names == ["find_symbol", "search", "file_outline", "function_source", "callers", "callees", "overview", "index_status", "refresh"])
        for tool in tools {
            let description = tool["description"] as? String ?? ""
            #expect(description.count > 150, "\(tool["name"] ?? "?") needs a paragraph for the model")
            let schema = tool["inputSchema"] as? [String: Any]
            #expect(schema?["type"] as? String == "object")
        }
        await client.close()
    }

    @Test func findSymbolRanksAndFilters() async throws {
        let repo = try await indexedRepository()
        let client = PipeClient(workspace: try testWorkspace(repo))
        _ = try await client.initialize()
        let both = try await client.call("find_symbol", ["name": "request"])
        #expect(!both.isError)
        #expect(Set(both.results.compactMap { $0["qualified_name"] as? String }) == ["Session.request", "request"])
        #expect(both.text.contains("pkg/net.py:11-13"))
        let methods = try await client.call("find_symbol", ["name": "request", "kind": "method"])
        #expect(methods.results.compactMap { $0["qualified_name"] as? String } == ["Session.request"])
        let inUtil = try await client.call("find_symbol", ["name": "request", "path_glob": "pkg/util.py"])
        #expect(inUtil.results.compactMap { $0["path"] as? String } == ["pkg/util.py"])
        let glob = try await client.call("find_symbol", ["name": "parse_*"])
        #expect(glob.results.first?["match"] as? String == "glob")
        let summary = glob.results.first?["summary"] as? [String] ?? []
        #expect(!summary.isEmpty)
        let limited = try await client.call("find_symbol", ["name": "*", "limit": 2])
        #expect(limited.results.count == 2)
        await client.close()
    }

    @Test func searchFindsBySummaryWords() async throws {
        let repo = try await indexedRepository()
        let client = PipeClient(workspace: try testWorkspace(repo))
        _ = try await client.initialize()
        let hits = try await client.call("search", ["text": "backoff"])
        #expect(hits.results.first?["qualified_name"] as? String == "retry_with_backoff")
        let none = try await client.call("search", ["text": "backoff", "language": "swift"])
        #expect(none.results.isEmpty && !none.isError)
        #expect(none.text.contains("Nothing"))
        let headers = try await client.call("search", ["text": "headers", "path_glob": "pkg/net.py"])
        #expect(headers.results.contains { $0["qualified_name"] as? String == "parse_headers" })
        await client.close()
    }

    @Test func fileOutlineAndFunctionSource() async throws {
        let repo = try await indexedRepository()
        let client = PipeClient(workspace: try testWorkspace(repo))
        _ = try await client.initialize()
        let outline = try await client.call("file_outline", ["path": "pkg/net.py"])
        #expect(outline.results.compactMap { $0["qualified_name"] as? String }
                == ["parse_headers", "Session.request", "Session.close", "fetch"])
        let absolute = try await client.call("file_outline", ["path": repo.root.appendingPathComponent("pkg/./net.py").path])
        #expect(absolute.results.count == 4)

        let byName = try await client.call("function_source", ["name_or_path_line": "Session.request"])
        #expect(!byName.isError)
        #expect(byName.text.contains("return fetch(url)"))
        #expect(byName.structured["stale"] == nil)
        let byLine = try await client.call("function_source", ["name_or_path_line": "pkg/net.py:5", "context_lines": 1])
        #expect((byLine.structured["function"] as? [String: Any])?["qualified_name"] as? String == "parse_headers")
        #expect(byLine.structured["last_line"] as? Int == 8)
        let ambiguous = try await client.call("function_source", ["name_or_path_line": "request"])
        #expect((ambiguous.structured["other_matches"] as? [String])?.count == 1)

        // An edit after indexing: the answer warns, and shows the current text.
        _ = try repo.write("pkg/net.py", "# moved\n\n\n" + (try String(contentsOf: repo.root.appendingPathComponent("pkg/net.py"), encoding: .utf8)))
        let stale = try await client.call("function_source", ["name_or_path_line": "fetch"])
        #expect(stale.text.hasPrefix("WARNING:"))
        #expect(stale.structured["stale"] is String)
        await client.close()
    }

    @Test func badArgumentsAreToolErrorsAndTheStreamSurvives() async throws {
        let repo = try await indexedRepository()
        let client = PipeClient(workspace: try testWorkspace(repo))
        _ = try await client.initialize()
        let cases: [(String, [String: Any], String)] = [
            ("find_symbol", ["name": "no_such_function_anywhere"], "No indexed function"),
            ("find_symbol", [:], "missing required argument \"name\""),
            ("find_symbol", ["name": 42], "must be a string"),
            ("find_symbol", ["name": "request", "limit": 1_000_000], "between 1 and 200"),
            ("search", ["text": "x", "limit": -1], "between 1 and 200"),
            ("file_outline", ["path": "../../etc/passwd"], "outside the repository"),
            ("file_outline", ["path": "/etc/passwd"], "outside the repository"),
            ("file_outline", ["path": "pkg/missing.py"], "no file pkg/missing.py"),
            ("function_source", ["name_or_path_line": "pkg/net.py:999"], "no indexed function contains"),
            ("function_source", ["name_or_path_line": "../x.py:3"], "outside the repository"),
            ("function_source", ["name_or_path_line": "fetch", "context_lines": 5000], "between 0 and 50"),
            ("no_such_tool", [:], "unknown tool"),
        ]
        for (tool, arguments, message) in cases {
            let reply = try await client.call(tool, arguments)
            if tool == "find_symbol", message.hasPrefix("No indexed") {
                #expect(!reply.isError && reply.results.isEmpty, "empty result for \(arguments)")
            } else {
                #expect(reply.isError, "\(tool) \(arguments) should be a tool error")
            }
            #expect(reply.text.contains(message), "\(tool) \(arguments): \(reply.text)")
        }
        // Garbage on the stream gets a JSON-RPC error, and the next call still works.
        client.sendRaw("this is not json\n")
        let parseError = try await client.nextMessage()
        #expect(parseError["error"] != nil)
        let after = try await client.call("find_symbol", ["name": "fetch"])
        #expect(after.results.count == 1)
        await client.close()
    }

    @Test func missingIndexIsAToolErrorNotACrash() async throws {
        let repo = try TempGitRepository()
        _ = try repo.write("a.py", "def a():\n    return 1\n")
        try repo.commitAll()
        let client = PipeClient(workspace: try testWorkspace(repo))
        _ = try await client.initialize()
        for tool in ["find_symbol", "search", "file_outline", "function_source", "index_status"] {
            let reply = try await client.call(tool, ["name": "a", "text": "a", "path": "a.py", "name_or_path_line": "a"]
                .filter { key, _ in tool == "find_symbol" ? key == "name" : tool == "search" ? key == "text" : tool == "file_outline" ? key == "path" : tool == "function_source" ? key == "name_or_path_line" : false })
            #expect(reply.isError)
            #expect(reply.text.contains("no index yet"), "\(tool): \(reply.text)")
        }
        // refresh with the free offline provider builds it; then queries work on the same server.
        let refreshed = try await client.call("refresh")
        #expect(!refreshed.isError, "\(refreshed.text)")
        let found = try await client.call("find_symbol", ["name": "a"])
        #expect(found.results.count == 1)
        await client.close()
    }

    /// Issue 9 #8: a damaged index is the store's one line with the recovery hint, as a tool error.
    @Test func aDamagedIndexIsAToolErrorWithTheRecoveryHint() async throws {
        let repo = try await indexedRepository()
        let path = repo.root.appendingPathComponent(".mu/mu.db").path
        do {
            let database = try MuDatabase(path: path)
            try await database.checkpoint()
            try database.close()
        }
        // Page 1 (the schema) intact, every other page overwritten.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 4096)
        handle.write(Data(repeating: 0xA5, count: Int(size) - 4096))
        try handle.close()
        let client = PipeClient(workspace: try testWorkspace(repo))
        _ = try await client.initialize()
        for (tool, arguments) in [("find_symbol", ["name": "request"]), ("index_status", [:])] {
            let reply = try await client.call(tool, arguments)
            #expect(reply.isError, "\(tool): \(reply.text)")
            #expect(reply.text.contains("is not a mu database (corrupt or foreign file); run `mu cache clear --all` to recreate it"),
                    "\(tool): \(reply.text)")
        }
        await client.close()
    }

    @Test func statusAndRefreshFollowEdits() async throws {
        let repo = try await indexedRepository()
        let client = PipeClient(workspace: try testWorkspace(repo))
        _ = try await client.initialize()
        let fresh = try await client.call("index_status")
        #expect(fresh.structured["stale_files"] as? Int == 0)
        #expect(fresh.structured["functions"] as? Int == 6)
        _ = try repo.write("pkg/new.py", "def brand_new_helper(x):\n    return x * 3\n")
        let stale = try await client.call("index_status")
        #expect(stale.structured["stale_files"] as? Int == 1)
        let refreshed = try await client.call("refresh")
        #expect(refreshed.structured["files_changed"] as? Int == 1, "\(refreshed.text)")
        let found = try await client.call("find_symbol", ["name": "brand_new_helper"])
        #expect(found.results.count == 1)
        let after = try await client.call("index_status")
        #expect(after.structured["stale_files"] as? Int == 0)
        await client.close()
    }

    /// A session that only reads leaves the index file as it was (no write, so the next `mu query` or
    /// server start does not have to re-check the whole file for corruption).
    @Test func answeringNeverWritesTheIndex() async throws {
        let repo = try await indexedRepository()
        let database = repo.root.appendingPathComponent(".mu/mu.db").path
        func state() throws -> [String] {
            try [database, database + "-wal"].map { file in
                guard FileManager.default.fileExists(atPath: file) else { return "\(file): none" }
                let attributes = try FileManager.default.attributesOfItem(atPath: file)
                let size = attributes[.size] as? Int ?? -1
                return "\(file): \(file.hasSuffix("-wal") && size == 0 ? "empty" : "\(size) \(attributes[.modificationDate] ?? "?")")"
            }
        }
        let before = try state()
        let client = PipeClient(workspace: try testWorkspace(repo))
        _ = try await client.initialize()
        let calls: [(String, [String: Any])] = [("find_symbol", ["name": "request"]), ("search", ["text": "headers"]),
                                                ("file_outline", ["path": "pkg/net.py"]), ("index_status", [:]), ("overview", [:])]
        for (tool, arguments) in calls {
            #expect(try await client.call(tool, arguments).isError == false, "\(tool)")
        }
        await client.close()
        #expect(try state() == before)
    }

    @Test func longResultsAreCutWithANote() async throws {
        let repo = try TempGitRepository()
        var source = ""
        for i in 0..<150 {
            // A docstring, so every function has a summary line to list (a bare return is signature-only).
            source += "def handler_\(i)(request_with_a_rather_long_parameter_name_\(i), another_long_parameter_name_\(i)):\n"
                + "    \"\"\"Handle request number \(i) and give its first, rather long parameter back to the caller.\"\"\"\n"
                + "    return request_with_a_rather_long_parameter_name_\(i)\n\n\n"
        }
        _ = try repo.write("many.py", source)
        try repo.commitAll()
        _ = try await Summarizer(workspace: testWorkspace(repo)).run()
        let client = PipeClient(workspace: try testWorkspace(repo))
        _ = try await client.initialize()
        let reply = try await client.call("find_symbol", ["name": "handler_*", "limit": 200])
        #expect(reply.text.count <= 20_000 + 200)
        #expect(reply.structured["truncated"] is String)
        #expect(reply.text.contains("more results cut"))
        #expect(reply.results.count < 150 && reply.results.count > 10)
        await client.close()
    }

    @Test func callersAndCallees() async throws {
        let repo = try await indexedRepository()
        let workspace = try testWorkspace(repo)
        let database = try workspace.openDatabase(create: false)
        let index = SymbolIndex(database: database)
        let graph = CallGraph(database: database)
        func id(_ path: String, _ qualified: String) async throws -> Int64 {
            try #require(try await index.functions(inPath: path).first { $0.qualifiedName == qualified }).id
        }
        try await graph.record([CallRecord(calleeName: "fetch", line: 13)], forFunction: try await id("pkg/net.py", "Session.request"))
        try await graph.record([CallRecord(calleeName: "parse_headers", line: 20), CallRecord(calleeName: "len", line: 20)],
                               forFunction: try await id("pkg/net.py", "fetch"))
        try await graph.record([CallRecord(calleeName: "request", line: 9)], forFunction: try await id("pkg/util.py", "retry_with_backoff"))
        try await graph.record([CallRecord(calleeName: "obj.request", line: 16)], forFunction: try await id("pkg/net.py", "Session.close"))

        let client = PipeClient(workspace: workspace)
        _ = try await client.initialize()
        let callees = try await client.call("callees", ["name": "fetch"])
        let edges = (callees.results.first?["edges"] as? [[String: Any]]) ?? []
        #expect(edges.map { $0["call"] as? String } == ["len", "parse_headers"])
        #expect(edges.map { $0["resolution"] as? String } == ["unresolved", "resolved"])
        #expect(callees.text.contains("parse_headers at pkg/net.py:1"))

        let callers = try await client.call("callers", ["name": "pkg/net.py:19"])
        let callerEdges = (callers.results.first?["edges"] as? [[String: Any]]) ?? []
        #expect(callerEdges.compactMap { ($0["function"] as? [String: Any])?["qualified_name"] as? String } == ["Session.request"])

        // `request` names two functions: both are targets, each with its own caller.
        let both = try await client.call("callers", ["name": "request"])
        let callersByTarget = both.results.map { result in
            ((result["function"] as? [String: Any])?["qualified_name"] as? String ?? "",
             ((result["edges"] as? [[String: Any]]) ?? []).compactMap { ($0["function"] as? [String: Any])?["qualified_name"] as? String })
        }
        #expect(callersByTarget.map(\.0) == ["request", "Session.request"])
        #expect(callersByTarget.map(\.1) == [["retry_with_backoff"], ["Session.close"]])
        let unknown = try await client.call("callers", ["name": "nothing_like_this"])
        #expect(unknown.isError && unknown.text.contains("no indexed function matches"))
        await client.close()
    }

    @Test func overviewWalksTheRollUps() async throws {
        let repo = try await indexedRepository()
        let client = PipeClient(workspace: try testWorkspace(repo))
        _ = try await client.initialize()
        let root = try await client.call("overview")
        #expect(!root.isError, "\(root.text)")
        #expect(root.structured["kind"] as? String == "repository")
        #expect(root.results.compactMap { $0["path"] as? String } == ["pkg"])
        let directory = try await client.call("overview", ["path": "pkg/"])
        #expect(directory.results.compactMap { $0["path"] as? String } == ["pkg/net.py", "pkg/util.py"])
        #expect((directory.structured["summary"] as? [String])?.first == "Holds 2 entries: net.py, util.py.")
        let file = try await client.call("overview", ["path": "pkg/net.py"])
        #expect(file.structured["kind"] as? String == "file")
        #expect(file.results.count == 4)
        let outline = try await client.call("file_outline", ["path": "pkg/util.py"])
        #expect((outline.structured["summary"] as? [String])?.first == "Holds 2 functions.")
        let missing = try await client.call("overview", ["path": "nowhere"])
        #expect(missing.isError && missing.text.contains("no file or directory nowhere"))
        let outside = try await client.call("overview", ["path": "../.."])
        #expect(outside.isError && outside.text.contains("outside the repository"))
        await client.close()
    }
}

