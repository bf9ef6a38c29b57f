#!/usr/bin/env bash
# End-to-end checks of the mu binary: real git repositories in temp dirs, exit codes, output shapes.
# Usage: scripts/cli-tests.sh PATH/TO/mu
set -uo pipefail
MU="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
pass=0; fail=0
check() { # name, expected exit, command...
  local name="$1" want="$2"; shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"; local got=$?
  if [ "$got" = "$want" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $name: exit $got, want $want"; sed 's/^/  /' "$TMP/err" | head -5; fi
}
expect_text() { # name, file, text
  if grep -qF -- "$3" "$2"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $1: '$3' not in $(basename "$2")"; head -5 "$2" | sed 's/^/  /'; fi
}
git_repo() { mkdir -p "$1" && git -C "$1" init -q -b main && git -C "$1" config user.email t@example.com && git -C "$1" config user.name t; }

# A sample repository from the fixtures.
git_repo "$TMP/repo"; cp -R "$ROOT/fixtures/src/." "$TMP/repo/"; git -C "$TMP/repo" add -A; git -C "$TMP/repo" commit -qm sample

check "functions human" 0 "$MU" functions "$TMP/repo"
expect_text "human groups by file" "$TMP/out" "decorators.py"
expect_text "human summary on stderr" "$TMP/err" "functions in"
check "functions json" 0 "$MU" functions "$TMP/repo" --json
lines=$(wc -l <"$TMP/out"); total=$(cat "$ROOT"/fixtures/expected/*.tsv | wc -l)
if [ "$lines" = "$total" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL json line count $lines != golden $total"; fi
if python3 -c '
import json,sys
keys=["path","language","name","qualified_name","kind","start_line","end_line","hash"]
for l in open(sys.argv[1]):
    d=json.loads(l); assert list(d)==keys, list(d); assert len(d["hash"])==64
' "$TMP/out"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL json fields"; fi
check "functions subdir file" 0 "$MU" functions "$TMP/repo/tricky.go" --json
expect_text "file scope" "$TMP/out" '"qualified_name":"Server.Handle"'
check "verbose lists skips" 0 "$MU" functions "$TMP/repo" --verbose
check "quiet" 0 "$MU" functions "$TMP/repo" --quiet
if [ ! -s "$TMP/err" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL quiet wrote stderr"; fi

# Bad input: one line, exit 1, no stack trace.
check "missing path" 1 "$MU" functions "$TMP/nope"
expect_text "missing path message" "$TMP/err" "no such file or directory"
git init -q --bare "$TMP/bare.git"
check "bare repo" 1 "$MU" functions "$TMP/bare.git"
expect_text "bare message" "$TMP/err" "bare git repository"
mkdir -p "$TMP/plain"
check "not a repo" 1 "$MU" functions "$TMP/plain"
expect_text "not a repo message" "$TMP/err" "not inside a git repository"
git_repo "$TMP/empty"
check "empty repo" 0 "$MU" functions "$TMP/empty" --json
check "grammar missing" 1 env MU_TREE_SITTER_LANGUAGES=/nonexistent/languages.so "$MU" functions "$TMP/repo"
expect_text "grammar message" "$TMP/err" "make setup"
if [ "$(wc -l <"$TMP/err")" = 1 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL grammar missing: not one line"; cat "$TMP/err"; fi
printf '[llm]\ntemprature = 0.5\n' > "$TMP/repo/.murc.toml"
check "unknown config key" 1 "$MU" functions "$TMP/repo"
expect_text "config key line" "$TMP/err" ".murc.toml:2"
rm "$TMP/repo/.murc.toml"
check "config init" 0 "$MU" config init "$TMP/repo"
check "config init never overwrites" 1 "$MU" config init "$TMP/repo"
check "config show json" 0 env ANTHROPIC_API_KEY=sk-ant-secret-value-123456 "$MU" config show --json "$TMP/repo"
if ! grep -q "secret-value" "$TMP/out"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL key not masked"; fi
# summarize, query, search, show, status, cache (offline extractive provider, private HOME).
export HOME="$TMP/home"; mkdir -p "$HOME"
rm -f "$TMP/repo/.murc.toml"
check "query before any index" 1 "$MU" query foo --path "$TMP/repo"
expect_text "no index message" "$TMP/err" "mu summarize"
check "summarize cold" 0 "$MU" summarize "$TMP/repo" --json
python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
keys=["provider","model","files_scanned","files_changed","functions","cache_hits_memory","cache_hits_disk","cache_hits_remote","llm_requests","summarized","failed","input_tokens","output_tokens","cached_input_tokens","cost_usd","duration_s","redactions","truncated","files_unreadable","batches_submitted","batch_requests","batches_collected","waiting_for_batch","rollups_summarized","rollups_reused","rollups_failed","stopped"]
assert list(d)==keys, list(d)
assert d["provider"]=="extractive" and d["functions"]>60 and d["summarized"]==d["functions"] or d["summarized"]>0, d
assert d["rollups_summarized"]>0 and d["rollups_failed"]==0, d
' "$TMP/out" && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL summarize json"; cat "$TMP/out"; }
expect_text "extractive notice" "$TMP/err" "offline extractive summaries"
check "summarize no-op" 0 "$MU" summarize "$TMP/repo" --json
expect_text "no-op changes nothing" "$TMP/out" '"files_changed":0'
expect_text "no-op no calls" "$TMP/out" '"summarized":0'
cd "$TMP/repo"; check "query exact" 0 "$MU" query request; cd - >/dev/null
expect_text "query finds Session.request" "$TMP/out" "Session.request"
cd "$TMP/repo"; check "query glob json" 0 "$MU" query 'Widget.*' --json; cd - >/dev/null
expect_text "glob json" "$TMP/out" '"match":"glob"'
cd "$TMP/repo"; check "query metacharacters" 0 "$MU" query '"; DROP TABLE functions; --'; cd - >/dev/null
cd "$TMP/repo"; check "search" 0 "$MU" search "brace string"; cd - >/dev/null
cd "$TMP/repo"; check "search metacharacters" 0 "$MU" search '"NEAR * -(' --json; cd - >/dev/null
cd "$TMP/repo"; check "sql trace" 0 env MU_TRACE_SQL=1 "$MU" search "brace string"; cd - >/dev/null
expect_text "sql trace names the search statement" "$TMP/err" "WHERE functions_fts MATCH '\"brace\" \"string\"'"
check "show file" 0 "$MU" show "$TMP/repo/tricky.go"
expect_text "show lists functions" "$TMP/out" "Server.Handle"
check "show line" 0 "$MU" show "$TMP/repo/tricky.go:12" --json
expect_text "show line innermost" "$TMP/out" '"qualified_name":"Server.Handle"'
check "show line outside" 1 "$MU" show "$TMP/repo/tricky.go:2"
check "status" 0 "$MU" status "$TMP/repo"
check "status json" 0 "$MU" status "$TMP/repo" --json
expect_text "status fields" "$TMP/out" '"stale_files":0'
check "show repository roll-up" 0 "$MU" show "$TMP/repo"
expect_text "repository roll-up" "$TMP/out" "repository"
check "show roll-up json" 0 "$MU" show "$TMP/repo" --json
expect_text "roll-up kind" "$TMP/out" '"kind":"repository"'
# mu export: every function with provenance (docs/export.md), four formats, --paths, one-line errors.
check "export jsonl" 0 "$MU" export "$TMP/repo"
python3 - "$TMP/out" "$TMP/repo/.mu/mu.db" <<'PY' && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL export jsonl rows"; head -2 "$TMP/out"; }
import json, sqlite3, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
n = sqlite3.connect(sys.argv[2]).execute("select count(*) from functions").fetchone()[0]
assert len(rows) == n > 60, (len(rows), n)
keys = {"schema","repository","commit","path","span","language","name","qualified_name","kind","signature","body_hash","summary"}
for r in rows:
    assert set(r) == keys and r["schema"] == "mu.export/1", r
    s = r["summary"]
    assert s is None or (s["provider"] == "extractive" and isinstance(s["bullets"], list) and isinstance(s["tokens"]["input"], int)
                         and isinstance(s["latency_ms"], int) and isinstance(s["cost_usd"], (int, float))), s
assert any(r["summary"] for r in rows)
PY
check "export html to a file" 0 "$MU" export "$TMP/repo" --format html --out "$TMP/export.html"
expect_text "html search box" "$TMP/export.html" 'id="mu-search"'
expect_text "html file tree" "$TMP/export.html" '<nav id="tree"'
if ! grep -qiE '(src|href)="(https?:)?//' "$TMP/export.html" && [ ! -s "$TMP/out" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL html not self-contained or wrote stdout"; fi
check "export markdown --paths" 0 "$MU" export "$TMP/repo" --format markdown --paths '*.go'
expect_text "markdown go section" "$TMP/out" '## `tricky.go`'
if ! grep -q '^## `.*\.py`' "$TMP/out"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL --paths kept python files"; fi
check "export json document" 0 "$MU" export "$TMP/repo" --format json --out -
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["schema"]=="mu.export/1" and d["functions"] and "rollups" in d, list(d)' "$TMP/out" \
  && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL export json document"; }
check "export unwritable path" 1 "$MU" export "$TMP/repo" --out "$TMP/no-such-dir/export.jsonl"
expect_text "export unwritable message" "$TMP/err" "cannot write the export to"
if [ "$(wc -l <"$TMP/err")" = 1 ] && [ ! -e "$TMP/no-such-dir" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL export error not one line"; cat "$TMP/err"; fi
check "export into a directory" 1 "$MU" export "$TMP/repo" --out "$TMP"
check "export without an index" 1 "$MU" export "$TMP/empty"
expect_text "export no index message" "$TMP/err" "mu summarize"
check "export outside git" 1 "$MU" export "$TMP/plain"
check "export bad format" 64 "$MU" export "$TMP/repo" --format pdf

# MCP over stdio (scripts/mcp-client.py: raw JSON-RPC; stdout must carry nothing but protocol lines).
check "mcp protocol" 0 python3 "$ROOT/scripts/mcp-client.py" check "$MU" "$TMP/repo"
expect_text "mcp checks" "$TMP/out" "mcp: ok"
check "mcp print-config claude" 0 "$MU" mcp "$TMP/repo" --print-config claude
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["mcpServers"]["mu"]["args"][0]=="mcp"' "$TMP/out" && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL print-config json"; }
check "mcp print-config vscode" 0 "$MU" mcp "$TMP/repo" --print-config vscode
expect_text "vscode servers" "$TMP/out" '"servers"'
check "mcp print-config unknown" 64 "$MU" mcp "$TMP/repo" --print-config emacs
# `mu mcp` execs mu-mcp from beside the mu binary: without it, one line and exit 1.
mkdir -p "$TMP/lonely" && cp "$MU" "$TMP/lonely/mu"
check "mcp without mu-mcp" 1 "$TMP/lonely/mu" mcp "$TMP/repo"
expect_text "mcp without mu-mcp message" "$TMP/err" "cannot start the MCP server"
check "mcp not a repo" 1 "$MU" mcp "$TMP/plain"
expect_text "mcp not a repo message" "$TMP/err" "not inside a git repository"
cd "$TMP/repo"; check "callees" 0 "$MU" callees request; cd - >/dev/null
cd "$TMP/repo"; check "callers unknown" 1 "$MU" callers no_such_function_here; cd - >/dev/null
expect_text "callers unknown message" "$TMP/err" "no indexed function matches"
check "cache stats" 0 "$MU" cache stats "$TMP/repo"
# Read commands read only the keys they use and never write the index.
printf '[llm]\nconcurrency = "lots"\n' > "$TMP/repo/.murc.toml"
cd "$TMP/repo"; check "query ignores a bad [llm] value" 0 "$MU" query request; cd - >/dev/null
check "summarize still reports it" 1 "$MU" summarize "$TMP/repo"
rm "$TMP/repo/.murc.toml"
sum_before=$(cat "$TMP/repo/.mu/mu.db" "$TMP/repo/.mu/mu.db-wal" 2>/dev/null | cksum)
cd "$TMP/repo"; "$MU" query request >/dev/null; "$MU" search brace >/dev/null; "$MU" status . >/dev/null; cd - >/dev/null
if [ "$(cat "$TMP/repo/.mu/mu.db" "$TMP/repo/.mu/mu.db-wal" 2>/dev/null | cksum)" = "$sum_before" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL read commands changed mu.db"; fi
check "cache prune" 0 "$MU" cache prune "$TMP/repo"
check "cache clear model" 0 "$MU" cache clear "$TMP/repo" --model extractive-v2
expect_text "cleared" "$TMP/out" "removed"
# Damaged bytes in the middle of the index: every command reading it gives the one line with the
# recovery hint and exit 1 (no counts, no answers from broken pages, no stack trace).
python3 - "$TMP/repo/.mu/mu.db" <<'PY'
import sqlite3, sys
path = sys.argv[1]
c = sqlite3.connect(path); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.close()
size = len(open(path, "rb").read())
with open(path, "r+b") as f:
    f.seek(size // 2); f.write(b"\xa5" * 8192)
PY
cd "$TMP/repo"
for cmd in "query request" "search brace" "show tricky.go" "callers request" "callees request" "status" "cost" "cache stats"; do
  check "damaged index: $cmd" 1 "$MU" $cmd
  expect_text "damaged index: $cmd names the fix" "$TMP/err" "mu cache clear --all"
  if [ "$(wc -l <"$TMP/err")" = 1 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL damaged index: $cmd: not one line"; cat "$TMP/err"; fi
done
cd - >/dev/null
# A corrupt index: a clear error, and `mu cache clear --all` recovers.
printf 'this is not a database at all, just some text of some length to fill a page' > "$TMP/repo/.mu/mu.db"
rm -f "$TMP/repo/.mu/mu.db-wal" "$TMP/repo/.mu/mu.db-shm"
check "corrupt index" 1 "$MU" summarize "$TMP/repo"
expect_text "corrupt message names the fix" "$TMP/err" "mu cache clear --all"
check "clear --all" 0 "$MU" cache clear --all "$TMP/repo"
check "rebuild after clear" 0 "$MU" summarize "$TMP/repo" --quiet
# An unreachable provider with a bad key fails fast with exit 3 or a clear config error (no network here).
check "missing key" 1 env -u ANTHROPIC_API_KEY "$MU" summarize "$TMP/repo" --provider anthropic
expect_text "missing key message" "$TMP/err" "ANTHROPIC_API_KEY"

# A provider on loopback (mu-fake-provider, MuTestSupport's fake server, built beside mu; it speaks
# OpenAI chat completions here): exit codes 3 and 4.
FAKE_PROVIDER="${FAKE_PROVIDER:-$(dirname "$MU")/mu-fake-provider}"
[ -x "$FAKE_PROVIDER" ] || { echo "cli: building mu-fake-provider" >&2; (cd "$ROOT" && swift build --product mu-fake-provider >&2); }
fake() { # status port-file: starts the fake server, waits for its port
  "$FAKE_PROVIDER" --format openai --status "$1" --port-file "$2" --stats-file "$2.stats" & FAKES="${FAKES:-} $!"
  for i in $(seq 50); do [ -s "$2" ] && break; sleep 0.1; done
}
trap 'kill ${FAKES:-} 2>/dev/null; rm -rf "$TMP"' EXIT
git_repo "$TMP/paid"; cp "$ROOT/fixtures/src/decorators.py" "$ROOT/fixtures/src/tricky.go" "$TMP/paid/"
fake 401 "$TMP/p401"
check "credentials refused exits 3" 3 env OPENAI_API_KEY=sk-test OPENAI_BASE_URL="http://127.0.0.1:$(cat "$TMP/p401")/v1" "$MU" summarize "$TMP/paid" --provider openai --yes
expect_text "refusal explained" "$TMP/out" "refused"
reqs=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["requests"])' "$TMP/p401.stats")
if [ "$reqs" -le 5 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL fail-fast sent $reqs requests"; fi
# The counts agree with what was sent: never more failures than requests (issue 9 #11 saw 10 for 5).
check "credentials refused json" 3 env OPENAI_API_KEY=sk-test OPENAI_BASE_URL="http://127.0.0.1:$(cat "$TMP/p401")/v1" "$MU" summarize "$TMP/paid" --provider openai --yes --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert 0 < d["failed"] <= d["llm_requests"] and d["stopped"].count("refused the credentials") == 1, d' "$TMP/out" \
  && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL refused credentials counts"; cat "$TMP/out"; }
fake 200 "$TMP/p200"
check "budget stops with exit 4" 4 env OPENAI_API_KEY=sk-test OPENAI_BASE_URL="http://127.0.0.1:$(cat "$TMP/p200")/v1" "$MU" summarize "$TMP/paid" --provider openai --max-cost 0.0012 --concurrency 1 --yes --json
check "cost after a partial run" 0 env OPENAI_API_KEY=sk-test "$MU" cost "$TMP/paid" --provider openai --json
python3 -c '
import json,sys; d=json.load(open(sys.argv[1])); assert 0 < d["misses"] < d["functions"], d' "$TMP/out" && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL partial run kept its summaries"; cat "$TMP/out"; }
check "finish within budget" 0 env OPENAI_API_KEY=sk-test OPENAI_BASE_URL="http://127.0.0.1:$(cat "$TMP/p200")/v1" "$MU" summarize "$TMP/paid" --provider openai --yes --json
expect_text "finished the rest" "$TMP/out" '"failed":0'
expect_text "redaction count in --json" "$TMP/out" '"redactions":'

flaky() { git_repo "$TMP/$1"; cp "$ROOT/fixtures/src/decorators.py" "$ROOT/fixtures/src/tricky.go" "$TMP/$1/"; git -C "$TMP/$1" add -A; git -C "$TMP/$1" commit -qm s; }
# Issue 13: batch mode through the fake's OpenAI Batch endpoints: submit (exit 0, nothing live),
# then collect in a new process; providers without a batch API say so in one line (exit 1).
flaky fbatch; fake 200 "$TMP/pbatch"
check "batch needs a batch API" 1 "$MU" summarize "$TMP/fbatch" --batch --yes
expect_text "batch refusal names the providers" "$TMP/err" "has no batch API: --batch works with the anthropic and openai providers"
check "wait needs batch" 64 "$MU" summarize "$TMP/fbatch" --wait
check "batch submit" 0 env OPENAI_API_KEY=sk-test OPENAI_BASE_URL="http://127.0.0.1:$(cat "$TMP/pbatch")/v1" "$MU" summarize "$TMP/fbatch" --provider openai --batch --yes --json
python3 -c '
import json,sys; d=json.load(open(sys.argv[1])); assert d["batches_submitted"]==1 and d["batch_requests"]>0 and d["llm_requests"]==0 and d["waiting_for_batch"]>0, d' "$TMP/out" && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL batch submit json"; cat "$TMP/out"; }
cd "$TMP/fbatch"
check "batch status" 0 env OPENAI_API_KEY=sk-test OPENAI_BASE_URL="http://127.0.0.1:$(cat "$TMP/pbatch")/v1" "$MU" batch status --provider openai
expect_text "batch status line" "$TMP/out" "batch_fake_"
check "batch collect" 0 env OPENAI_API_KEY=sk-test OPENAI_BASE_URL="http://127.0.0.1:$(cat "$TMP/pbatch")/v1" MU_BATCH_POLL_SECONDS=0.05 "$MU" batch collect --provider openai --wait --json
expect_text "batch collected" "$TMP/out" '"batches_collected":1'
cd - >/dev/null
# The stats file counts live chat completions only (written on the first one).
reqs=$(python3 -c 'import json,os,sys; print(json.load(open(sys.argv[1]))["requests"] if os.path.exists(sys.argv[1]) else 0)' "$TMP/pbatch.stats")
if [ "$reqs" = 0 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL batch mode sent $reqs live requests"; fi

# Issue 9: a failing provider stops early with exit 1 and one line quoting the server, even with --quiet.
flaky f500; fake 500 "$TMP/p500"
check "all 500 stops with exit 1" 1 env OPENAI_API_KEY=sk-test OPENAI_BASE_URL="http://127.0.0.1:$(cat "$TMP/p500")/v1" "$MU" summarize "$TMP/f500" --provider openai --yes --quiet --max-retries 0 --concurrency 1
expect_text "all 500 quotes the server" "$TMP/out" "The server had an error while processing your request"
reqs=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["requests"])' "$TMP/p500.stats")
if [ "$reqs" -le 3 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL all-500 sent $reqs requests"; fi
flaky f404; fake 404 "$TMP/p404"
check "unknown model exits 1" 1 env OPENAI_API_KEY=sk-test OPENAI_BASE_URL="http://127.0.0.1:$(cat "$TMP/p404")/v1" "$MU" summarize "$TMP/f404" --provider openai --model gpt-nine --yes --quiet
expect_text "unknown model named" "$TMP/out" '"gpt-nine"'
expect_text "unknown model points to mu models" "$TMP/out" "mu models"
flaky fhang
"$FAKE_PROVIDER" --format openai --hang --port-file "$TMP/phang" & FAKES="${FAKES:-} $!"
for i in $(seq 50); do [ -s "$TMP/phang" ] && break; sleep 0.1; done
check "all hang stops with exit 1" 1 env OPENAI_API_KEY=sk-test OPENAI_BASE_URL="http://127.0.0.1:$(cat "$TMP/phang")/v1" "$MU" summarize "$TMP/fhang" --provider openai --yes --timeout 3 --max-retries 0 --concurrency 1
expect_text "all hang says timeout" "$TMP/out" "no reply within 3 s"
flaky frefused
check "connection refused exits 1" 1 env OPENAI_API_KEY=sk-test OPENAI_BASE_URL="http://127.0.0.1:9/v1" "$MU" summarize "$TMP/frefused" --provider openai --yes --quiet
expect_text "connection refused explained" "$TMP/out" "could not reach the provider"
# SIGTERM during a run: one line saying what was kept, exit 143; mu status shows the run as interrupted.
flaky fkill
"$FAKE_PROVIDER" --format openai --hang --port-file "$TMP/pkill" & FAKES="${FAKES:-} $!"
for i in $(seq 50); do [ -s "$TMP/pkill" ] && break; sleep 0.1; done
env OPENAI_API_KEY=sk-test OPENAI_BASE_URL="http://127.0.0.1:$(cat "$TMP/pkill")/v1" "$MU" summarize "$TMP/fkill" --provider openai --yes >"$TMP/out" 2>"$TMP/err" &
mupid=$!; sleep 3; kill -TERM "$mupid"; wait "$mupid"; code=$?
if [ "$code" = 143 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL SIGTERM exit $code, want 143"; fi
expect_text "SIGTERM says what was kept" "$TMP/err" "kept in the index"
check "status after a killed run" 0 "$MU" status "$TMP/fkill"
expect_text "killed run shows as interrupted" "$TMP/out" "last run   interrupted"
# A keyed OpenAI-compatible gateway gets the key named by api_key_env.
flaky keyed; fake 200 "$TMP/pkeyed"
printf '[llm]\nprovider = "openai-compatible"\nmodel = "m"\n[llm.openai-compatible]\nbase_url = "http://127.0.0.1:%s/v1"\napi_key_env = "GATEWAY_KEY"\n' "$(cat "$TMP/pkeyed")" > "$TMP/keyed/.murc.toml"
check "keyed gateway" 0 env GATEWAY_KEY=sk-gateway "$MU" summarize "$TMP/keyed" --yes --quiet
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["requests"] > 0 and d["authorized"] == d["requests"], d' "$TMP/pkeyed.stats" \
  && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL keyed gateway got no Authorization header"; }
# mu experiment (issue 12): usage errors and a missing index are one line and exit 1; a run over the
# keyed gateway writes one JSONL row per cell and function; `report` recomputes the table; Ctrl-C keeps rows.
check "experiment bad --param" 1 "$MU" experiment "$TMP/keyed" --param temperature
expect_text "bad --param message" "$TMP/err" "expected NAME=VALUE1,VALUE2"
check "experiment unknown strategy" 1 "$MU" experiment "$TMP/keyed" --strategies direct,telepathy
expect_text "unknown strategy message" "$TMP/err" 'unknown strategy "telepathy"'
check "experiment unknown parameter" 1 "$MU" experiment "$TMP/keyed" --param top_k=1,2
expect_text "unknown parameter message" "$TMP/err" "unknown parameter"
check "experiment --vary without template" 1 env GATEWAY_KEY=k "$MU" experiment "$TMP/keyed" --vary audience=a,b --yes
expect_text "vary needs template" "$TMP/err" "needs --template"
flaky noindex
check "experiment without an index" 1 "$MU" experiment "$TMP/noindex" --provider ollama
expect_text "no index message" "$TMP/err" 'run `mu summarize` there first'
if [ "$(wc -l <"$TMP/err")" = 1 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL no index: not one line"; cat "$TMP/err"; fi
check "experiment run" 0 env GATEWAY_KEY=k "$MU" experiment "$TMP/keyed" --strategies direct,instruction --models m,m2 --sample 3 --out "$TMP/exp.jsonl" --baseline 1 --yes
expect_text "experiment table" "$TMP/out" "vs baseline direct/m"
if [ "$(wc -l <"$TMP/exp.jsonl")" = 12 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL experiment rows: $(wc -l <"$TMP/exp.jsonl") != 12"; fi
check "experiment report" 0 "$MU" experiment report "$TMP/exp.jsonl" --format markdown --baseline direct/m
expect_text "report markdown" "$TMP/out" "| # | cell |"
check "experiment report bad baseline" 1 "$MU" experiment report "$TMP/exp.jsonl" --baseline nope
check "experiment report missing file" 1 "$MU" experiment report "$TMP/nope.jsonl"
check "experiment estimate above --max-cost" 4 env GATEWAY_KEY=k "$MU" experiment "$TMP/keyed" --models gpt-4.1 --provider openai --sample 3 --max-cost 0.000001 --yes --out "$TMP/exp2.jsonl"
flaky fint; "$MU" summarize "$TMP/fint" --quiet >/dev/null 2>&1
"$FAKE_PROVIDER" --format openai --latency 1 --port-file "$TMP/pint" --stats-file "$TMP/pint.stats" & FAKES="${FAKES:-} $!"
for i in $(seq 50); do [ -s "$TMP/pint" ] && break; sleep 0.1; done
printf '[llm]\nprovider = "openai-compatible"\nmodel = "m"\nconcurrency = 1\n[llm.openai-compatible]\nbase_url = "http://127.0.0.1:%s/v1"\n' "$(cat "$TMP/pint")" > "$TMP/fint/.murc.toml"
"$MU" experiment "$TMP/fint" --sample 8 --out "$TMP/int.jsonl" --yes >"$TMP/out" 2>"$TMP/err" &
mupid=$!; sleep 4.5; kill -INT "$mupid"; wait "$mupid"; code=$?
if [ "$code" = 130 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL experiment SIGINT exit $code, want 130"; fi
expect_text "SIGINT says rows are kept" "$TMP/err" "kept in $TMP/int.jsonl"
kept=$(wc -l <"$TMP/int.jsonl")
if [ "$kept" -ge 2 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL SIGINT kept $kept rows"; fi
check "experiment after SIGINT" 0 "$MU" experiment "$TMP/fint" --sample 8 --out "$TMP/int2.jsonl" --yes
python3 -c '
import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]; sent=json.load(open(sys.argv[2]))["requests"]; kept=int(sys.argv[3])
assert len(rows) == 8 and sum(r["cached"] for r in rows) >= kept, (len(rows), kept)
assert sent <= 8 + 1, sent  # at most the call in flight at Ctrl-C is paid twice
' "$TMP/int2.jsonl" "$TMP/pint.stats" "$kept" && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL rerun after SIGINT paid twice"; }
# Flags: every flag .murc.toml.example names is accepted; bad numbers are exit 1 with the rule.
for flag in $(grep -o -- '--[a-z][a-z-]*' "$ROOT/.murc.toml.example" | sort -u); do
  case "$flag" in
    --provider) value=extractive ;; --model) value=some-model ;; --strategy) value=direct ;;
    --temperature) value=0.5 ;; --max-cost) value=1.5 ;; --timeout) value=5 ;; *) value=2 ;;
  esac
  case "$flag" in
    --require-remote-cache) check "flag $flag accepted" 0 "$MU" summarize "$TMP/repo" --dry-run "$flag" ;; # summarize-only switch
    *) check "flag $flag accepted" 0 "$MU" cost "$TMP/repo" "$flag" "$value" ;;
  esac
done
check "negative concurrency" 1 "$MU" summarize "$TMP/repo" --concurrency -1
expect_text "negative concurrency rule" "$TMP/err" "at least 1"
check "negative max-cost" 1 "$MU" summarize "$TMP/repo" --max-cost -5
expect_text "negative max-cost rule" "$TMP/err" "0 or more"
check "infinite max-cost" 1 "$MU" summarize "$TMP/repo" --max-cost inf
expect_text "infinite max-cost rule" "$TMP/err" "a finite number"
check "models" 0 "$MU" models
expect_text "models lists claude" "$TMP/out" "claude-haiku-4-5"
check "models json" 0 "$MU" models --json
check "doctor offline" 0 "$MU" doctor "$TMP/repo" --offline
check "doctor unreachable" 1 env MU_PROVIDER=ollama OLLAMA_HOST=127.0.0.1:9 "$MU" doctor "$TMP/repo"
expect_text "doctor fix line" "$TMP/out" "fix:"

# The shared PostgreSQL cache (a closed loopback port: no server): one warning line, the run goes on;
# --require-remote-cache makes it exit 1; a password is never printed.
DEADPG="postgres://mu:pg-secret-pw@127.0.0.1:9/mu?sslmode=disable"
touch "$TMP/repo/remote_probe.py" && printf 'def remote_probe(x):\n    return x\n' > "$TMP/repo/remote_probe.py"
check "remote cache unreachable warns" 0 env MU_CACHE_URL="$DEADPG" "$MU" summarize "$TMP/repo"
expect_text "remote warning" "$TMP/err" "unreachable: connection refused; continuing on the local cache"
if [ "$(grep -c "remote cache" "$TMP/err")" = 1 ] && ! grep -q "pg-secret-pw" "$TMP/err"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL remote warning not one masked line"; cat "$TMP/err"; fi
check "require remote cache exits 1" 1 env MU_CACHE_URL="$DEADPG" "$MU" summarize "$TMP/repo" --require-remote-cache
if [ "$(wc -l < "$TMP/err")" = 1 ] && ! grep -q "pg-secret-pw" "$TMP/err"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL require: not one masked line"; cat "$TMP/err"; fi
printf '[cache]\nurl = "postgres://mu:pw@db/mu"\n' > "$TMP/repo/.murc.toml"
check "password in a file refused" 1 "$MU" summarize "$TMP/repo" --require-remote-cache
expect_text "password in file message" "$TMP/err" "PGPASSWORD"
check "config show masks the cache url" 0 env MU_CACHE_URL="$DEADPG" "$MU" config show "$TMP/repo"
if ! grep -q "pg-secret-pw" "$TMP/out"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL cache url not masked"; fi
rm "$TMP/repo/.murc.toml"
check "cache stats names the remote failure" 0 env MU_CACHE_URL="$DEADPG" "$MU" cache stats "$TMP/repo"
expect_text "stats remote line" "$TMP/out" "remote: remote cache postgres://mu:***@127.0.0.1:9/mu"
check "cache push unreachable exits 1" 1 env MU_CACHE_URL="$DEADPG" "$MU" cache push "$TMP/repo"
check "cache prune --remote unreachable exits 1" 1 env MU_CACHE_URL="$DEADPG" "$MU" cache prune --remote "$TMP/repo"
if [ "$(wc -l < "$TMP/err")" = 1 ] && ! grep -q "pg-secret-pw" "$TMP/err"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL prune --remote: not one masked line"; cat "$TMP/err"; fi

check "help" 0 "$MU" --help
check "functions help" 0 "$MU" functions --help
check "unknown flag" 64 "$MU" functions --bogus
check "completion script" 0 "$MU" --generate-completion-script bash

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
