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
check "ctags missing" 1 env MU_CTAGS=/nonexistent/ctags "$MU" functions "$TMP/repo"
expect_text "ctags message" "$TMP/err" "universal-ctags"
printf '[llm]\ntemprature = 0.5\n' > "$TMP/repo/.murc.toml"
check "unknown config key" 1 "$MU" functions "$TMP/repo"
expect_text "config key line" "$TMP/err" ".murc.toml:2"
rm "$TMP/repo/.murc.toml"
check "config init" 0 "$MU" config init "$TMP/repo"
check "config init never overwrites" 1 "$MU" config init "$TMP/repo"
check "config show json" 0 env ANTHROPIC_API_KEY=sk-ant-secret-value-123456 "$MU" config show --json "$TMP/repo"
if ! grep -q "secret-value" "$TMP/out"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL key not masked"; fi
check "help" 0 "$MU" --help
check "functions help" 0 "$MU" functions --help
check "unknown flag" 64 "$MU" functions --bogus
check "completion script" 0 "$MU" --generate-completion-script bash

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
