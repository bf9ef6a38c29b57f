#!/usr/bin/env python3
"""Reference for bench/mcp.sh: the smallest MCP server over stdio (standard library, blocking
reads), whose one tool echoes its arguments. The same client loop against it gives the floor of
a stdio round trip (client, pipes, JSON) that no server can beat."""
import json, sys

for line in sys.stdin:
    message = json.loads(line)
    if "id" not in message:
        continue
    method = message.get("method")
    if method == "initialize":
        result = {"protocolVersion": "2025-06-18", "capabilities": {"tools": {}},
                  "serverInfo": {"name": "echo", "version": "1"}}
    elif method == "tools/call":
        arguments = message["params"].get("arguments", {})
        result = {"content": [{"type": "text", "text": json.dumps(arguments)}],
                  "structuredContent": {"count": 1, "results": [arguments]}}
    else:
        result = {}
    sys.stdout.write(json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": result}) + "\n")
    sys.stdout.flush()
