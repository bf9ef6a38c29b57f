#!/usr/bin/env python3
"""A minimal MCP client over stdio (raw newline-delimited JSON-RPC, standard library only).

    mcp-client.py check MU REPO     protocol checks for scripts/cli-tests.sh
    mcp-client.py bench MU REPO N   latency of find_symbol and search over N calls each (bench/mcp.sh)
"""
import json, os, subprocess, sys, time


class Client:
    def __init__(self, argv):
        self.started = time.perf_counter()
        # Buffered pipes (send() flushes): with bufsize=0, readline() reads the reply one byte per
        # read(2), which cost more than the server's whole answer for a 10-result search (bench/mcp.sh).
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 1

    def send(self, message):
        self.proc.stdin.write((json.dumps(message) + "\n").encode())
        self.proc.stdin.flush()

    def read(self):
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit("server closed its stdout")
        return json.loads(line)  # anything but JSON on stdout fails here

    def request(self, method, params=None):
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params or {}})
        self.next_id += 1
        return self.read()

    def initialize(self):
        result = self.request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                             "clientInfo": {"name": "mcp-client.py", "version": "1"}})
        self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        return result["result"]

    def call(self, name, arguments):
        return self.request("tools/call", {"name": name, "arguments": arguments})["result"]

    def close(self):
        self.proc.stdin.close()
        code = self.proc.wait(timeout=10)
        rest = self.proc.stdout.read()
        return code, rest


def check(mu, repo):
    client = Client([mu, "mcp", repo])
    info = client.initialize()
    assert info["serverInfo"]["name"] == "mu", info
    tools = {t["name"] for t in client.request("tools/list")["result"]["tools"]}
    assert {"find_symbol", "search", "file_outline", "function_source", "callers", "callees",
            "index_status", "refresh", "overview"} <= tools, tools
    found = client.call("find_symbol", {"name": "request"})
    assert not found.get("isError") and found["structuredContent"]["count"] >= 1, found
    bad = client.call("file_outline", {"path": "../../etc/passwd"})
    assert bad.get("isError") and "outside the repository" in bad["content"][0]["text"], bad
    huge = client.call("search", {"text": "x", "limit": 10**9})
    assert huge.get("isError"), huge
    status = client.call("index_status", {})
    assert status["structuredContent"]["stale_files"] == 0, status
    code, rest = client.close()
    assert code == 0 and rest == b"", (code, rest)
    print("mcp: ok")


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


# What bench/mcp.sh asks, in turn: names for find_symbol, words for search.
NAMES = ["join", "open", "Path.exists", "loads", "test_*", "HTTPConnection.request", "getLogger",
         "ArgumentParser.parse_args", "urlparse", "deepcopy"]
WORDS = ["parse url", "json decode", "socket timeout", "thread lock", "read file",
         "compress data", "http header", "random number", "date format", "unicode normalize"]


def bench(mu, repo, n):
    client = Client([mu, "mcp", repo])
    client.initialize()
    first = client.call("find_symbol", {"name": "join"})
    startup_ms = (time.perf_counter() - client.started) * 1000
    assert first["structuredContent"]["count"] > 0, first
    pid = client.proc.pid
    results = {}
    for tool, key, values in (("find_symbol", "name", NAMES), ("search", "text", WORDS)):
        times = []
        for i in range(n):
            t = time.perf_counter()
            reply = client.call(tool, {key: values[i % len(values)], "limit": 10})
            times.append((time.perf_counter() - t) * 1000)
            assert not reply.get("isError"), reply
        results[tool] = (percentile(times, 0.5), percentile(times, 0.99), sum(times) / len(times))
    memory = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile"):
                memory[key] = int(value.split()[0]) / 1024
    client.close()
    print(f"server start to first find_symbol answer: {startup_ms:.1f} ms")
    for tool, (p50, p99, mean) in results.items():
        print(f"{tool:12s} over {n} calls: p50 {p50:.3f} ms  p99 {p99:.3f} ms  mean {mean:.3f} ms")
    print(f"server RSS after the calls: {memory.get('VmRSS', 0):.1f} MiB: {memory.get('RssAnon', 0):.1f} MiB its own, "
          f"{memory.get('RssFile', 0):.1f} MiB mapped files (the binary, and the index pages read through the memory map)")


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "check":
        check(sys.argv[2], sys.argv[3])
    elif mode == "bench":
        bench(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        raise SystemExit(__doc__)
