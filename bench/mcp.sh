#!/usr/bin/env bash
# `mu mcp` latency from a client process over stdio, next to the same client against a minimal
# Python MCP server that only echoes (the floor of one stdio round trip).
#  - find_symbol and search: p50/p99 over N calls each on one server (goal: p50 <= 1 ms, p99 <= 10 ms)
#  - server start to the first answer, and the server's RSS after the calls (its own and mapped files)
#  - the floor of a search call: its SQL statement alone, run in-process by python3's sqlite3, plus the
#    echo round trip
# The index: a local clone of DIR (default /tmp/mu-corpora/cpython-stdlib, made by
# ../shared/scripts/real-corpora.sh) summarized once with the offline provider, kept in
# /tmp/mu-bench-mcp-<name> for later runs.
# Usage: bench/mcp.sh [DIR] [N]   (N = 1000). MU=/path/to/mu picks the binary (default: release);
# BENCH_REPO=/path uses that indexed copy instead of /tmp/mu-bench-mcp-<name>.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
MU="${MU:-$(cd "$HERE" && swift build -c release --product mu --show-bin-path 2>/dev/null)/mu}"
[ -x "$MU" ] || { echo "build mu first: swift build -c release --product mu" >&2; exit 1; }
DIR="${1:-/tmp/mu-corpora/cpython-stdlib}"; N="${2:-1000}"
# BENCH_REPO= names another indexed copy (e.g. one a newer schema may migrate without touching the shared one).
REPO="${BENCH_REPO:-/tmp/mu-bench-mcp-$(basename "$DIR")}"
if [ ! -f "$REPO/.mu/mu.db" ]; then
  rm -rf "$REPO"; git clone -q --local "$DIR" "$REPO"
  echo "indexing $REPO (offline summaries, once)…" >&2
  /usr/bin/time -f "index: %e s, %M KB peak" "$MU" summarize "$REPO" --quiet --yes >/dev/null
fi
"$MU" status "$REPO" | sed -n 1,2p
echo "== mu mcp ($MU)"
python3 "$HERE/scripts/mcp-client.py" bench "$MU" "$REPO" "$N"
echo "== reference: the same server with tools/call left to the SDK's handlers (MU_MCP_SHORTCUT=0)"
MU_MCP_SHORTCUT=0 python3 "$HERE/scripts/mcp-client.py" bench "$MU" "$REPO" "$N"
echo "== floor: the search statement alone, in-process (python3's sqlite3, the same libsqlite3 and file; the SQL of each word traced from mu with MU_TRACE_SQL=1)"
python3 - "$HERE" "$MU" "$REPO" "$N" <<'PY'
import importlib.util, os, sqlite3, subprocess, sys, time
here, mu, repo, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
spec = importlib.util.spec_from_file_location("client", f"{here}/scripts/mcp-client.py")
client_module = importlib.util.module_from_spec(spec); spec.loader.exec_module(client_module)
statements = []
for word in client_module.WORDS:
    traced = subprocess.run([mu, "search", word, "--limit", "10"], cwd=repo, capture_output=True, text=True,
                            env={**os.environ, "MU_TRACE_SQL": "1"}).stderr.splitlines()
    statements.append(next(line[len("sql: "):] for line in traced if line.startswith("sql: ") and "functions_fts MATCH" in line))
db = sqlite3.connect(f"file:{repo}/.mu/mu.db?mode=ro", uri=True)
db.execute("PRAGMA mmap_size = 1073741824")   # as mu's connections
for statement in statements:
    db.execute(statement).fetchall()
times = []
for i in range(n):
    t = time.perf_counter(); db.execute(statements[i % len(statements)]).fetchall(); times.append((time.perf_counter() - t) * 1000)
p = client_module.percentile
print(f"search SQL   over {n} runs:  p50 {p(times, 0.5):.3f} ms  p99 {p(times, 0.99):.3f} ms  (add the echo round trip below for the floor of a search call)")
PY
echo "== reference: the same client against bench/mcp-echo-server.py (echo only, no index)"
python3 - "$HERE" "$N" <<'PY'
import sys, time, importlib.util
here, n = sys.argv[1], int(sys.argv[2])
spec = importlib.util.spec_from_file_location("client", f"{here}/scripts/mcp-client.py")
client_module = importlib.util.module_from_spec(spec); spec.loader.exec_module(client_module)
client = client_module.Client([sys.executable, f"{here}/bench/mcp-echo-server.py"])
client.initialize()
client.call("echo", {"name": "join"})
print(f"server start to first answer: {(time.perf_counter() - client.started) * 1000:.1f} ms")
times = []
for i in range(n):
    t = time.perf_counter(); client.call("echo", {"name": "join", "limit": 10}); times.append((time.perf_counter() - t) * 1000)
p = client_module.percentile
print(f"echo         over {n} calls: p50 {p(times, 0.5):.3f} ms  p99 {p(times, 0.99):.3f} ms")
client.close()
PY
