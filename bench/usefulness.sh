#!/usr/bin/env bash
# Do offline summaries say something? (issue 16)
# Usage: bench/usefulness.sh [DIR...]   (default: CPython's standard library and the npm corpus;
#        each is cloned to a temp dir: tracked files only)
# Build first: swift build -c release --product mu  (or set MU=path/to/mu; a debug build gives the same shares)
#
# For every indexed function (each tree copied to a temp dir, summarized cold with the offline provider):
#   echo      the first bullet's content words are all words of the function's (qualified) name, once
#             stop words and the template words the offline summarizer adds to a name ("Converts to",
#             "Checks whether", "Initializes a new ... instance", ...) are left out and words are
#             compared with crude stems: "Converts to key val list." for `to_key_val_list` and
#             "Creates application." for `createApplication` are echoes.
#             Goal: <= 15 % of the functions that have bullets.
#   signature-only   the function has no bullets (the summarizer had nothing to say).
# Then ten random samples (fixed seed) for a reader to judge, and the search check of issue 16 on
# CPython: ten queries written before looking at any result; a query passes when its first result
# is library code (not a test or fixture) whose summary matches one of the query's words.
# Measured 2026-11-29:          echo (first bullet restates the name)   signature-only   search
#   CPython, extractive-v1:     79.0 % of 58,898                        0.0 %            3 of 10
#   CPython, extractive-v2:      0.1 % of 51,910 with bullets          11.9 %            9 of 10
#   npm, extractive-v1:         68.6 % of 7,285                         0.0 %
#   npm, extractive-v2:          0.0 % of 6,093 with bullets           16.4 %
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
MU="${MU:-$(cd "$HERE" && swift build -c release --product mu --show-bin-path 2>/dev/null)/mu}"
MU="$(cd "$(dirname "$MU")" && pwd)/$(basename "$MU")"
[ -x "$MU" ] || { echo "build mu first: swift build -c release --product mu" >&2; exit 1; }
dirs=("$@"); [ ${#dirs[@]} -eq 0 ] && dirs=(/tmp/mu-corpora/cpython-stdlib /tmp/mu-corpora/npm)
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
# No user or repository settings: the offline provider with its defaults.
export HOME="$WORK/home" MU_CONFIG="$WORK/empty.toml"; mkdir -p "$HOME"; : > "$MU_CONFIG"

# The search queries (CPython), fixed before the first run of this script.
QUERIES=(
  "parse email address"
  "compress data"
  "read configuration file"
  "create temporary directory"
  "send http request"
  "decode base64"
  "copy file permissions"
  "spawn child process"
  "format exception traceback"
  "escape html"
)

for d in "${dirs[@]}"; do
  [ -d "$d/.git" ] || { echo "skip $d (no git repository; run ../shared/scripts/real-corpora.sh)" >&2; continue; }
  rm -rf "$WORK/repo"; git clone -q --local "$d" "$WORK/repo"   # tracked files only, no .mu
  (cd "$WORK/repo" && "$MU" summarize . --provider extractive --quiet --yes >/dev/null) || true
  echo "== $(basename "$d") =="
  python3 - "$WORK/repo/.mu/mu.db" <<'PY'
import json, random, re, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
cols = {r[1] for r in db.execute("PRAGMA table_info(functions)")}
sig_col = "f.signature" if "signature" in cols else "''"
rows = db.execute(f"""
    SELECT f.path, f.start_line, f.name, f.qualified_name, {sig_col}, s.bullets
    FROM functions f LEFT JOIN summaries s ON s.key = f.summary_key""").fetchall()
STOP = set("""a an the to of for and or in on at by with from into onto as is are be been being it its this
that these those than then else if when while whether not no yes all any each every some one two via
per over under up down out off new given specified current instance object value values self this cls""".split())
# Words that frame a name in a summary ("Converts to ...", "Checks whether ...", "Returns ...",
# "Calls ...", "Sets ..."): they carry no information of their own.
TEMPLATE = set("""converts checks handles implements initializes tests test case defines operator program
entry point anonymous function method it has can returns return result calls call sets""".split())
def forms(w):
    # The word and its crude stems: creates -> create, creat; entries -> entry; parsing -> pars, parse.
    out = {w}
    for suf in ("ies", "ing", "es", "ed", "s", "d"):
        if len(w) > len(suf) + 2 and w.endswith(suf):
            stem = w[: -len(suf)]
            out.add(stem)
            if suf == "ies": out.add(stem + "y")
            if suf == "ing": out.add(stem + "e")
    return out
def name_words(name):
    parts = re.split(r"[^A-Za-z0-9]+", name)
    out = []
    for p in parts:
        out += re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+", p)
    return set().union(*[forms(w.lower()) for w in out if w]) if out else set()
def content_words(text):
    return [w for w in (x.lower() for x in re.findall(r"[A-Za-z][A-Za-z0-9']*", text))
            if w not in STOP and w not in TEMPLATE]
total = len(rows); no_summary = 0; sig_only = 0; echo = 0; written = 0
samples = []
for path, line, name, qname, sig, bullets in rows:
    if bullets is None:
        no_summary += 1; continue
    b = json.loads(bullets)
    if not b:
        sig_only += 1; samples.append((path, line, qname, sig, b)); continue
    written += 1
    words = content_words(b[0])
    names = name_words(qname)
    if all(forms(w) & names for w in words):
        echo += 1
    samples.append((path, line, qname, sig, b))
pct = lambda n, d: f"{100.0*n/max(d,1):.1f} %"
print(f"functions: {total}  (without any summary row: {no_summary})")
print(f"first bullet only restates the name: {echo} of {written} with bullets = {pct(echo, written)}  (goal <= 15 %)")
print(f"signature-only (no bullets):          {sig_only} of {total - no_summary} = {pct(sig_only, total - no_summary)}")
random.seed(16)
print("ten random samples:")
for path, line, qname, sig, b in random.sample(samples, min(10, len(samples))):
    print(f"  {path}:{line}  {qname}")
    if not b:
        print(f"      (signature only) {sig.strip().splitlines()[0][:100] if sig.strip() else ''}")
    for x in b:
        print(f"      - {x}")
PY
  if [ "$(basename "$d")" = "cpython-stdlib" ]; then
    echo "search (first result is library code whose summary matches a query word):"
    passed=0
    for q in "${QUERIES[@]}"; do
      (cd "$WORK/repo" && "$MU" search "$q" --json --limit 3 2>/dev/null) > "$WORK/hits" || true
      verdict=$(python3 - "$q" "$WORK/hits" <<'PY'
import json, re, sys
q = sys.argv[1]
hits = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
def stem(w):
    for suf in ("ies", "ing", "es", "ed", "s"):
        if len(w) > len(suf) + 2 and w.endswith(suf): return w[: -len(suf)]
    return w
terms = {stem(w) for w in re.findall(r"[a-z0-9]+", q.lower())}
def is_test(path):
    parts = path.lower().split("/")
    return any(p in ("test", "tests", "testing", "idle_test", "fixtures", "fixture") or p.startswith("test_") for p in parts)
def text(h):
    s = h.get("summary") or h.get("bullets") or ""
    if isinstance(s, list): s = " ".join(s)
    return (s + " " + (h.get("doc") or "")).lower()
ok = False
if hits:
    h = hits[0]
    words = {stem(w) for w in re.findall(r"[a-z0-9]+", text(h))}
    ok = not is_test(h.get("path", "")) and bool(terms & words)
print("PASS" if ok else "FAIL")
for h in hits:
    s = h.get("summary") or h.get("bullets") or ""
    if isinstance(s, list): s = " / ".join(s)
    print(f"      {h.get('path')}:{h.get('start_line')} {h.get('qualified_name')} -- {str(s)[:110]}")
PY
)
      echo "  $(echo "$verdict" | head -1)  \"$q\""; echo "$verdict" | tail -n +2
      case "$verdict" in PASS*) passed=$((passed+1));; esac
    done
    echo "search: $passed of ${#QUERIES[@]} queries pass (goal >= 8)"
  fi
done
