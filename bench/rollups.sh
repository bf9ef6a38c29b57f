#!/usr/bin/env bash
# Roll-up cost on a real tree, with a loopback fake provider (OpenAI wire format, no latency, its own
# reply per prompt so an edited function gets a new summary):
#  - a first run: roll-up calls next to the files and directories that hold functions (one roll-up
#    each, plus the repository);
#  - an edit to one function: the roll-ups made again (its file, each directory above it, the
#    repository) and the provider requests (that function, then those roll-ups);
#  - a second run: nothing.
# Provider requests come from the fake's own count; roll-ups from `mu summarize --json`.
# Usage: bench/rollups.sh [DIR]   (default /tmp/mu-corpora/cpython-stdlib, copied to a temp dir;
# about 2 minutes on CPython's 58,918 functions, each one a request to the fake)
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
MU="${MU:-$(cd "$HERE" && swift build -c release --static-swift-stdlib --product mu --show-bin-path 2>/dev/null)/mu}"
[ -x "$MU" ] || { echo "build mu first: make release" >&2; exit 1; }
FAKE_PROVIDER="${FAKE_PROVIDER:-$(dirname "$MU")/mu-fake-provider}"
[ -x "$FAKE_PROVIDER" ] || { echo "build the fake provider first: swift build -c release --static-swift-stdlib --product mu-fake-provider" >&2; exit 1; }
SRC="${1:-/tmp/mu-corpora/cpython-stdlib}"
[ -d "$SRC/.git" ] || { echo "no git repository at $SRC (run ../shared/scripts/real-corpora.sh)" >&2; exit 1; }
WORK="$(mktemp -d)"
"$FAKE_PROVIDER" --format openai --distinct-replies --port-file "$WORK/port" --stats-file "$WORK/stats" &
FAKE=$!; trap 'kill $FAKE 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do [ -s "$WORK/port" ] && break; sleep 0.1; done
cp -a "$SRC" "$WORK/repo"; cd "$WORK/repo"; rm -rf .mu
cat > .murc.toml <<TOML
[llm]
provider = "openai-compatible"
model = "fake-model"
concurrency = 16
[llm.openai-compatible]
base_url = "http://127.0.0.1:$(cat "$WORK/port")/v1"
TOML
requests() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['requests'])" "$WORK/stats"; }
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }
run() { "$MU" summarize . --yes --quiet --json > "$WORK/$1.json"; }

run cold
cold_requests=$(requests)
read -r files dirs < <(python3 - .mu/mu.db <<'PY'
import os, sqlite3, sys
paths = [row[0] for row in sqlite3.connect(sys.argv[1]).execute("SELECT DISTINCT path FROM functions")]
dirs = {os.path.dirname(p) for p in paths}
for d in list(dirs):
    while d:
        dirs.add(d); d = os.path.dirname(d)
dirs.discard("")
print(len(paths), len(dirs))
PY
)
stored=$(python3 -c "import sqlite3,sys; print(' '.join(f'{k} {n}' for k, n in sqlite3.connect(sys.argv[1]).execute('SELECT kind, count(*) FROM rollups GROUP BY kind ORDER BY kind')))" .mu/mu.db)

git ls-files '*.py' > "$WORK/files"
edited=$(python3 "$HERE/bench/edit-one.py" "$WORK/files" _mu_bench)
before=$(requests); run edit; edit_requests=$(( $(requests) - before ))
depth=$(python3 -c "import sys; print(sys.argv[1].count('/'))" "$edited")
before=$(requests); run again; again_requests=$(( $(requests) - before ))

echo "tree: $SRC ($(field "$WORK/cold.json" functions) functions in $files files under $dirs directories)"
printf "%-34s %7s roll-ups, %7s provider requests   (files + directories + repository = %s; stored: %s)\n" \
  "first run" "$(field "$WORK/cold.json" rollups_summarized)" "$cold_requests" "$((files + dirs + 1))" "$stored"
echo "edited: $edited"
printf "%-34s %7s roll-ups, %7s provider requests   (expected: 1 function + 1 file + %s directories + repository = %s requests)\n" \
  "edit one function" "$(field "$WORK/edit.json" rollups_summarized)" "$edit_requests" "$depth" "$((depth + 3))"
printf "%-34s %7s roll-ups, %7s provider requests\n" "second run, nothing changed" "$(field "$WORK/again.json" rollups_summarized)" "$again_requests"
